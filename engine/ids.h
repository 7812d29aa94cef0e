// Identifiers as strong types, so a node id is never passed where a link id belongs.
//
// - NodeId: corosync/knet node id. Valid ids are 1..65535 (knet host ids are u16 and corosync
//   rejects 0); NodeId{} (0) means "none". Ordered, because the ring orders members by id.
// - LinkId: knet link number 0..7 (ringX_addr); kMaxLinks links per node.
// Both are hashable with Abseil, but code whose output or behaviour depends on iteration order
// must keep them in ordered containers (std::map/std::set) or sorted vectors.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <utility>

namespace quorate {

inline constexpr int kMaxLinks = 8;
inline constexpr uint32_t kMaxNodeId = 65535;

struct NodeId {
  uint32_t value = 0;

  constexpr bool valid() const { return value >= 1 && value <= kMaxNodeId; }
  constexpr auto operator<=>(const NodeId&) const = default;
  template <typename H>
  friend H AbslHashValue(H h, NodeId id) {
    return H::combine(std::move(h), id.value);
  }
};

struct LinkId {
  uint8_t value = 0;

  constexpr bool valid() const { return value < kMaxLinks; }
  constexpr auto operator<=>(const LinkId&) const = default;
  template <typename H>
  friend H AbslHashValue(H h, LinkId id) {
    return H::combine(std::move(h), id.value);
  }
};

inline std::string to_string(NodeId id) {
  return std::to_string(id.value);
}
inline std::string to_string(LinkId id) {
  return std::to_string(id.value);
}

}  // namespace quorate
