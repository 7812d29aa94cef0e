// The seeded swarm: per seed, 5 nodes send continuously while a fault mix drawn from the seed
// plays out: its own loss (0..3%), reordering jitter (0..3 ms) and duplication (0..1%), one
// crash of a random node and its return, and a script of partitions, heals and clean restarts.
// The checkers must stay green throughout, and once everything is healed, loss has stopped and the
// traffic is over, the nodes must converge to one ring of all 5 within 40 s (liveness).
//
// CI runs kShards shards (separate gtest cases, so `ctest -j` runs them in parallel) of
// kSeedsPerShard seeds: 200 seeds in a debug build, 50 under a sanitizer. By hand:
//   QUORATE_RING_SEED=<s> ring_tests --gtest_filter=RingSwarm.Replay   replays one seed
//   QUORATE_RING_SEEDS=<n> ring_tests --gtest_filter=RingSwarm.Many    seeds 100001.. (nightly)
// A failure prints its seed, its fault mix and the exact replay command.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "engine/prng.h"
#include "model/checkers/ring_checkers.h"
#include "tests/ring/ring_cluster.h"

namespace quorate::ring::test {
namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
constexpr uint64_t kSeedsPerShard = 5;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
constexpr uint64_t kSeedsPerShard = 5;
#else
constexpr uint64_t kSeedsPerShard = 20;
#endif
#else
constexpr uint64_t kSeedsPerShard = 20;
#endif
constexpr int kShards = 10;
constexpr int kNodes = 5;
constexpr int64_t kFaultsFromMs = 9000;
constexpr int64_t kFaultsUntilMs = 38000;  // everything healed and started from here on

struct FaultMix {
  RingNetOptions net;
  uint32_t crashed = 0;
  int64_t crash_ms = 0;
  int64_t return_ms = 0;
};

FaultMix draw_mix(uint64_t seed) {
  Prng p = Prng::for_stream(seed, "ring-swarm/mix");
  FaultMix m;
  m.net.loss = static_cast<double>(p.uniform_u64(0, 300)) / 10000.0;
  m.net.duplicate = static_cast<double>(p.uniform_u64(0, 100)) / 10000.0;
  m.net.jitter = Duration::from_us(p.uniform_i64(0, 3000));
  m.crashed = static_cast<uint32_t>(p.uniform_u64(1, kNodes));
  m.crash_ms = p.uniform_i64(kFaultsFromMs, 16000);
  m.return_ms = m.crash_ms + p.uniform_i64(4000, 16000);
  return m;
}

std::string describe(const FaultMix& m) {
  return absl::StrCat("loss ", m.net.loss, ", duplicate ", m.net.duplicate, ", jitter ",
                      m.net.jitter.us(), " us, node ", m.crashed, " crashes at ", m.crash_ms,
                      " ms and returns at ", m.return_ms, " ms");
}

// A random split of the nodes into two non-empty sides.
void random_partition(RingCluster& c, Prng& script) {
  std::vector<NodeId> a;
  std::vector<NodeId> b;
  const uint64_t mask = script.uniform_u64(1, (uint64_t{1} << kNodes) - 2);
  for (uint32_t i = 1; i <= kNodes; ++i)
    ((mask >> (i - 1)) & 1 ? a : b).push_back(node(i));
  c.partition(a, b);
}

// The crash and return from the mix, plus one event every 3..9 s: a partition, a heal of
// everything, or a clean restart (stop, start 1..5 s later) of a node.
void run_fault_script(RingCluster& c, const FaultMix& mix, Prng& script) {
  bool crashed = false;
  bool returned = false;
  const auto crash_and_return_until = [&](Instant limit) {
    if (!crashed && at_ms(mix.crash_ms) <= limit) {
      c.run_until(at_ms(mix.crash_ms));
      c.isolate(node(mix.crashed));
      crashed = true;
    }
    if (crashed && !returned && at_ms(mix.return_ms) <= limit) {
      c.run_until(at_ms(mix.return_ms));
      c.rejoin(node(mix.crashed));
      returned = true;
    }
  };
  Instant t = at_ms(kFaultsFromMs);
  Instant restart_done = at_ms(0);
  while (t < at_ms(kFaultsUntilMs)) {
    t = std::min(t + ms(script.uniform_i64(3000, 9000)), at_ms(kFaultsUntilMs));
    crash_and_return_until(t);
    c.run_until(t);
    const uint64_t kind = script.uniform_u64(0, 2);
    if (kind == 0) random_partition(c, script);
    if (kind == 1) c.net().heal_all();
    if (kind == 2 && t >= restart_done && t + ms(5000) < at_ms(kFaultsUntilMs)) {
      const NodeId who = node(static_cast<uint32_t>(script.uniform_u64(1, kNodes)));
      restart_done = t + ms(script.uniform_i64(1000, 5000));
      c.world().schedule_command(t, who, Command{CommandKind::kStop});
      c.world().schedule_command(restart_done, who, Command{CommandKind::kStart});
    }
  }
  crash_and_return_until(at_ms(kFaultsUntilMs));
  c.run_until(at_ms(kFaultsUntilMs));
  c.net().heal_all();
  // Liveness is owed once the faults are over: with knet's timers one lost pong takes a link
  // down (tests/links/flap_test.cc), so at a few % loss links flap for as long as loss lasts.
  c.net().set_loss(0.0);
}

// Empty when the seed passes; otherwise what went wrong.
std::string run_seed(uint64_t seed, const FaultMix& mix) {
  RingClusterOptions o;
  o.nodes = kNodes;
  o.seed = seed;
  o.net = mix.net;
  o.app.traffic_interval = ms(100);
  o.app.traffic_start = ms(3000);
  o.app.traffic_limit = (kFaultsUntilMs - 3000) / 100;  // quiet once everything is healed
  RingCluster c(o);
  Prng script = c.world().stream("fault-script");
  run_fault_script(c, mix, script);
  const std::optional<Instant> one = c.run_until_converged(c.all(), at_ms(kFaultsUntilMs + 40000));
  c.run_until(c.world().now() + ms(3000));
  std::string failure;
  if (!one) failure += "no single ring of all nodes 40 s after the last heal\n";
  failure += checkers::describe(checkers::check_all(c.history()));
  return failure;
}

void expect_seed(uint64_t seed) {
  const FaultMix mix = draw_mix(seed);
  const std::string failure = run_seed(seed, mix);
  EXPECT_TRUE(failure.empty()) << "seed " << seed << " (" << describe(mix) << ")\nreplay: "
                               << "QUORATE_RING_SEED=" << seed << " " << QUORATE_BINARY_DIR
                               << "/tests/ring/ring_tests --gtest_filter=RingSwarm.Replay\n"
                               << failure;
}

class RingSwarmShard : public ::testing::TestWithParam<int> {};

TEST_P(RingSwarmShard, CheckersStayGreenAndTheRingReforms) {
  const uint64_t first = 1 + static_cast<uint64_t>(GetParam()) * kSeedsPerShard;
  for (uint64_t seed = first; seed < first + kSeedsPerShard; ++seed)
    expect_seed(seed);
}

INSTANTIATE_TEST_SUITE_P(RingSwarm, RingSwarmShard, ::testing::Range(0, kShards));

TEST(RingSwarm, Replay) {
  const char* s = std::getenv("QUORATE_RING_SEED");
  if (s == nullptr) GTEST_SKIP() << "set QUORATE_RING_SEED=<seed> to replay one seed";
  expect_seed(std::strtoull(s, nullptr, 10));
}

TEST(RingSwarm, Many) {
  const char* s = std::getenv("QUORATE_RING_SEEDS");
  if (s == nullptr) GTEST_SKIP() << "set QUORATE_RING_SEEDS=<n> for a nightly-size run";
  const uint64_t count = std::strtoull(s, nullptr, 10);
  for (uint64_t seed = 100001; seed < 100001 + count; ++seed)
    expect_seed(seed);
}

}  // namespace
}  // namespace quorate::ring::test
