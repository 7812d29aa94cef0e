// FixedLatencyNetwork: the trivial Network. Every packet on every link arrives exactly `latency`
// after it was sent, unless a Bernoulli(loss_probability) draw from the network's own PRNG stream
// drops it (reason kLoss). Exactly one draw per transmission whatever the probability, so a run
// with loss 0 and one with loss 0.1 consume the stream identically.
#pragma once

#include "engine/prng.h"
#include "sim/network.h"

namespace quorate::sim {

struct FixedLatencyOptions {
  Duration latency = Duration::from_us(100);  // >= 0
  double loss_probability = 0.0;              // [0, 1]
};

class FixedLatencyNetwork final : public Network {
 public:
  // `prng` should be the world's "net" stream (World::stream("net")).
  FixedLatencyNetwork(FixedLatencyOptions options, Prng prng);

  void route(const Transmission& transmission, RouteDecision& decision) override;

 private:
  FixedLatencyOptions options_;
  Prng prng_;
  Instant last_sent_at_;
};

}  // namespace quorate::sim
