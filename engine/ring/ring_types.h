// Strong types of the totem ring: ring ids, message sequence numbers and the membership states.
//
// - RingId {rep, seq}: the representative (lowest node id of the membership) and the ring
//   sequence, which grows by 4 for every new ring over the highest seen (corosync's
//   token_ring_id_seq + 4). Shown as "(rep.seq)" with seq in hex, as corosync logs it.
// - MsgSeq: the position of a message in one ring's total order (1, 2, ...; 0 = none yet).
//   Sequence numbers of different rings are unrelated.
// - MembState: corosync's enum memb_state values (OPERATIONAL=1 ... RECOVERY=4), which also go
//   into the kRingState event.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/ids.h"

namespace quorate::ring {

struct RingId {
  NodeId rep;
  uint64_t seq = 0;
  constexpr auto operator<=>(const RingId&) const = default;
};
std::string to_string(RingId id);  // "(1.1b0)"

// A message's place in its ring's order. Plain arithmetic is needed (next, ranges), so it is a
// thin wrapper with explicit access to the number.
struct MsgSeq {
  uint64_t value = 0;
  constexpr auto operator<=>(const MsgSeq&) const = default;
  constexpr MsgSeq next() const { return MsgSeq{value + 1}; }
};

enum class MembState : uint8_t { kOperational = 1, kGather = 2, kCommit = 3, kRecovery = 4 };
std::string_view to_string(MembState state);

}  // namespace quorate::ring
