#include "engine/links/link_engine.h"

#include <algorithm>

#include "engine/check.h"

namespace quorate::links {

LinkEngine::LinkEngine(LinkLayerOptions layer, LinkAppOptions app)
    : layer_(std::move(layer)), app_(app) {
  QUORATE_CHECK(app_.traffic_interval >= Duration::zero());
  QUORATE_CHECK(app_.traffic_bytes >= 8);
}

void LinkEngine::send_at(Instant at, NodeId to, std::vector<std::byte> bytes) {
  QUORATE_CHECK(to == kBroadcast || to.valid());
  QUORATE_CHECK(!bytes.empty());
  queued_.emplace(std::make_pair(at, queued_seq_++), Queued{to, std::move(bytes)});
}

std::optional<uint64_t> LinkEngine::traffic_counter(std::span<const std::byte> message) {
  if (message.size() < 8) return std::nullopt;
  uint64_t value = 0;
  for (size_t i = 0; i < 8; ++i)
    value |= static_cast<uint64_t>(std::to_integer<uint8_t>(message[i])) << (8 * i);
  return value;
}

std::vector<std::byte> LinkEngine::traffic_message() {
  const uint64_t counter = ++traffic_sent_;
  std::vector<std::byte> bytes(app_.traffic_bytes);
  for (size_t i = 0; i < bytes.size(); ++i) {
    bytes[i] = i < 8 ? static_cast<std::byte>((counter >> (8 * i)) & 0xff)
                     : static_cast<std::byte>(i & 0xff);
  }
  QUORATE_CHECK(traffic_counter(bytes) == counter);
  return bytes;
}

void LinkEngine::send_now(Instant now, NodeId to, std::span<const std::byte> bytes, Outputs& out) {
  const SendReport report = layer_.send(to, bytes, now, out);
  sends_.push_back(SendRecord{now, to, bytes.size(), report});
}

void LinkEngine::run_app(Instant now, Outputs& out) {
  if (!running_) return;
  while (!queued_.empty() && queued_.begin()->first.first <= now) {
    Queued item = std::move(queued_.begin()->second);
    queued_.erase(queued_.begin());
    send_now(now, item.to, item.bytes, out);
  }
  if (app_.traffic_interval <= Duration::zero()) return;
  while (next_traffic_ <= now) {
    const std::vector<std::byte> message = traffic_message();
    send_now(now, app_.traffic_to, message, out);
    next_traffic_ += app_.traffic_interval;
  }
  QUORATE_CHECK(next_traffic_ > now);
}

void LinkEngine::finish(Outputs& out) {
  for (Delivery& d : batch_.deliveries)
    deliveries_.push_back(std::move(d));
  for (const LinkEvent& e : batch_.events) {
    out.emit(to_seam_event(e));
    events_.push_back(e);
  }
  batch_.clear();
  std::optional<Instant> wake = layer_.next_wake();
  if (running_ && !queued_.empty()) {
    const Instant at = queued_.begin()->first.first;
    wake = wake ? std::min(*wake, at) : at;
  }
  if (running_ && app_.traffic_interval > Duration::zero()) {
    wake = wake ? std::min(*wake, next_traffic_) : next_traffic_;
  }
  if (wake) {
    out.wake_at(*wake);
  } else {
    out.cancel_wake();
  }
}

void LinkEngine::on_packet(LinkId link, NodeId from, std::span<const std::byte> bytes, Instant now,
                           Outputs& out) {
  layer_.on_packet(link, from, bytes, now, out, batch_);
  finish(out);
}

void LinkEngine::on_timer(Instant now, Outputs& out) {
  const std::optional<Instant> tick = layer_.next_wake();
  if (tick && now >= *tick) layer_.on_timer(now, out, batch_);
  run_app(now, out);
  finish(out);
}

void LinkEngine::on_command(const Command& command, Instant now, Outputs& out) {
  switch (command.kind) {
    case CommandKind::kStart:
      if (!running_) next_traffic_ = now + app_.traffic_interval;
      running_ = true;
      layer_.start(now);
      run_app(now, out);
      break;
    case CommandKind::kStop:
      running_ = false;
      layer_.stop(now);
      break;
  }
  finish(out);
}

Event to_seam_event(const LinkEvent& event) {
  QUORATE_CHECK(event.host.valid());
  switch (event.kind) {
    case LinkEventKind::kLinkUp:
    case LinkEventKind::kLinkDown: {
      QUORATE_CHECK(event.link.valid());
      const EventKind kind =
          event.kind == LinkEventKind::kLinkUp ? EventKind::kLinkUp : EventKind::kLinkDown;
      return Event{kind, {{"host", event.host.value}, {"link", event.link.value}}};
    }
    case LinkEventKind::kHostReachable:
      return Event{EventKind::kHostReachable, {{"host", event.host.value}}};
    case LinkEventKind::kHostUnreachable:
      return Event{EventKind::kHostUnreachable, {{"host", event.host.value}}};
  }
  QUORATE_UNREACHABLE();
}

}  // namespace quorate::links
