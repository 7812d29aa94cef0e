// Test support: a sim::World of RingEngines over a RingNet (tests/ring only).
//
// Nodes 1..nodes, ideal clocks (local == global), every node configured with every other node
// as a peer on link 0 with corosync's knet timers for the runtime token, and RingOptions from
// corosync_ring_defaults(nodes). Node seeds come from the world's streams "node/<id>/links";
// the network draws from "net". Every node gets kStart at global time 0.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "engine/ring/ring_engine.h"
#include "model/checkers/ring_checkers.h"
#include "sim/world.h"
#include "tests/ring/ring_net.h"

namespace quorate::ring::test {

inline Duration ms(int64_t v) {
  return Duration::from_ms(v);
}
inline Instant at_ms(int64_t v) {
  return Instant::epoch() + Duration::from_ms(v);
}
inline NodeId node(uint32_t id) {
  return NodeId{id};
}

struct RingClusterOptions {
  int nodes = 3;
  RingNetOptions net;
  RingAppOptions app;
  uint64_t seed = 1;
  std::function<void(NodeId, RingEngineOptions&)> customize;
};

// The world alone (for sim::check_determinism factories). `net` receives the network's address.
std::unique_ptr<sim::World> build_ring_world(const RingClusterOptions& options,
                                             RingNet** net = nullptr);

class RingCluster {
 public:
  explicit RingCluster(const RingClusterOptions& options);

  sim::World& world() { return *world_; }
  RingNet& net() { return *net_; }
  RingEngine& engine(NodeId id);
  const RingOptions& ring_options() const { return ring_options_; }
  void run_until(Instant t) {
    if (t > world_->now()) world_->run_until(t);
  }
  // Cuts every direction between `id` and every other node (a crash, as the network sees it).
  void isolate(NodeId id);
  // Heals every direction between `id` and every other node (the crashed node returns).
  void rejoin(NodeId id);
  void partition(const std::vector<NodeId>& side_a, const std::vector<NodeId>& side_b);

  // True when every node of `group` is OPERATIONAL in one ring whose members are `group`.
  bool converged(const std::vector<NodeId>& group);
  // Runs in 10 ms steps until converged(group) or `deadline`; returns the time it held first.
  std::optional<Instant> run_until_converged(const std::vector<NodeId>& group, Instant deadline);
  // Global time of the first regular configuration change at `at_node`, at or after `from`,
  // whose members are exactly `members`.
  std::optional<Instant> regular_change(NodeId at_node, const std::vector<NodeId>& members,
                                        Instant from);

  checkers::RingHistory history() const {
    return checkers::RingHistory::from_trace(world_->trace());
  }
  std::vector<NodeId> all() const;

 private:
  int nodes_ = 0;
  RingOptions ring_options_;
  std::unique_ptr<sim::World> world_;
  RingNet* net_ = nullptr;  // owned by world_
};

}  // namespace quorate::ring::test
