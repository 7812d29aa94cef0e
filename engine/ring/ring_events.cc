#include "engine/ring/ring_events.h"

#include "engine/check.h"

namespace quorate::ring {

int64_t node_bitset(std::span<const NodeId> ids) {
  uint64_t bits = 0;
  for (NodeId id : ids) {
    QUORATE_CHECK(id.valid());
    if (id.value <= kBitsetMaxNode) bits |= uint64_t{1} << (id.value - 1);
  }
  return static_cast<int64_t>(bits);
}

int64_t over_bitset(std::span<const NodeId> ids) {
  int64_t n = 0;
  for (NodeId id : ids)
    n += id.value > kBitsetMaxNode ? 1 : 0;
  return n;
}

int64_t payload_hash(std::span<const std::byte> bytes) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (std::byte b : bytes) {
    h ^= std::to_integer<uint8_t>(b);
    h *= 0x100000001b3ULL;
  }
  return static_cast<int64_t>(h & 0xffffffffULL);
}

Event state_event(MembState state, RingId ring) {
  return Event{EventKind::kRingState,
               {{"state", static_cast<int64_t>(state)},
                {"rep", ring.rep.value},
                {"seq", static_cast<int64_t>(ring.seq)}}};
}

Event send_event(uint64_t msg_id, std::span<const std::byte> payload) {
  return Event{EventKind::kRingSend,
               {{"msg_id", static_cast<int64_t>(msg_id)},
                {"len", static_cast<int64_t>(payload.size())},
                {"hash", payload_hash(payload)}}};
}

Event deliver_event(NodeId origin, uint64_t msg_id, RingId ring, MsgSeq seq,
                    std::span<const std::byte> payload) {
  return Event{EventKind::kRingDeliver,
               {{"sender", origin.value},
                {"msg_id", static_cast<int64_t>(msg_id)},
                {"rep", ring.rep.value},
                {"ring_seq", static_cast<int64_t>(ring.seq)},
                {"seq", static_cast<int64_t>(seq.value)},
                {"len", static_cast<int64_t>(payload.size())},
                {"hash", payload_hash(payload)}}};
}

Event confchg_event(ConfType type, RingId ring, std::span<const NodeId> members,
                    std::span<const NodeId> joined, std::span<const NodeId> left) {
  return Event{EventKind::kRingConfChange,
               {{"type", static_cast<int64_t>(type)},
                {"rep", ring.rep.value},
                {"ring_seq", static_cast<int64_t>(ring.seq)},
                {"count", static_cast<int64_t>(members.size())},
                {"members", node_bitset(members)},
                {"joined", node_bitset(joined)},
                {"left", node_bitset(left)},
                {"over64", over_bitset(members) + over_bitset(joined) + over_bitset(left)}}};
}

Event processor_failed_event(Duration token, Duration consensus) {
  return Event{EventKind::kRingProcessorFailed,
               {{"token_ms", token.ms()}, {"consensus_ms", consensus.ms()}}};
}

Event retransmit_list_event(std::span<const MsgSeq> seqs) {
  QUORATE_CHECK(!seqs.empty());
  return Event{EventKind::kRingRetransmitList,
               {{"count", static_cast<int64_t>(seqs.size())},
                {"first", static_cast<int64_t>(seqs.front().value)},
                {"last", static_cast<int64_t>(seqs.back().value)}}};
}

Event failed_to_receive_event() {
  return Event{EventKind::kRingFailedToReceive, {}};
}

Event malformed_event(NodeId from, uint8_t reason, size_t size) {
  return Event{EventKind::kRingMalformed,
               {{"from", from.value}, {"reason", reason}, {"size", static_cast<int64_t>(size)}}};
}

}  // namespace quorate::ring
