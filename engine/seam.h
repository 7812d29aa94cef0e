// The engine seam: how protocol code meets the world (simulated or real).
//
// An Engine is a deterministic state machine for ONE node. It is driven only through the calls
// below, each of which carries `now`, and it answers only by appending to an Outputs batch. It
// never reads a clock, a socket, an environment variable or a global/unseeded random generator;
// all randomness comes from a seed given at construction (see engine/prng.h).
//
// Contract between a driver (sim/World, later the UDP backend) and an Engine:
// - Time: `now` is the node's LOCAL monotonic time (its own clock, offset and drift included;
//   the engine never sees global time). For one engine `now` never goes backwards across calls.
//   Two calls may carry the same `now`.
// - Single-threaded: calls never overlap; the driver finishes one call before the next.
// - Bytes in: `bytes` passed to on_packet are borrowed and valid only during the call. An engine
//   that keeps any of them copies them.
// - Bytes out: Outputs owns every queued packet's bytes. The driver reads (or moves out of) the
//   batch after the call returns and clears it before the next call; the engine never keeps a
//   reference into a batch.
// - Ordering: items (packets and events) are acted on in the order the engine produced them.
//   The wake-up request is applied after all items of the batch.
// - Timer: one pending wake-up per engine. wake_at(t) replaces any earlier request (in this
//   batch or pending from earlier ones); cancel_wake() removes it; a batch with neither leaves
//   the pending wake-up unchanged. The driver calls on_timer at a local time >= t, never earlier,
//   possibly later. If t <= now the driver wakes the engine as soon as possible. The engine keeps
//   its own timer bookkeeping (what the wake-up is for).
// - The engine outlives no driver state: the driver owns the engine (std::unique_ptr<Engine>).
// - Bad input: on_packet must accept ANY byte string (truncated, corrupted, hostile) without
//   crashing; malformed input is counted and reported as an event, never a check failure.
//   QUORATE_CHECK is for the engine's own invariants.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/ids.h"
#include "engine/time.h"

namespace quorate {

// Broadcast destination: every other node reachable on the link.
inline constexpr NodeId kBroadcast{};
// Largest payload an engine may queue (a UDP datagram over IPv4).
inline constexpr size_t kMaxPacketBytes = 65507;

// Commands are the application's inputs (start, stop; later: join, leave, reconfigure).
enum class CommandKind : uint8_t {
  kStart,  // Begin running the protocol (arm timers, greet peers).
  kStop,   // Stop sending and cancel the wake-up; packets are still validated and counted.
};
std::string_view to_string(CommandKind kind);

struct Command {
  CommandKind kind = CommandKind::kStart;
};

// Kinds of structured event an engine reports. Membership, quorum, fence and link-state kinds
// are added here as the engines land; each kind documents its fields.
enum class EventKind : uint16_t {
  kEchoRtt,        // fields: peer, link, seq, rtt_ns
  kEchoMalformed,  // fields: from, link, reason (EchoMalformed value), size
  // Link layer (engine/links): knet's "host: H link: L is up/down" and host reachability.
  kLinkUp,           // fields: host, link
  kLinkDown,         // fields: host, link
  kHostReachable,    // fields: host (its first usable link came up)
  kHostUnreachable,  // fields: host (its last usable link went down)
  // Totem ring (engine/ring). Node sets are bitsets over ids 1..64 (bit id-1); over64 counts
  // ids that did not fit. Ring ids are (rep, ring_seq). Hashes: low 32 bits of FNV-1a 64.
  // fields: state (1 OPERATIONAL, 2 GATHER, 3 COMMIT, 4 RECOVERY), rep, seq (the current ring)
  kRingState,
  // The application queued a message. fields: msg_id (per sender, from 1), len, hash
  kRingSend,
  // fields: sender, msg_id, rep, ring_seq (the ring it was ordered in), seq (its place in that
  // ring), len, hash
  kRingDeliver,
  // fields: type (0 transitional, 1 regular), rep, ring_seq (the new ring), count, members,
  // joined, left (bitsets), over64. A regular change is corosync's "A new membership (rep.seq)
  // was formed. Members joined: ... left: ..."
  kRingConfChange,
  // "A processor failed, forming new configuration". fields: token_ms, consensus_ms
  kRingProcessorFailed,
  // "Retransmit List: ...". fields: count, first, last (the seqs requested)
  kRingRetransmitList,
  // "FAILED TO RECEIVE" (no fields)
  kRingFailedToReceive,
  // A datagram the ring could not decode. fields: from, reason (ring::DecodeError), size
  kRingMalformed,
};
std::string_view to_string(EventKind kind);

// One integer field of an event. `key` must have static storage duration (a string literal):
// events are traced and compared long after the engine call returned.
struct EventField {
  std::string_view key;
  int64_t value = 0;
  friend bool operator==(const EventField&, const EventField&) = default;
};

struct Event {
  EventKind kind = EventKind::kEchoRtt;
  std::vector<EventField> fields;  // in the engine's chosen, fixed order
  // The value of field `key`; check-fails if absent.
  int64_t field(std::string_view key) const;
  friend bool operator==(const Event&, const Event&) = default;
};

struct SendPacket {
  LinkId link;
  NodeId to;  // kBroadcast = every other node on the link
  std::vector<std::byte> bytes;
};

using OutputItem = std::variant<SendPacket, Event>;

enum class WakeAction : uint8_t { kUnchanged, kSet, kCancel };

// An engine's output batch for one call. Owned by the driver, passed to the engine by reference.
class Outputs {
 public:
  // Queue a packet. Preconditions: link valid, to valid or kBroadcast, 1..kMaxPacketBytes bytes.
  void send(LinkId link, NodeId to, std::vector<std::byte> bytes);
  void emit(Event event);
  // Ask to be woken at local time `at` (replaces any pending request).
  void wake_at(Instant at);
  void cancel_wake();

  const std::vector<OutputItem>& items() const { return items_; }
  std::vector<OutputItem>& mutable_items() { return items_; }  // driver: to move bytes out
  WakeAction wake_action() const { return wake_action_; }
  Instant wake_time() const { return wake_time_; }  // meaningful when wake_action() == kSet
  bool empty() const { return items_.empty() && wake_action_ == WakeAction::kUnchanged; }
  // Forget everything; keeps capacity so the driver can reuse one batch.
  void clear();

 private:
  std::vector<OutputItem> items_;
  WakeAction wake_action_ = WakeAction::kUnchanged;
  Instant wake_time_;
};

class Engine {
 public:
  virtual ~Engine() = default;

  // A packet arrived from `from` on `link`. `bytes` is borrowed for the call only.
  virtual void on_packet(LinkId link, NodeId from, std::span<const std::byte> bytes, Instant now,
                         Outputs& out) = 0;
  // The pending wake-up is due: now >= the requested time.
  virtual void on_timer(Instant now, Outputs& out) = 0;
  virtual void on_command(const Command& command, Instant now, Outputs& out) = 0;
};

}  // namespace quorate
