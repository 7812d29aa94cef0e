#include "engine/links/link_layer.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/check.h"
#include "engine/prng.h"

namespace quorate::links {

namespace {
// Superseded boot prefixes remembered per sender (datagrams from them are stale).
constexpr size_t kRetiredBootsMax = 8;

template <typename T>
void sort_unique(std::vector<T>& values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
}

void count_packet(LinkCounters& c, PacketType type, bool tx, uint64_t bytes) {
  switch (type) {
    case PacketType::kPing:
      (tx ? c.tx_ping_packets : c.rx_ping_packets) += 1;
      (tx ? c.tx_ping_bytes : c.rx_ping_bytes) += bytes;
      return;
    case PacketType::kPong:
      (tx ? c.tx_pong_packets : c.rx_pong_packets) += 1;
      (tx ? c.tx_pong_bytes : c.rx_pong_bytes) += bytes;
      return;
    case PacketType::kData:
      (tx ? c.tx_data_packets : c.rx_data_packets) += 1;
      (tx ? c.tx_data_bytes : c.rx_data_bytes) += bytes;
      return;
  }
  QUORATE_UNREACHABLE();
}
}  // namespace

// Everything the layer knows about one peer: its links' heartbeats (TX and RX share them), the
// receive windows of its current boot and its counters.
struct LinkLayer::Peer {
  Peer(NodeId peer_id, const LinkLayerOptions& options)
      : id(peer_id),
        selector(options.mode),
        delivered(options.dedup_window),
        reassembler(ReassemblyLimits{options.reassembly_buffers_per_peer,
                                     options.reassembly_timeout, options.max_message_bytes}) {
    for (int i = 0; i < kMaxLinks; ++i) {
      replay.emplace_back(options.replay_window);
      const LinkId link{static_cast<uint8_t>(i)};
      if (options.links[i]) heartbeats[i].emplace(peer_id, link, *options.links[i]);
    }
  }

  NodeId id;
  std::array<std::optional<LinkHeartbeat>, kMaxLinks> heartbeats;  // configured links
  std::array<LinkCounters, kMaxLinks> counters{};
  LinkSelector selector;
  bool reachable = false;
  std::optional<uint64_t> boot;  // the sender's current boot prefix, once seen
  std::vector<uint64_t> retired_boots;
  std::vector<SeqWindow> replay;  // per link: crypto counters of the current boot
  SeqWindow delivered;            // message seqs of the current boot
  Reassembler reassembler;
  DropCounts drops{};
  uint64_t tx_unreachable = 0;
  uint64_t messages_delivered = 0;
};

std::string_view to_string(LinkEventKind kind) {
  switch (kind) {
    case LinkEventKind::kLinkUp:
      return "link.up";
    case LinkEventKind::kLinkDown:
      return "link.down";
    case LinkEventKind::kHostReachable:
      return "host.reachable";
    case LinkEventKind::kHostUnreachable:
      return "host.unreachable";
  }
  QUORATE_UNREACHABLE();
}

std::string describe(const LinkEvent& event) {
  switch (event.kind) {
    case LinkEventKind::kLinkUp:
      return absl::StrCat("host: ", event.host.value, " link: ", event.link.value, " is up");
    case LinkEventKind::kLinkDown:
      return absl::StrCat("host: ", event.host.value, " link: ", event.link.value, " is down");
    case LinkEventKind::kHostReachable:
      return absl::StrCat("host: ", event.host.value, " is reachable");
    case LinkEventKind::kHostUnreachable:
      return absl::StrCat("host: ", event.host.value, " is unreachable");
  }
  QUORATE_UNREACHABLE();
}

LinkLayer::LinkLayer(LinkLayerOptions options) : options_(std::move(options)) {
  sort_unique(options_.peers);
  const std::optional<std::string> error = validate(options_);
  QUORATE_CHECK_MSG(!error, error ? error->c_str() : "");
  if (!options_.cluster_key.empty()) secauth_ = std::make_unique<SecAuth>(options_.cluster_key);
  peers_.reserve(options_.peers.size());
  for (const NodeId peer : options_.peers)
    peers_.emplace_back(peer, options_);
  data_mtu_ = links::data_mtu(options_);
  boot_ = Prng::for_stream(options_.seed, "links/boot").next_u64();
  tick_phase_ = options_.tick_phase.value_or(Duration::from_ns(
      Prng::for_stream(options_.seed, "links/tick").uniform_i64(0, kHeartbeatTick.ns() - 1)));
  QUORATE_CHECK(data_mtu_ >= 1);
  QUORATE_CHECK(tick_phase_ >= Duration::zero() && tick_phase_ < kHeartbeatTick);
}

LinkLayer::~LinkLayer() = default;

LinkLayer::Peer* LinkLayer::find_peer(NodeId id) {
  QUORATE_CHECK(peers_.size() == options_.peers.size());
  auto it = std::lower_bound(peers_.begin(), peers_.end(), id,
                             [](const Peer& p, NodeId target) { return p.id < target; });
  QUORATE_CHECK(it == peers_.end() || it->id >= id);
  return it != peers_.end() && it->id == id ? &*it : nullptr;
}

const LinkLayer::Peer* LinkLayer::find_peer(NodeId id) const {
  return const_cast<LinkLayer*>(this)->find_peer(id);
}

void LinkLayer::enter(Instant now) {
  QUORATE_CHECK_MSG(now >= last_now_, "link layer time went backwards");
  QUORATE_CHECK(peers_.size() == options_.peers.size());
  last_now_ = now;
}

void LinkLayer::drop(Peer* peer, RxDrop reason, uint64_t count) {
  const auto index = static_cast<size_t>(reason);
  QUORATE_CHECK(index < kRxDropCount);
  QUORATE_CHECK(count >= 1);
  drops_[index] += count;
  if (peer != nullptr) peer->drops[index] += count;
}

void LinkLayer::start(Instant now) {
  enter(now);
  if (running_) return;
  running_ = true;
  next_tick_ = now + tick_phase_;
  QUORATE_CHECK(next_tick_ >= now);
  QUORATE_CHECK(next_tick_ < now + kHeartbeatTick);
}

void LinkLayer::stop(Instant now) {
  enter(now);
  running_ = false;
  QUORATE_CHECK(!running_);
  QUORATE_CHECK(!next_wake());
}

std::optional<Instant> LinkLayer::next_wake() const {
  if (!running_) return std::nullopt;
  QUORATE_CHECK(tick_phase_ < kHeartbeatTick);  // the owner may be late: next_tick_ < now is fine
  return next_tick_;
}

bool LinkLayer::reachable(NodeId peer) const {
  const Peer* p = find_peer(peer);
  QUORATE_CHECK_MSG(p != nullptr, "not a configured peer");
  QUORATE_CHECK(p->id == peer);
  return p->reachable;
}

const LinkHeartbeat* LinkLayer::heartbeat(NodeId peer, LinkId link) const {
  QUORATE_CHECK(link.valid());
  const Peer* p = find_peer(peer);
  QUORATE_CHECK_MSG(p != nullptr, "not a configured peer");
  return p->heartbeats[link.value] ? &*p->heartbeats[link.value] : nullptr;
}

// ---- receive path ----

void LinkLayer::on_packet(LinkId link, NodeId from, std::span<const std::byte> bytes, Instant now,
                          Outputs& wire, LinkBatch& batch) {
  enter(now);
  QUORATE_CHECK(link.valid());
  Peer* peer = find_peer(from);
  Header header;
  if (decode_header(bytes, header) != WireError::kOk) return drop(peer, RxDrop::kMalformed);
  if (peer == nullptr) return drop(nullptr, RxDrop::kUnknownHost);
  if (header.sender != from) return drop(peer, RxDrop::kSenderMismatch);
  if (header.link != link) return drop(peer, RxDrop::kLinkMismatch);
  const std::optional<LinkHeartbeat>& hb = peer->heartbeats[link.value];
  if (!hb || !hb->options().enabled) return drop(peer, RxDrop::kLinkNotConfigured);
  std::span<const std::byte> body_bytes;
  if (!open_body(*peer, header, bytes, body_bytes)) return;
  Body body;
  if (decode_body(body_bytes, body) != WireError::kOk) return drop(peer, RxDrop::kMalformed);
  // Only a complete, well-formed (and, with a key, authentic) datagram may change state.
  if (!accept_boot(*peer, header)) return;
  if (secauth_ && !accept_counter(*peer, header)) return;
  dispatch(*peer, link, body, bytes.size(), now, wire, batch);
}

bool LinkLayer::open_body(Peer& peer, const Header& header, std::span<const std::byte> bytes,
                          std::span<const std::byte>& body) {
  QUORATE_CHECK(bytes.size() >= kHeaderBytes);
  if (!secauth_) {
    if (header.encrypted) {
      drop(&peer, RxDrop::kNoCrypto);
      return false;
    }
    body = bytes.subspan(kHeaderBytes);
    return true;
  }
  if (!header.encrypted) {
    drop(&peer, RxDrop::kClearText);
    return false;
  }
  if (!secauth_->open(bytes, rx_plain_)) {
    drop(&peer, RxDrop::kForged);
    return false;
  }
  body = rx_plain_;
  return true;
}

bool LinkLayer::accept_boot(Peer& peer, const Header& header) {
  QUORATE_CHECK(header.sender == peer.id);
  if (peer.boot == header.boot) return true;
  // Without a key the boot field is unauthenticated: remembering superseded boots would let one
  // forged header lock the real sender out, so only secauth rejects stale boots.
  if (secauth_ && std::find(peer.retired_boots.begin(), peer.retired_boots.end(), header.boot) !=
                      peer.retired_boots.end()) {
    drop(&peer, RxDrop::kStaleBoot);
    return false;
  }
  // A new boot of the sender: its counters and sequence numbers start again.
  if (peer.boot) peer.retired_boots.push_back(*peer.boot);
  if (peer.retired_boots.size() > kRetiredBootsMax) {
    peer.retired_boots.erase(peer.retired_boots.begin());
  }
  peer.boot = header.boot;
  for (SeqWindow& window : peer.replay)
    window.reset();
  peer.delivered.reset();
  peer.reassembler.clear();
  QUORATE_CHECK(peer.retired_boots.size() <= kRetiredBootsMax);
  return true;
}

bool LinkLayer::accept_counter(Peer& peer, const Header& header) {
  QUORATE_CHECK(secauth_ != nullptr);
  QUORATE_CHECK(header.link.valid() && peer.boot == header.boot);
  SeqWindow& window = peer.replay[header.link.value];
  if (window.check(header.counter) != SeqWindow::Verdict::kNew) {
    drop(&peer, RxDrop::kReplay);
    return false;
  }
  window.mark(header.counter);
  return true;
}

void LinkLayer::dispatch(Peer& peer, LinkId link, const Body& body, size_t wire_bytes, Instant now,
                         Outputs& wire, LinkBatch& batch) {
  count_packet(peer.counters[link.value], body.type, /*tx=*/false, wire_bytes);
  switch (body.type) {
    case PacketType::kPing:
      if (running_)
        transmit(peer, link, PacketType::kPong,
                 encode_heartbeat(PacketType::kPong, body.timestamp_ns), wire);
      return;
    case PacketType::kPong:
      on_pong(peer, link, body, now, batch);
      return;
    case PacketType::kData:
      on_data(peer, body, now, batch);
      return;
  }
  QUORATE_UNREACHABLE();
}

void LinkLayer::on_pong(Peer& peer, LinkId link, const Body& body, Instant now, LinkBatch& batch) {
  LinkHeartbeat& hb = *peer.heartbeats[link.value];
  QUORATE_CHECK(hb.options().enabled);
  switch (hb.on_pong(Instant::from_ns(body.timestamp_ns), now)) {
    case LinkHeartbeat::PongVerdict::kFuture:
      return drop(&peer, RxDrop::kPongFuture);
    case LinkHeartbeat::PongVerdict::kLateDiscarded:
      return drop(&peer, RxDrop::kPongLate);
    case LinkHeartbeat::PongVerdict::kCounted:
      return;
    case LinkHeartbeat::PongVerdict::kUp:
      QUORATE_CHECK(hb.connected());
      ++peer.counters[link.value].up_count;
      batch.events.push_back({LinkEventKind::kLinkUp, now, peer.id, link});
      update_reachability(peer, now, batch);
      return;
  }
  QUORATE_UNREACHABLE();
}

void LinkLayer::on_data(Peer& peer, const Body& body, Instant now, LinkBatch& batch) {
  QUORATE_CHECK(body.type == PacketType::kData);
  QUORATE_CHECK(body.data.frag_index < body.data.frag_count && !body.payload.empty());
  if (!peer.reachable) return drop(&peer, RxDrop::kUnreachable);
  const DataFields& d = body.data;
  if (peer.delivered.check(d.seq) != SeqWindow::Verdict::kNew) {
    return drop(&peer, RxDrop::kDuplicate);
  }
  if (d.frag_count == 1) {
    if (d.total_len > options_.max_message_bytes) return drop(&peer, RxDrop::kReassemblyInvalid);
    return deliver(peer, d.seq, {body.payload.begin(), body.payload.end()}, now, batch);
  }
  std::vector<std::byte> message;
  uint64_t evicted = 0;
  const Reassembler::Result result = peer.reassembler.add(d, body.payload, now, message, evicted);
  if (evicted > 0) drop(&peer, RxDrop::kReassemblyEvicted, evicted);
  switch (result) {
    case Reassembler::Result::kIncomplete:
      return;
    case Reassembler::Result::kComplete:
      return deliver(peer, d.seq, std::move(message), now, batch);
    case Reassembler::Result::kDuplicate:
      return drop(&peer, RxDrop::kDuplicate);
    case Reassembler::Result::kInvalid:
      return drop(&peer, RxDrop::kReassemblyInvalid);
  }
  QUORATE_UNREACHABLE();
}

void LinkLayer::deliver(Peer& peer, uint64_t seq, std::vector<std::byte> bytes, Instant now,
                        LinkBatch& batch) {
  QUORATE_CHECK(!bytes.empty() && bytes.size() <= options_.max_message_bytes);
  peer.delivered.mark(seq);
  ++peer.messages_delivered;
  batch.deliveries.push_back(Delivery{now, peer.id, std::move(bytes)});
}

// ---- transmit path ----

void LinkLayer::transmit(Peer& peer, LinkId link, PacketType type, std::span<const std::byte> body,
                         Outputs& wire) {
  QUORATE_CHECK(running_);
  QUORATE_CHECK(peer.heartbeats[link.value] && peer.heartbeats[link.value]->options().enabled);
  const Header header{secauth_ != nullptr, options_.self, link, boot_, ++tx_counter_[link.value]};
  const HeaderBytes header_bytes = encode_header(header);
  std::vector<std::byte> packet;
  if (secauth_) {
    packet = secauth_->seal(header_bytes, body);
  } else {
    packet.reserve(kHeaderBytes + body.size());
    packet.insert(packet.end(), header_bytes.begin(), header_bytes.end());
    packet.insert(packet.end(), body.begin(), body.end());
  }
  QUORATE_CHECK(packet.size() <= peer.heartbeats[link.value]->options().mtu);
  count_packet(peer.counters[link.value], type, /*tx=*/true, packet.size());
  wire.send(link, peer.id, std::move(packet));
}

void LinkLayer::usable_links(const Peer& peer, std::vector<LinkCandidate>& out) const {
  out.clear();
  QUORATE_CHECK(out.empty());
  for (const std::optional<LinkHeartbeat>& hb : peer.heartbeats) {
    if (hb && hb->options().enabled && hb->connected()) {
      out.push_back(LinkCandidate{hb->link(), hb->options().priority});
    }
  }
  QUORATE_CHECK(out.empty() != peer.reachable);
}

SendReport LinkLayer::send(NodeId to, std::span<const std::byte> bytes, Instant now,
                           Outputs& wire) {
  enter(now);
  QUORATE_CHECK_MSG(to == kBroadcast || find_peer(to) != nullptr, "send to an unknown host");
  QUORATE_CHECK_MSG(!bytes.empty() && bytes.size() <= options_.max_message_bytes,
                    "message size out of range");
  SendReport report;
  if (!running_) return report;
  report.seq = ++data_seq_;
  for (Peer& peer : peers_) {
    if (to != kBroadcast && peer.id != to) continue;
    if (!peer.reachable) {
      ++peer.tx_unreachable;
      ++report.hosts_unreachable;
      continue;
    }
    send_message(peer, report.seq, bytes, wire);
    ++report.hosts_sent;
  }
  return report;
}

void LinkLayer::send_message(Peer& peer, uint64_t seq, std::span<const std::byte> bytes,
                             Outputs& wire) {
  QUORATE_CHECK(peer.reachable);
  const size_t count = fragment_count(bytes.size(), data_mtu_);
  QUORATE_CHECK(count <= kMaxFragments);
  usable_links(peer, usable_);
  for (size_t i = 0; i < count; ++i) {
    const DataFields fields{seq, static_cast<uint32_t>(bytes.size()), static_cast<uint16_t>(i),
                            static_cast<uint16_t>(count)};
    const std::vector<std::byte> body = encode_data(fields, fragment_of(bytes, data_mtu_, i));
    peer.selector.select(usable_, chosen_);
    for (const LinkId link : chosen_)
      transmit(peer, link, PacketType::kData, body, wire);
  }
}

// ---- tick ----

void LinkLayer::on_timer(Instant now, Outputs& wire, LinkBatch& batch) {
  enter(now);
  QUORATE_CHECK_MSG(running_, "tick while stopped");
  QUORATE_CHECK_MSG(now >= next_tick_, "tick before it was due");
  ++ticks_;
  const bool adjust = ticks_ % kTicksPerAdjust == 0;  // knet: about once a second
  for (Peer& peer : peers_) {
    tick_peer(peer, adjust, now, wire, batch);
    const size_t expired = peer.reassembler.expire(now);
    if (expired > 0) drop(&peer, RxDrop::kReassemblyExpired, expired);
  }
  while (next_tick_ <= now)
    next_tick_ += kHeartbeatTick;  // missed ticks are skipped, not replayed
  QUORATE_CHECK(next_tick_ > now);
}

void LinkLayer::tick_peer(Peer& peer, bool adjust, Instant now, Outputs& wire, LinkBatch& batch) {
  QUORATE_CHECK(running_);
  QUORATE_CHECK(now >= next_tick_);
  for (std::optional<LinkHeartbeat>& hb : peer.heartbeats) {
    if (!hb || !hb->options().enabled) continue;
    if (adjust) hb->adjust_timeout();
    if (hb->ping_due(now)) {
      transmit(peer, hb->link(), PacketType::kPing, encode_heartbeat(PacketType::kPing, now.ns()),
               wire);
      hb->ping_sent(now);
    }
    if (hb->check_timeout(now)) {
      QUORATE_CHECK(!hb->connected());
      ++peer.counters[hb->link().value].down_count;
      batch.events.push_back({LinkEventKind::kLinkDown, now, peer.id, hb->link()});
    }
  }
  update_reachability(peer, now, batch);
}

void LinkLayer::update_reachability(Peer& peer, Instant now, LinkBatch& batch) {
  bool any = false;
  for (const std::optional<LinkHeartbeat>& hb : peer.heartbeats)
    any = any || (hb && hb->options().enabled && hb->connected());
  QUORATE_CHECK(peer.id.valid());
  if (any == peer.reachable) return;
  peer.reachable = any;
  batch.events.push_back({any ? LinkEventKind::kHostReachable : LinkEventKind::kHostUnreachable,
                          now, peer.id, LinkId{}});
  QUORATE_CHECK(peer.reachable == any);
}

// ---- status ----

LayerStatus LinkLayer::status() const {
  LayerStatus status;
  status.self = options_.self;
  status.mode = options_.mode;
  status.secauth = secauth_ != nullptr;
  status.data_mtu = data_mtu_;
  status.drops = drops_;
  for (const Peer& peer : peers_) {
    PeerStatus& ps = status.peers.emplace_back();
    ps.host = peer.id;
    ps.reachable = peer.reachable;
    ps.drops = peer.drops;
    ps.tx_unreachable = peer.tx_unreachable;
    ps.messages_delivered = peer.messages_delivered;
    ps.reassembly_buffers = peer.reassembler.buffers();
    for (const std::optional<LinkHeartbeat>& hb : peer.heartbeats) {
      if (!hb) continue;
      LinkStatus& ls = ps.links.emplace_back();
      ls.link = hb->link();
      ls.enabled = hb->options().enabled;
      ls.connected = hb->connected();
      ls.priority = hb->options().priority;
      ls.latency_avg = hb->latency_avg();
      ls.latency_samples = hb->latency_samples();
      ls.backoff = hb->backoff();
      ls.pong_timeout_adj = hb->pong_timeout_adj();
      ls.pong_last = hb->pong_last();
      ls.counters = peer.counters[hb->link().value];
    }
  }
  QUORATE_CHECK(status.peers.size() == peers_.size());
  QUORATE_CHECK(status.self.valid());
  return status;
}

}  // namespace quorate::links
