// Test support: a sim::World of LinkEngines over a CutNetwork (tests/links only).
//
// Nodes 1..nodes, ideal clocks (local == global), every node configured with every other node
// as a peer and links 0..links-1 with the same LinkOptions (customize() may change any node's
// options before its engine is built). Node seeds come from the world's stream
// "node/<id>/links". Every node gets kStart at global time 0.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "engine/links/link_engine.h"
#include "sim/world.h"
#include "tests/links/cut_network.h"

namespace quorate::links::test {

inline constexpr NodeId kA{1};
inline constexpr NodeId kB{2};
inline constexpr NodeId kC{3};
inline constexpr LinkId kLink0{0};
inline constexpr LinkId kLink1{1};

inline Duration ms(int64_t v) {
  return Duration::from_ms(v);
}
inline Instant at_ms(int64_t v) {
  return Instant::epoch() + Duration::from_ms(v);
}

struct ClusterOptions {
  int nodes = 2;
  int links = 2;
  LinkOptions link = corosync_link_defaults(Duration::from_ms(3000));
  LinkMode mode = LinkMode::kPassive;
  std::vector<std::byte> key;  // empty: no crypto
  Duration latency = Duration::from_us(100);
  LinkAppOptions app;
  uint64_t seed = 1;
  std::function<void(NodeId, LinkLayerOptions&, LinkAppOptions&)> customize;
};

class Cluster {
 public:
  explicit Cluster(const ClusterOptions& options);

  sim::World& world() { return *world_; }
  CutNetwork& net() { return *net_; }
  LinkEngine& engine(NodeId id);
  const LinkHeartbeat& hb(NodeId node, NodeId peer, LinkId link);
  // Runs to `t`; a time already reached is a no-op.
  void run_until(Instant t) {
    if (t > world_->now()) world_->run_until(t);
  }

  // Local (== global) time of the first event of `kind` for (node's view of) peer/link at or
  // after `from`, or nullopt.
  std::optional<Instant> event_time(NodeId node, LinkEventKind kind, NodeId peer, LinkId link,
                                    Instant from = Instant::epoch());

 private:
  std::unique_ptr<sim::World> world_;
  CutNetwork* net_ = nullptr;  // owned by world_
};

// Deterministic pseudo-random bytes.
std::vector<std::byte> pattern_bytes(size_t size, uint64_t seed);
// corosync-keygen-like key material of `size` bytes.
std::vector<std::byte> key_bytes(size_t size, uint64_t seed);

}  // namespace quorate::links::test
