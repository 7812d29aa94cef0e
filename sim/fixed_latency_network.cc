#include "sim/fixed_latency_network.h"

#include "engine/check.h"

namespace quorate::sim {

FixedLatencyNetwork::FixedLatencyNetwork(FixedLatencyOptions options, Prng prng)
    : options_(options), prng_(prng) {
  QUORATE_CHECK(options_.latency >= Duration::zero());
  QUORATE_CHECK(options_.loss_probability >= 0.0 && options_.loss_probability <= 1.0);
}

void FixedLatencyNetwork::route(const Transmission& transmission, RouteDecision& decision) {
  QUORATE_CHECK(decision.arrivals.empty());
  QUORATE_CHECK_MSG(transmission.sent_at >= last_sent_at_, "route() calls out of time order");
  QUORATE_CHECK(transmission.from.valid() && transmission.to.valid());
  QUORATE_CHECK(transmission.link.valid());
  last_sent_at_ = transmission.sent_at;
  if (prng_.bernoulli(options_.loss_probability)) {
    decision.drop_reason = DropReason::kLoss;
    return;
  }
  decision.arrivals.push_back(transmission.sent_at + options_.latency);
}

}  // namespace quorate::sim
