// LinkLayer: the knet-style multi-link transport of one node, sans-I/O and sans-time.
//
// What it does (knet 1.x semantics, see /work/shared/research/corosync-knet.md §2):
// - Heartbeat per (peer, configured enabled link): LinkHeartbeat (heartbeat.h), driven by a
//   200 ms tick. Link N pairs with link N on every peer (the link id is in every header).
// - Reachability: a peer is reachable while at least one of its links is enabled and connected.
//   Data to an unreachable peer is not sent (PeerStatus::tx_unreachable); data from one is
//   dropped (RxDrop::kUnreachable). Pings and pongs flow regardless.
// - Link selection per destination and per packet (link_selection.h): passive, active, rr.
// - Upper-layer messages: send(to or kBroadcast, bytes) gives every message one per-sender seq;
//   messages larger than data_mtu() are fragmented (fragments.h) and reassembled; the receiver
//   de-duplicates by seq (SeqWindow), which is what makes active mode deliver once. Deliveries
//   come out in arrival order (the order messages complete).
// - secauth (secauth.h): with a cluster key every datagram is sealed; clear, forged, replayed
//   (per sender and link counter window) and superseded-boot datagrams are dropped and counted.
// - Any byte string from the network is handled without crashing; every drop is counted per
//   reason (link_status.h), attributed to the peer when `from` is a configured peer.
//
// Simplifications (documented gaps):
// - MTU is fixed per link (LinkOptions::mtu); no PMTUd, has_valid_mtu is always true and the
//   fragment size is fixed at construction from the smallest configured MTU.
// - No knet 1.27 "fast data up"; no loopback link to self; no compression; no runtime
//   reconfiguration (links, keys and peers are fixed at construction).
// - Without a cluster key nothing is authenticated: a forged header can reset a sender's windows.
//
// Driving contract (the owner is an Engine: LinkEngine in tests, the ring later):
// - Single-threaded; `now` is the node's local monotonic time and never goes backwards.
// - Packets go to the seam Outputs given to each call (unicast only: broadcast messages are sent
//   to each reachable peer separately). The layer NEVER sets or cancels the wake-up: after every
//   call its owner reads next_wake() and merges it with its own timers into one wake_at().
// - on_timer() must be called at a local time >= next_wake() (late is fine: missed ticks are
//   skipped, not replayed). Deliveries and link events are appended to the LinkBatch given to
//   each call; the owner drains it.
// - `bytes` given to on_packet/send are borrowed for the call only.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/ids.h"
#include "engine/links/fragments.h"
#include "engine/links/heartbeat.h"
#include "engine/links/link_options.h"
#include "engine/links/link_selection.h"
#include "engine/links/link_status.h"
#include "engine/links/secauth.h"
#include "engine/links/seq_window.h"
#include "engine/links/wire.h"
#include "engine/seam.h"
#include "engine/time.h"

namespace quorate::links {

struct Delivery {
  Instant at;  // local time the message completed
  NodeId from;
  std::vector<std::byte> bytes;
};

enum class LinkEventKind : uint8_t {
  kLinkUp,           // host, link
  kLinkDown,         // host, link
  kHostReachable,    // host (its first usable link came up)
  kHostUnreachable,  // host (its last usable link went down)
};
std::string_view to_string(LinkEventKind kind);

struct LinkEvent {
  LinkEventKind kind = LinkEventKind::kLinkUp;
  Instant at;  // local time
  NodeId host;
  LinkId link;  // meaningful for kLinkUp/kLinkDown
};
// knet's words where it has them: "host: 2 link: 0 is up", "host: 2 link: 0 is down";
// "host: 2 is reachable" / "host: 2 is unreachable" otherwise.
std::string describe(const LinkEvent& event);

// What one LinkLayer call produced besides packets. Owned by the caller, appended to by the layer.
struct LinkBatch {
  std::vector<Delivery> deliveries;
  std::vector<LinkEvent> events;
  void clear() {
    deliveries.clear();
    events.clear();
  }
};

struct SendReport {
  uint64_t seq = 0;                // the message's sequence number (0: not sent at all)
  uint32_t hosts_sent = 0;         // destinations the message went to
  uint32_t hosts_unreachable = 0;  // destinations skipped (and counted) as unreachable
};

class LinkLayer {
 public:
  // Precondition: validate(options) is nullopt (check-fails otherwise).
  explicit LinkLayer(LinkLayerOptions options);
  ~LinkLayer();
  LinkLayer(const LinkLayer&) = delete;
  LinkLayer& operator=(const LinkLayer&) = delete;

  // Arms the tick (first at now + tick_phase()). Idempotent.
  void start(Instant now);
  // Stops pinging, answering pings and sending; received datagrams are still validated and
  // counted. next_wake() becomes nullopt.
  void stop(Instant now);

  void on_packet(LinkId link, NodeId from, std::span<const std::byte> bytes, Instant now,
                 Outputs& wire, LinkBatch& batch);
  void on_timer(Instant now, Outputs& wire, LinkBatch& batch);
  // Sends one message. Preconditions: `to` is kBroadcast or a configured peer; 1 <= size <=
  // max_message_bytes. While stopped nothing is sent and the report is all zero.
  SendReport send(NodeId to, std::span<const std::byte> bytes, Instant now, Outputs& wire);

  std::optional<Instant> next_wake() const;
  bool running() const { return running_; }
  bool reachable(NodeId peer) const;
  Duration tick_phase() const { return tick_phase_; }
  uint64_t boot() const { return boot_; }
  size_t data_mtu() const { return data_mtu_; }
  const LinkLayerOptions& options() const { return options_; }
  // The heartbeat of (peer, link), or nullptr when that link is not configured.
  const LinkHeartbeat* heartbeat(NodeId peer, LinkId link) const;
  LayerStatus status() const;

 private:
  struct Peer;
  Peer* find_peer(NodeId id);
  const Peer* find_peer(NodeId id) const;
  void enter(Instant now);
  void drop(Peer* peer, RxDrop reason, uint64_t count = 1);

  // Receive path, in order; each returns false after counting a drop.
  bool open_body(Peer& peer, const Header& header, std::span<const std::byte> bytes,
                 std::span<const std::byte>& body);
  bool accept_boot(Peer& peer, const Header& header);
  bool accept_counter(Peer& peer, const Header& header);
  void dispatch(Peer& peer, LinkId link, const Body& body, size_t wire_bytes, Instant now,
                Outputs& wire, LinkBatch& batch);
  void on_pong(Peer& peer, LinkId link, const Body& body, Instant now, LinkBatch& batch);
  void on_data(Peer& peer, const Body& body, Instant now, LinkBatch& batch);
  void deliver(Peer& peer, uint64_t seq, std::vector<std::byte> bytes, Instant now,
               LinkBatch& batch);

  // Transmit path.
  void transmit(Peer& peer, LinkId link, PacketType type, std::span<const std::byte> body,
                Outputs& wire);
  void send_message(Peer& peer, uint64_t seq, std::span<const std::byte> bytes, Outputs& wire);
  void usable_links(const Peer& peer, std::vector<LinkCandidate>& out) const;

  // Tick.
  void tick_peer(Peer& peer, bool adjust, Instant now, Outputs& wire, LinkBatch& batch);
  void update_reachability(Peer& peer, Instant now, LinkBatch& batch);

  LinkLayerOptions options_;
  std::unique_ptr<SecAuth> secauth_;  // null: clear text
  std::vector<Peer> peers_;           // ascending id; looked up by binary search
  size_t data_mtu_ = 0;
  uint64_t boot_ = 0;
  Duration tick_phase_;
  bool running_ = false;
  Instant last_now_ = Instant::from_ns(INT64_MIN);
  Instant next_tick_;  // meaningful while running_
  uint64_t ticks_ = 0;
  std::array<uint64_t, kMaxLinks> tx_counter_{};  // last crypto/wire counter used per link
  uint64_t data_seq_ = 0;                         // last message seq used
  DropCounts drops_{};
  // Scratch, reused across calls (never observable).
  std::vector<std::byte> rx_plain_;
  std::vector<LinkCandidate> usable_;
  std::vector<LinkId> chosen_;
};

}  // namespace quorate::links
