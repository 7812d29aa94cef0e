// EchoHeartbeat: the trivial engine that proves the seam end to end.
//
// Every `interval` (first round at a seeded random phase in [0, interval) after kStart) the engine
// sends one ping to each configured peer on each configured link (links ascending, then peers
// ascending) carrying its local send time and the round's sequence number. A node that receives a
// ping answers on the same link with a pong echoing seq and timestamp. On a pong it emits
// EventKind::kEchoRtt with the round trip measured on its own local clock.
//
// Wire format (24 bytes, little-endian, fixed):
//   0 u16 magic 0x5145 | 2 u8 version 1 | 3 u8 kind (1 ping, 2 pong) | 4 u32 sender node id
//   8 u64 seq | 16 i64 timestamp_ns (the pinger's local send time; echoed unchanged in the pong)
// Anything else is malformed: counted per reason and reported as EventKind::kEchoMalformed,
// never a crash. A missed round (woken late by more than an interval) is skipped, not replayed.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/ids.h"
#include "engine/prng.h"
#include "engine/seam.h"
#include "engine/time.h"

namespace quorate {

enum class EchoMalformed : uint8_t {
  kSize = 1,         // not exactly 24 bytes
  kMagic,            // wrong magic
  kVersion,          // unknown version
  kKind,             // neither ping nor pong
  kSender,           // sender field differs from the transport's `from`
  kUnknownPeer,      // `from` is not a configured peer
  kUnknownLink,      // `link` is not a configured link
  kFutureTimestamp,  // a pong echoing a time later than now: not one of our pings
  kUnknownSeq,       // a pong for a round we have not sent
};
inline constexpr int kEchoMalformedKinds = 10;  // array size: values 1..9 plus unused 0

struct EchoHeartbeatOptions {
  NodeId self;
  std::vector<NodeId> peers;  // must not contain self; sorted and deduplicated by the engine
  std::vector<LinkId> links;  // sorted and deduplicated by the engine; at least one
  Duration interval = Duration::from_s(1);
  uint64_t seed = 0;  // the engine's only source of randomness (the first-round phase)
};

struct EchoHeartbeatCounters {
  uint64_t rounds = 0;
  uint64_t rounds_skipped = 0;
  uint64_t pings_sent = 0;
  uint64_t pongs_sent = 0;
  uint64_t pongs_received = 0;
  uint64_t malformed = 0;
  std::array<uint64_t, kEchoMalformedKinds> malformed_by_reason{};
};

class EchoHeartbeat final : public Engine {
 public:
  static constexpr size_t kPacketBytes = 24;
  static constexpr uint16_t kMagic = 0x5145;
  static constexpr uint8_t kVersion = 1;
  static constexpr uint8_t kPing = 1;
  static constexpr uint8_t kPong = 2;

  explicit EchoHeartbeat(EchoHeartbeatOptions options);

  void on_packet(LinkId link, NodeId from, std::span<const std::byte> bytes, Instant now,
                 Outputs& out) override;
  void on_timer(Instant now, Outputs& out) override;
  void on_command(const Command& command, Instant now, Outputs& out) override;

  const EchoHeartbeatCounters& counters() const { return counters_; }
  const EchoHeartbeatOptions& options() const { return options_; }
  bool running() const { return running_; }

 private:
  struct Message {
    uint8_t kind = 0;
    NodeId sender;
    uint64_t seq = 0;
    int64_t timestamp_ns = 0;
  };
  static std::vector<std::byte> encode(const Message& message);
  // Decodes and validates the framing; returns 0 on success or the EchoMalformed reason.
  static uint8_t decode(std::span<const std::byte> bytes, Message& message);

  uint8_t validate(LinkId link, NodeId from, const Message& message, Instant now) const;
  void report_malformed(LinkId link, NodeId from, uint8_t reason, size_t size, Outputs& out);
  void on_pong(LinkId link, NodeId from, const Message& message, Instant now, Outputs& out);
  void send_round(Instant now, Outputs& out);
  bool is_peer(NodeId id) const;
  bool is_link(LinkId id) const;

  EchoHeartbeatOptions options_;
  Prng prng_;
  EchoHeartbeatCounters counters_;
  bool running_ = false;
  Instant last_now_ = Instant::from_ns(INT64_MIN);
  Instant next_round_;  // local time of the next round; meaningful while running_
  uint64_t seq_ = 0;    // seq of the last round sent (0 = none yet)
};

}  // namespace quorate
