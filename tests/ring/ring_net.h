// RingNet: a test-support sim::Network for the ring tests (tests/ring only).
//
// One fixed one-way latency plus, per transmission, uniform jitter in [0, jitter] (which
// reorders packets), random loss and random duplication (the copy gets its own jitter), all
// drawn from the PRNG given at construction (the world's "net" stream): exactly three draws per
// transmission whatever the settings, so changing a probability never shifts later draws.
// Directions between nodes can be cut and healed between World runs (all links at once); the
// decision is taken at send time, packets in flight still arrive.
#pragma once

#include <cstdint>
#include <set>
#include <utility>

#include "engine/ids.h"
#include "engine/prng.h"
#include "engine/time.h"
#include "sim/network.h"

namespace quorate::ring::test {

struct RingNetOptions {
  Duration latency = Duration::from_us(100);
  Duration jitter = Duration::zero();
  double loss = 0.0;
  double duplicate = 0.0;
};

class RingNet final : public sim::Network {
 public:
  RingNet(RingNetOptions options, Prng prng) : options_(options), prng_(prng) {}

  void cut(NodeId from, NodeId to) { cuts_.insert({from.value, to.value}); }
  void heal(NodeId from, NodeId to) { cuts_.erase({from.value, to.value}); }
  void heal_all() { cuts_.clear(); }
  void set_loss(double loss) { options_.loss = loss; }

  void route(const sim::Transmission& t, sim::RouteDecision& decision) override;

 private:
  RingNetOptions options_;
  Prng prng_;
  std::set<std::pair<uint32_t, uint32_t>> cuts_;
};

}  // namespace quorate::ring::test
