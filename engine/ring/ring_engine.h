// RingEngine: one node's totem ring on top of its knet-style link layer, as one quorate::Engine.
//
// Composition: LinkLayer (engine/links) carries the ring's messages (unicast tokens, multicasts
// = send to every reachable peer, fragmented as needed); Totem (totem.h) is the protocol; a tiny
// application queues messages to multicast in total order.
// - kStart starts the layer and the Totem (which forms a singleton ring at once and merges with
//   the others as their links come up). kStop is a graceful stop: the Totem multicasts a LEAVE
//   join, then the layer stops. A crash is modelled by the network (cut every link of the node).
// - send_at(t, bytes): the application submits `bytes` at local time t (exactly at t when queued
//   before the engine's pending wake-up, else at its next call). Periodic traffic
//   (RingAppOptions) submits a message every interval from start + traffic_start on.
// - Events: link-layer events (kLinkUp/kLinkDown/kHostReachable/kHostUnreachable) and the ring's
//   events (engine/seam.h: kRingState, kRingSend, kRingDeliver, kRingConfChange, ...).
// - Wake-ups: one merged wake_at per call = min(layer tick, Totem timers, next app send).
// Ownership: the World owns the engine; references returned here live as long as the engine.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "engine/links/link_layer.h"
#include "engine/ring/ring_options.h"
#include "engine/ring/totem.h"
#include "engine/seam.h"

namespace quorate::ring {

struct RingAppOptions {
  Duration traffic_interval = Duration::zero();  // 0: no periodic traffic
  Duration traffic_start = Duration::zero();     // first message at start + this + interval
  size_t traffic_bytes = 64;                     // >= 8; the first 8 bytes are a counter
  uint64_t traffic_limit = 0;                    // messages in all; 0 = no limit
};

struct RingEngineOptions {
  links::LinkLayerOptions layer;
  RingOptions ring;
  RingAppOptions app;
};

class RingEngine final : public Engine, private TotemSink {
 public:
  explicit RingEngine(RingEngineOptions options);

  void on_packet(LinkId link, NodeId from, std::span<const std::byte> bytes, Instant now,
                 Outputs& out) override;
  void on_timer(Instant now, Outputs& out) override;
  void on_command(const Command& command, Instant now, Outputs& out) override;

  // Precondition: 1..kMessageSizeMax bytes.
  void send_at(Instant at, std::vector<std::byte> bytes);

  const Totem& totem() const { return totem_; }
  const links::LinkLayer& layer() const { return layer_; }

 private:
  void unicast(NodeId to, std::vector<std::byte> bytes) override;
  void multicast(std::vector<std::byte> bytes) override;
  void emit(Event event) override;

  void begin(Instant now, Outputs& out);
  void drain_layer();
  void run_app();
  std::vector<std::byte> traffic_message();
  void finish();

  links::LinkLayer layer_;
  Totem totem_;
  RingAppOptions app_;
  bool running_ = false;
  Outputs* out_ = nullptr;  // the batch of the call in progress; null between calls
  Instant now_;
  std::map<std::pair<Instant, uint64_t>, std::vector<std::byte>> queued_;  // (time, order)
  uint64_t queued_seq_ = 0;
  Instant next_traffic_;
  uint64_t traffic_sent_ = 0;
  links::LinkBatch batch_;
};

}  // namespace quorate::ring
