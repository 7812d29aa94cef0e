// CutRules: directed "traffic from A to B is cut" rules that change over time (partitions).
//
// Keys are two 32-bit ids (NodeId values for host-level rules, NicId values for NIC-level
// rules). A symmetric partition is two one-way rules; a non-transitive one cuts only some
// pairs (A-C) and leaves others (A-B, B-C) open. Kept in an ordered map: heal_all() walks it.
#pragma once

#include <cstdint>
#include <map>

#include "engine/time.h"
#include "sim/net/timeline.h"

namespace quorate::sim::net {

class CutRules {
 public:
  void set(uint32_t from, uint32_t to, Instant at, bool cut) {
    rules_.try_emplace(key(from, to), false).first->second.set(at, cut);
  }
  bool cut(uint32_t from, uint32_t to, Instant at) const {
    if (rules_.empty()) [[likely]]
      return false;
    const auto it = rules_.find(key(from, to));
    return it != rules_.end() && it->second.value_at(at);
  }
  void heal_all(Instant at) {
    for (auto& [k, timeline] : rules_)
      timeline.set(at, false);
  }
  bool empty() const { return rules_.empty(); }

 private:
  static uint64_t key(uint32_t from, uint32_t to) { return (uint64_t{from} << 32) | to; }
  std::map<uint64_t, Timeline<bool>> rules_;
};

}  // namespace quorate::sim::net
