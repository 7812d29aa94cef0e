// A small seeded swarm: per seed, 5 nodes send continuously under loss, duplication and
// reordering jitter while a fault script drawn from the seed isolates nodes, splits the cluster
// and heals it. The checkers must stay green throughout, and once everything is healed and quiet
// the nodes must converge to one ring of all 5 (liveness).
//
// QUORATE_RING_SEEDS=<n> runs n seeds instead of the default; a failure prints its seed, and
// QUORATE_RING_SEED=<s> replays exactly that one.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "engine/prng.h"
#include "model/checkers/ring_checkers.h"
#include "tests/ring/ring_cluster.h"

namespace quorate::ring::test {
namespace {

constexpr int kNodes = 5;

// One fault every 6..15 s for 60 s: isolate a node, split the cluster in two, or heal all.
void run_fault_script(RingCluster& c, Prng& script) {
  Instant t = at_ms(8000);
  const Instant end = at_ms(68000);
  while (t < end) {
    t += ms(static_cast<int64_t>(script.uniform_u64(6000, 15000)));
    c.run_until(t);
    switch (script.uniform_u64(0, 2)) {
      case 0:
        c.isolate(node(static_cast<uint32_t>(script.uniform_u64(1, kNodes))));
        break;
      case 1: {
        const auto cut = static_cast<uint32_t>(script.uniform_u64(1, kNodes - 1));
        std::vector<NodeId> a;
        std::vector<NodeId> b;
        for (uint32_t i = 1; i <= kNodes; ++i)
          (i <= cut ? a : b).push_back(node(i));
        c.partition(a, b);
        break;
      }
      default:
        c.net().heal_all();
        break;
    }
  }
  c.run_until(end);
  c.net().heal_all();
}

std::string run_seed(uint64_t seed) {
  RingClusterOptions o;
  o.nodes = kNodes;
  o.seed = seed;
  o.net.loss = 0.01;
  o.net.duplicate = 0.005;
  o.net.jitter = Duration::from_us(1500);
  o.app.traffic_interval = ms(100);
  o.app.traffic_start = ms(3000);
  o.app.traffic_limit = 600;  // stops at ~63 s, before the quiet phase
  RingCluster c(o);
  Prng script = c.world().stream("fault-script");
  run_fault_script(c, script);
  const std::optional<Instant> one = c.run_until_converged(c.all(), at_ms(68000 + 40000));
  c.run_until(c.world().now() + ms(3000));
  std::string failure;
  if (!one) failure += "no single ring of all nodes 40 s after the last heal\n";
  failure += checkers::describe(checkers::check_all(c.history()));
  return failure;
}

TEST(RingSwarm, CheckersStayGreenAndTheRingReforms) {
  uint64_t first = 1;
  uint64_t count = 8;
  if (const char* s = std::getenv("QUORATE_RING_SEEDS")) count = std::strtoull(s, nullptr, 10);
  if (const char* s = std::getenv("QUORATE_RING_SEED")) {
    first = std::strtoull(s, nullptr, 10);
    count = 1;
  }
  for (uint64_t seed = first; seed < first + count; ++seed) {
    const std::string failure = run_seed(seed);
    EXPECT_TRUE(failure.empty()) << "seed " << seed << " (replay: QUORATE_RING_SEED=" << seed
                                 << " ring_tests --gtest_filter=RingSwarm.*)\n"
                                 << failure;
  }
}

}  // namespace
}  // namespace quorate::ring::test
