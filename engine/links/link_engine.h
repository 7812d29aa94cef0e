// LinkEngine: a quorate::Engine that runs one LinkLayer under a tiny test application, so the
// link layer can live in sim::World (and later behind the UDP backend) before the ring exists.
//
// The application:
// - kStart starts the layer (and the periodic traffic, if configured); kStop stops both.
// - send_at(t, to, bytes): the application sends `bytes` at local time t. Sends queued before
//   the engine starts (or for a time after its pending wake-up) happen exactly at t; one queued
//   later for an earlier time happens at the engine's next call (at most one tick late).
// - Periodic traffic (LinkAppOptions::traffic_interval > 0): from start + interval on, every
//   interval one message of traffic_bytes to traffic_to; its first 8 bytes are a little-endian
//   counter from 1 (the rest a fixed pattern), so tests can see which messages got through.
// - Every delivery, link event and send report is recorded (deliveries(), link_events(),
//   sends()) for tests to read through World::engine().
//
// Link events are emitted as seam Events (kLinkUp/kLinkDown with fields host, link;
// kHostReachable/kHostUnreachable with field host), so they reach the World's trace, and are also
// kept here (link_events()) with their local times.
//
// Wake-ups: one merged wake_at per call = min(layer tick, next queued send, next traffic).
// Ownership: the World owns the engine; references returned here live as long as the engine.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "engine/links/link_layer.h"
#include "engine/seam.h"

namespace quorate::links {

struct LinkAppOptions {
  Duration traffic_interval = Duration::zero();  // 0: no periodic traffic
  NodeId traffic_to = kBroadcast;
  size_t traffic_bytes = 64;  // >= 8
};

struct SendRecord {
  Instant at;  // local
  NodeId to;
  size_t bytes = 0;
  SendReport report;
};

// The seam Event for a link-layer event (see the field lists in engine/seam.h).
Event to_seam_event(const LinkEvent& event);

class LinkEngine final : public Engine {
 public:
  LinkEngine(LinkLayerOptions layer, LinkAppOptions app = {});

  void on_packet(LinkId link, NodeId from, std::span<const std::byte> bytes, Instant now,
                 Outputs& out) override;
  void on_timer(Instant now, Outputs& out) override;
  void on_command(const Command& command, Instant now, Outputs& out) override;

  void send_at(Instant at, NodeId to, std::vector<std::byte> bytes);

  const LinkLayer& layer() const { return layer_; }
  const std::vector<Delivery>& deliveries() const { return deliveries_; }
  const std::vector<LinkEvent>& link_events() const { return events_; }
  const std::vector<SendRecord>& sends() const { return sends_; }
  // The counter of a periodic-traffic message (its first 8 bytes), or nullopt if too short.
  static std::optional<uint64_t> traffic_counter(std::span<const std::byte> message);

 private:
  struct Queued {
    NodeId to;
    std::vector<std::byte> bytes;
  };
  void run_app(Instant now, Outputs& out);
  void send_now(Instant now, NodeId to, std::span<const std::byte> bytes, Outputs& out);
  std::vector<std::byte> traffic_message();
  void finish(Outputs& out);

  LinkLayer layer_;
  LinkAppOptions app_;
  bool running_ = false;
  std::map<std::pair<Instant, uint64_t>, Queued> queued_;  // by (time, insertion order)
  uint64_t queued_seq_ = 0;
  Instant next_traffic_;  // meaningful while running_ and traffic is on
  uint64_t traffic_sent_ = 0;
  LinkBatch batch_;
  std::vector<Delivery> deliveries_;
  std::vector<LinkEvent> events_;
  std::vector<SendRecord> sends_;
};

}  // namespace quorate::links
