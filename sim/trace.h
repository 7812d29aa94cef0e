// Trace: the structured, hashed record of everything observable in a simulated run.
//
// Each TraceRecord has the global time, the node it concerns (NodeId{} = the world itself), that
// node's local time when relevant, a kind, an optional label and integer fields. Its canonical
// text form is ONE line, fixed format (viz/ and diffs parse it; change it only with a version
// note here):
//
//   <global_ns> n<node> <local_ns or -> <kind>[:<label>]( <key>=<value>)*\n
//
// e.g. "1000250000 n2 1000250017 recv link=0 from=1 pkt=7 len=24 sum=2868390171".
// Numbers are decimal; fields appear in the order recorded. Kinds:
//   cmd:<command>       a command delivered to the node's engine
//   timer.set           the engine asked for a wake-up: at_local, at_global
//   timer.cancel        the engine cancelled its wake-up
//   timer               the wake-up fired
//   send                a packet left the node: link, to, pkt (world-unique id), len, sum (payload
//                       hash), bcast (1 if expanded from a broadcast)
//   recv                a packet reached the node's engine: link, from, pkt, len
//   drop:<reason>       a packet will not arrive (node = intended receiver): link, from, pkt
//   event:<kind>        an engine event with the engine's fields
//   state:<what>        a world state change (clock changes, node added; more later)
//
// The trace hash is FNV-1a 64 over the concatenated canonical lines (newlines included), updated
// as records arrive; chain()[i] is the hash after record i, which locates the first divergence of
// two runs even when the records themselves were not kept.
//
// Ownership: labels and field keys are std::string_view with static storage (string literals).
// A stream (TraceOptions::stream or stream_to()) is borrowed and must outlive the Trace or be
// unset first.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ids.h"
#include "engine/time.h"

namespace quorate::sim {

enum class TraceKind : uint8_t {
  kCommand,
  kTimerSet,
  kTimerCancel,
  kTimerFired,
  kPacketSent,
  kPacketDelivered,
  kPacketDropped,
  kEngineEvent,
  kState,
};
std::string_view to_string(TraceKind kind);

struct TraceField {
  std::string_view key;  // static storage
  int64_t value = 0;
};

struct TraceRecord {
  Instant global;
  NodeId node;  // NodeId{} = the world
  bool has_local = false;
  Instant local;  // meaningful when has_local
  TraceKind kind = TraceKind::kState;
  std::string_view label;  // static storage; may be empty
  std::vector<TraceField> fields;

  // The value of field `key`; check-fails if absent.
  int64_t field(std::string_view key) const;
};

// Appends the canonical line of `record` (with its trailing '\n') to `out`.
void append_canonical(const TraceRecord& record, std::string& out);
std::string canonical(const TraceRecord& record);

struct TraceOptions {
  // Records beyond this many are hashed, chained and streamed but not kept in memory.
  size_t records_max = std::numeric_limits<size_t>::max();
  // Write every canonical line here as it is recorded (borrowed; must outlive the Trace).
  std::ostream* stream = nullptr;
};

class Trace {
 public:
  static constexpr uint64_t kEmptyHash = 0xcbf29ce484222325ULL;  // FNV-1a 64 offset basis

  explicit Trace(TraceOptions options = {}) : options_(options), stream_(options.stream) {}

  void record(TraceRecord record);
  // Write each canonical line to `out` as it is recorded (nullptr stops). Borrowed.
  void stream_to(std::ostream* out) { stream_ = out; }

  uint64_t hash() const { return hash_; }
  uint64_t count() const { return chain_.size(); }
  const std::vector<TraceRecord>& records() const { return records_; }
  const std::vector<uint64_t>& chain() const { return chain_; }

 private:
  TraceOptions options_;
  std::vector<TraceRecord> records_;
  std::vector<uint64_t> chain_;
  uint64_t hash_ = kEmptyHash;
  Instant last_global_;
  std::ostream* stream_ = nullptr;
  std::string line_;  // scratch buffer, reused
};

}  // namespace quorate::sim
