#include "engine/links/heartbeat.h"

#include <algorithm>

#include "engine/check.h"

namespace quorate::links {

LinkHeartbeat::LinkHeartbeat(NodeId host, LinkId link, const LinkOptions& options)
    : host_(host),
      link_(link),
      options_(options),
      pong_timeout_adj_(options.ping_timeout * kBackoffMax) {
  QUORATE_CHECK(host.valid());
  QUORATE_CHECK(link.valid());
  QUORATE_CHECK(options.ping_interval > Duration::zero());
  QUORATE_CHECK(options.ping_timeout > Duration::zero());
  QUORATE_CHECK(options.pong_count >= 1 && options.ping_precision >= 1);
}

bool LinkHeartbeat::ping_due(Instant now) const {
  QUORATE_CHECK(!ping_last_ || now >= *ping_last_);
  return !ping_last_ || now - *ping_last_ >= options_.ping_interval;
}

void LinkHeartbeat::ping_sent(Instant now) {
  QUORATE_CHECK(ping_due(now));
  ping_last_ = now;
}

void LinkHeartbeat::add_latency_sample(Duration latency) {
  QUORATE_CHECK(latency >= Duration::zero());
  latency_samples_ = std::min(latency_samples_ + 1, options_.ping_precision);
  const int64_t n = latency_samples_;
  latency_avg_ = Duration::from_ns((latency_avg_.ns() * (n - 1) + latency.ns()) / n);
  QUORATE_CHECK(latency_samples_ >= 1 && latency_samples_ <= options_.ping_precision);
}

LinkHeartbeat::PongVerdict LinkHeartbeat::on_pong(Instant echoed, Instant now) {
  if (echoed > now) return PongVerdict::kFuture;
  const Duration latency = now - echoed;
  QUORATE_CHECK(latency >= Duration::zero());
  pong_last_ = now;
  if (latency > options_.ping_timeout) return PongVerdict::kLateDiscarded;
  add_latency_sample(latency);
  if (connected_ || latency_avg_ >= pong_timeout_adj_) return PongVerdict::kCounted;
  if (received_pong_ < options_.pong_count) {
    ++received_pong_;
    return PongVerdict::kCounted;
  }
  connected_ = true;
  QUORATE_CHECK(pong_last_.has_value());
  return PongVerdict::kUp;
}

void LinkHeartbeat::reset() {
  received_pong_ = 0;
  pong_last_.reset();
  backoff_ = kBackoffMax;
}

bool LinkHeartbeat::check_timeout(Instant now) {
  if (!pong_last_) return false;
  QUORATE_CHECK(now >= *pong_last_);
  if (now - *pong_last_ < pong_timeout_adj_) return false;
  const bool was_connected = connected_;
  reset();
  connected_ = false;
  QUORATE_CHECK(!pong_last_ && backoff_ == kBackoffMax);
  return was_connected;
}

void LinkHeartbeat::adjust_timeout() {
  backoff_ = std::max<int64_t>(1, backoff_ - 1);
  pong_timeout_adj_ = options_.ping_timeout * backoff_ + latency_avg_ * kLatencyMultiplier;
  QUORATE_CHECK(backoff_ >= 1 && backoff_ <= kBackoffMax);
  QUORATE_CHECK(pong_timeout_adj_ >= options_.ping_timeout);
}

}  // namespace quorate::links
