#include "model/checkers/ring_history.h"

#include <cstdio>

#include "engine/seam.h"

namespace quorate::checkers {

std::string to_string(MsgKey key) {
  return std::to_string(key.sender.value) + "#" + std::to_string(key.msg_id);
}

std::string to_string(RingKey key) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "(%u.%llx)", key.rep, static_cast<unsigned long long>(key.seq));
  return buf;
}

std::vector<NodeId> nodes_of_bitset(int64_t bits) {
  std::vector<NodeId> out;
  const auto u = static_cast<uint64_t>(bits);
  for (uint32_t i = 0; i < 64; ++i)
    if ((u >> i) & 1) out.push_back(NodeId{i + 1});
  return out;
}

namespace {

bool is_event(const sim::TraceRecord& r, EventKind kind) {
  return r.kind == sim::TraceKind::kEngineEvent && r.label == to_string(kind);
}

RingKey ring_of(const sim::TraceRecord& r) {
  return RingKey{static_cast<uint32_t>(r.field("rep")), static_cast<uint64_t>(r.field("ring_seq"))};
}

DeliverRec deliver_of(const sim::TraceRecord& r) {
  return DeliverRec{r.global,
                    MsgKey{NodeId{static_cast<uint32_t>(r.field("sender"))},
                           static_cast<uint64_t>(r.field("msg_id"))},
                    ring_of(r),
                    static_cast<uint64_t>(r.field("seq")),
                    r.field("len"),
                    r.field("hash")};
}

ConfRec conf_of(const sim::TraceRecord& r) {
  return ConfRec{r.global,
                 r.field("type") == 1,
                 ring_of(r),
                 nodes_of_bitset(r.field("members")),
                 nodes_of_bitset(r.field("joined")),
                 nodes_of_bitset(r.field("left"))};
}

}  // namespace

RingHistory RingHistory::from_records(std::span<const sim::TraceRecord> records) {
  RingHistory h;
  for (const sim::TraceRecord& r : records) {
    if (is_event(r, EventKind::kRingSend)) {
      h.nodes[r.node].sends.push_back(SendRec{r.global, static_cast<uint64_t>(r.field("msg_id")),
                                              r.field("len"), r.field("hash")});
    } else if (is_event(r, EventKind::kRingDeliver)) {
      h.nodes[r.node].items.emplace_back(deliver_of(r));
    } else if (is_event(r, EventKind::kRingConfChange)) {
      if (r.field("over64") != 0) {
        ++h.unreadable;
        continue;
      }
      h.nodes[r.node].items.emplace_back(conf_of(r));
    }
  }
  return h;
}

RingHistory RingHistory::from_trace(const sim::Trace& trace) {
  return from_records(trace.records());
}

}  // namespace quorate::checkers
