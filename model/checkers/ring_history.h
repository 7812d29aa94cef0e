// RingHistory: what each node's ring did, read back from a sim::Trace (never from an engine).
//
// Reads the engine-event records "ring.send", "ring.deliver" and "ring.confchg" (field lists in
// engine/seam.h) and keeps, per node and in trace order, the messages it sent and the deliveries
// and configuration changes it reported. A message is named by (sender, msg_id), written
// "2#5". Ring ids are (rep, ring_seq), written "(1.c)" with ring_seq in hex like corosync.
// Records the parser cannot use (a node set with ids above 64) are counted in `unreadable`.
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "engine/ids.h"
#include "engine/time.h"
#include "sim/trace.h"

namespace quorate::checkers {

struct MsgKey {
  NodeId sender;
  uint64_t msg_id = 0;
  auto operator<=>(const MsgKey&) const = default;
};
std::string to_string(MsgKey key);  // "2#5"

struct RingKey {
  uint32_t rep = 0;
  uint64_t seq = 0;
  auto operator<=>(const RingKey&) const = default;
};
std::string to_string(RingKey key);  // "(1.c)"

struct SendRec {
  Instant at;  // global
  uint64_t msg_id = 0;
  int64_t len = 0;
  int64_t hash = 0;
};

struct DeliverRec {
  Instant at;  // global
  MsgKey msg;
  RingKey ring;
  uint64_t seq = 0;
  int64_t len = 0;
  int64_t hash = 0;
};

struct ConfRec {
  Instant at;  // global
  bool regular = false;
  RingKey ring;
  std::vector<NodeId> members;  // ascending
  std::vector<NodeId> joined;
  std::vector<NodeId> left;
};

using HistoryItem = std::variant<DeliverRec, ConfRec>;

struct NodeHistory {
  std::vector<SendRec> sends;
  std::vector<HistoryItem> items;  // deliveries and configuration changes, in order
};

struct RingHistory {
  std::map<NodeId, NodeHistory> nodes;
  uint64_t unreadable = 0;

  static RingHistory from_trace(const sim::Trace& trace);
  static RingHistory from_records(std::span<const sim::TraceRecord> records);
};

// The node ids of a bitset field (bit id-1).
std::vector<NodeId> nodes_of_bitset(int64_t bits);

}  // namespace quorate::checkers
