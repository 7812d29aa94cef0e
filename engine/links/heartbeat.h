// LinkHeartbeat: knet's per-peer, per-link heartbeat state machine (threads_heartbeat.c and the
// pong path of threads_rx.c), with time passed in. One instance per (peer, configured link).
//
// Driven by the LinkLayer:
// - every tick (kHeartbeatTick): ping_due()/ping_sent() then check_timeout();
//   every kTicksPerAdjust-th tick adjust_timeout() first (knet's order);
// - on every authenticated pong: on_pong().
//
// Behaviour (knet):
// - A ping is due when it never was sent or now - ping_last >= ping_interval, so the effective
//   period is ping_interval rounded up to the tick (750 ms -> 800 ms).
// - on_pong: latency = now - echoed timestamp. pong_last = now for every pong (knet refreshes it
//   before judging the latency). A pong with latency > ping_timeout is discarded (no latency
//   sample, no progress toward UP). Otherwise the latency enters a running mean over
//   min(samples, ping_precision) samples (integer nanoseconds) and, if the link is down and the
//   mean is below pong_timeout_adj: after pong_count counted pongs the next one makes it UP.
//   So the link comes up on the (pong_count+1)-th valid pong.
// - check_timeout: if a pong was received since the last reset and now - pong_last >=
//   pong_timeout_adj, reset (received_pong = 0, pong_last = none, backoff = kBackoffMax) and, if
//   the link was up, it goes DOWN (returns true).
// - adjust_timeout (once a second): backoff = max(1, backoff - 1), then pong_timeout_adj =
//   ping_timeout * backoff + kLatencyMultiplier * latency_avg. At creation backoff = kBackoffMax
//   and pong_timeout_adj = ping_timeout * kBackoffMax, so for ~9 s after creation or a reset the
//   down-detection threshold is up to 10x ping_timeout.
// Invariants: 1 <= backoff <= kBackoffMax; connected implies a pong was received;
// latency_samples <= ping_precision.
#pragma once

#include <cstdint>
#include <optional>

#include "engine/ids.h"
#include "engine/links/link_options.h"
#include "engine/time.h"

namespace quorate::links {

class LinkHeartbeat {
 public:
  enum class PongVerdict : uint8_t {
    kFuture,         // echoed timestamp later than now: not one of our pings; ignored entirely
    kLateDiscarded,  // latency > ping_timeout: pong_last refreshed, nothing else
    kCounted,        // a valid pong; the link is not up yet (or already up)
    kUp,             // this pong brought the link up
  };

  LinkHeartbeat(NodeId host, LinkId link, const LinkOptions& options);

  bool ping_due(Instant now) const;
  void ping_sent(Instant now);
  PongVerdict on_pong(Instant echoed, Instant now);
  // True when this call took a connected link down.
  bool check_timeout(Instant now);
  void adjust_timeout();

  NodeId host() const { return host_; }
  LinkId link() const { return link_; }
  bool connected() const { return connected_; }
  int64_t backoff() const { return backoff_; }
  Duration pong_timeout_adj() const { return pong_timeout_adj_; }
  Duration latency_avg() const { return latency_avg_; }
  uint32_t latency_samples() const { return latency_samples_; }
  uint32_t received_pong() const { return received_pong_; }
  std::optional<Instant> ping_last() const { return ping_last_; }
  std::optional<Instant> pong_last() const { return pong_last_; }
  const LinkOptions& options() const { return options_; }

 private:
  void add_latency_sample(Duration latency);
  void reset();

  NodeId host_;
  LinkId link_;
  LinkOptions options_;
  bool connected_ = false;
  uint32_t received_pong_ = 0;
  int64_t backoff_ = kBackoffMax;
  Duration pong_timeout_adj_;
  Duration latency_avg_;
  uint32_t latency_samples_ = 0;
  std::optional<Instant> ping_last_;
  std::optional<Instant> pong_last_;
};

}  // namespace quorate::links
