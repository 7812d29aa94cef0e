#include "tests/ring/ring_net.h"

#include "engine/check.h"

namespace quorate::ring::test {

void RingNet::route(const sim::Transmission& t, sim::RouteDecision& decision) {
  QUORATE_CHECK(decision.arrivals.empty());
  const bool lost = prng_.bernoulli(options_.loss);
  const bool dup = prng_.bernoulli(options_.duplicate);
  const int64_t j = options_.jitter.ns();
  const uint64_t r = prng_.next_u64();
  if (cuts_.contains({t.from.value, t.to.value})) {
    decision.drop_reason = sim::DropReason::kPartition;
    return;
  }
  if (lost) {
    decision.drop_reason = sim::DropReason::kLoss;
    return;
  }
  const auto jitter_of = [j](uint64_t bits) {
    return Duration::from_ns(j > 0 ? static_cast<int64_t>(bits % static_cast<uint64_t>(j + 1)) : 0);
  };
  decision.arrivals.push_back(t.sent_at + options_.latency + jitter_of(r));
  if (dup) decision.arrivals.push_back(t.sent_at + options_.latency + jitter_of(r >> 32));
}

}  // namespace quorate::ring::test
