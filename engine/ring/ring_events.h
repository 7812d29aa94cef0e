// The seam Events the ring emits (kinds and field lists documented in engine/seam.h), built in
// one place so every emitter uses the same field order.
//
// Node sets (members, joined, left) are encoded as a bitset over node ids 1..64: bit (id - 1).
// A set holding an id above 64 cannot be represented; such sets set the field `over64` to the
// number of ids left out, so a checker can refuse the trace instead of misreading it.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/ids.h"
#include "engine/ring/ring_types.h"
#include "engine/seam.h"

namespace quorate::ring {

inline constexpr uint32_t kBitsetMaxNode = 64;

enum class ConfType : uint8_t { kTransitional = 0, kRegular = 1 };

int64_t node_bitset(std::span<const NodeId> ids);
// Ids above kBitsetMaxNode among `ids`.
int64_t over_bitset(std::span<const NodeId> ids);
// The low 32 bits of FNV-1a 64 over `bytes` (the "hash" field of send and deliver events).
int64_t payload_hash(std::span<const std::byte> bytes);

Event state_event(MembState state, RingId ring);
Event send_event(uint64_t msg_id, std::span<const std::byte> payload);
Event deliver_event(NodeId origin, uint64_t msg_id, RingId ring, MsgSeq seq,
                    std::span<const std::byte> payload);
Event confchg_event(ConfType type, RingId ring, std::span<const NodeId> members,
                    std::span<const NodeId> joined, std::span<const NodeId> left);
Event processor_failed_event(Duration token, Duration consensus);
Event retransmit_list_event(std::span<const MsgSeq> seqs);
Event failed_to_receive_event();
Event malformed_event(NodeId from, uint8_t reason, size_t size);

}  // namespace quorate::ring
