#include "engine/ring/ring_engine.h"

#include <algorithm>

#include "engine/check.h"
#include "engine/links/link_engine.h"

namespace quorate::ring {

RingEngine::RingEngine(RingEngineOptions options)
    : layer_(std::move(options.layer)),
      totem_(layer_.options().self, options.ring, *this),
      app_(options.app) {
  QUORATE_CHECK(app_.traffic_interval >= Duration::zero());
  QUORATE_CHECK(app_.traffic_bytes >= 8 && app_.traffic_bytes <= kMessageSizeMax);
}

void RingEngine::send_at(Instant at, std::vector<std::byte> bytes) {
  QUORATE_CHECK(!bytes.empty() && bytes.size() <= kMessageSizeMax);
  queued_.emplace(std::make_pair(at, queued_seq_++), std::move(bytes));
}

void RingEngine::unicast(NodeId to, std::vector<std::byte> bytes) {
  QUORATE_CHECK(out_ != nullptr);
  layer_.send(to, bytes, now_, *out_);
}

void RingEngine::multicast(std::vector<std::byte> bytes) {
  QUORATE_CHECK(out_ != nullptr);
  layer_.send(kBroadcast, bytes, now_, *out_);
}

void RingEngine::emit(Event event) {
  QUORATE_CHECK(out_ != nullptr);
  out_->emit(std::move(event));
}

void RingEngine::begin(Instant now, Outputs& out) {
  out_ = &out;
  now_ = now;
}

// Link events go to the trace; messages go to the Totem, in arrival order.
void RingEngine::drain_layer() {
  for (const links::LinkEvent& e : batch_.events)
    out_->emit(links::to_seam_event(e));
  for (const links::Delivery& d : batch_.deliveries)
    totem_.on_message(d.from, d.bytes, now_);
  batch_.clear();
}

std::vector<std::byte> RingEngine::traffic_message() {
  const uint64_t counter = ++traffic_sent_;
  std::vector<std::byte> bytes(app_.traffic_bytes);
  for (size_t i = 0; i < bytes.size(); ++i) {
    bytes[i] = i < 8 ? static_cast<std::byte>((counter >> (8 * i)) & 0xff)
                     : static_cast<std::byte>((i * 7 + counter) & 0xff);
  }
  return bytes;
}

void RingEngine::run_app() {
  if (!running_) return;
  while (!queued_.empty() && queued_.begin()->first.first <= now_) {
    std::vector<std::byte> bytes = std::move(queued_.begin()->second);
    queued_.erase(queued_.begin());
    totem_.submit(std::move(bytes), now_);
  }
  if (app_.traffic_interval <= Duration::zero()) return;
  while (next_traffic_ <= now_ && (app_.traffic_limit == 0 || traffic_sent_ < app_.traffic_limit)) {
    totem_.submit(traffic_message(), now_);
    next_traffic_ += app_.traffic_interval;
  }
}

void RingEngine::finish() {
  std::optional<Instant> wake = layer_.next_wake();
  const auto merge = [&wake](Instant t) { wake = wake ? std::min(*wake, t) : t; };
  if (const std::optional<Instant> t = totem_.next_wake()) merge(*t);
  if (running_ && !queued_.empty()) merge(queued_.begin()->first.first);
  const bool traffic_left = app_.traffic_limit == 0 || traffic_sent_ < app_.traffic_limit;
  if (running_ && app_.traffic_interval > Duration::zero() && traffic_left) merge(next_traffic_);
  if (wake) {
    out_->wake_at(*wake);
  } else {
    out_->cancel_wake();
  }
  out_ = nullptr;
}

void RingEngine::on_packet(LinkId link, NodeId from, std::span<const std::byte> bytes, Instant now,
                           Outputs& out) {
  begin(now, out);
  layer_.on_packet(link, from, bytes, now, out, batch_);
  drain_layer();
  finish();
}

void RingEngine::on_timer(Instant now, Outputs& out) {
  begin(now, out);
  const std::optional<Instant> tick = layer_.next_wake();
  if (tick && now >= *tick) layer_.on_timer(now, out, batch_);
  drain_layer();
  run_app();
  totem_.on_timer(now);
  finish();
}

void RingEngine::on_command(const Command& command, Instant now, Outputs& out) {
  begin(now, out);
  switch (command.kind) {
    case CommandKind::kStart:
      if (!running_) next_traffic_ = now + app_.traffic_start + app_.traffic_interval;
      running_ = true;
      layer_.start(now);
      totem_.start(now);
      run_app();
      break;
    case CommandKind::kStop:
      running_ = false;
      totem_.leave(now);
      layer_.stop(now);
      break;
  }
  finish();
}

}  // namespace quorate::ring
