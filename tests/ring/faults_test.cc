// Membership under faults: crash (all links of a node cut), clean leave, partition and heal,
// loss with reordering jitter, and determinism of a ring run.
#include <gtest/gtest.h>

#include <map>

#include "model/checkers/ring_checkers.h"
#include "sim/determinism.h"
#include "tests/ring/ring_cluster.h"

namespace quorate::ring::test {
namespace {

void expect_safe(RingCluster& c) {
  const std::vector<checkers::Violation> v = checkers::check_all(c.history());
  EXPECT_TRUE(v.empty()) << checkers::describe(v);
}

// Formation at start-up: the knet links come up after a few pongs (about 2-3 s).
constexpr int64_t kFormedByMs = 8000;

// A crash of node 3 of 3 (no LEAVE; every link cut) on an idle ring. §1.9: the first survivor's
// token timer fires token_rt after ITS last token visit, then the consensus timer runs its full
// length (node 3 never answers). On an idle ring the rep holds the token `hold` per rotation, so
// that last visit lies within one hold period (plus a rotation) before the crash:
// detection + reform in [T + C - hold, T + C] after the crash, plus the JOIN/commit/recovery
// exchange (a few LAN round trips, well under one join period).
TEST(RingFaults, CrashOfOneOfThreeReformsAfterTokenPlusConsensus) {
  RingCluster c(RingClusterOptions{});
  ASSERT_TRUE(c.run_until_converged(c.all(), at_ms(kFormedByMs)));
  const Instant crash = at_ms(kFormedByMs + 2000);
  c.run_until(crash);
  c.isolate(node(3));
  const RingOptions& o = c.ring_options();
  EXPECT_EQ(o.token, ms(3650));
  EXPECT_EQ(o.consensus, ms(4380));
  const std::vector<NodeId> survivors{node(1), node(2)};
  ASSERT_TRUE(c.run_until_converged(survivors, crash + ms(20000)));
  for (NodeId id : survivors) {
    const std::optional<Instant> at = c.regular_change(id, survivors, crash);
    ASSERT_TRUE(at.has_value());
    const Duration took = *at - crash;
    EXPECT_GE(took, o.token + o.consensus - o.hold - ms(1)) << "node " << id.value;
    EXPECT_LE(took, o.token + o.consensus + o.join) << "node " << id.value;
    std::printf("node %u: 2-node membership %lld ms after the crash (T + C = %lld ms)\n", id.value,
                static_cast<long long>(took.ms()),
                static_cast<long long>((o.token + o.consensus).ms()));
  }
  // The isolated node forms its own singleton ring the same way.
  EXPECT_TRUE(c.regular_change(node(3), {node(3)}, crash).has_value());
  expect_safe(c);
}

// The same mechanism with 16 nodes (§1.9): token_rt = 3000 + 14 * 650 = 12100 ms, consensus
// = 1.2 * token_rt = 14520 ms, so about 26.6 s. Node 9 (mid-ring) crashes on an idle ring. The
// first survivor's token timer fires token_rt after its last token visit, which lies at most one
// hold period plus one rotation (16 hops of 100 us) before the crash; every other survivor
// enters GATHER on its JOIN, consensus runs out, node 9 is failed, and the commit token's two
// rotations and recovery take a few LAN round trips (well under one join period).
TEST(RingFaults, CrashOfOneOfSixteenReformsAfterTokenPlusConsensus) {
  RingClusterOptions opts;
  opts.nodes = 16;
  RingCluster c(opts);
  ASSERT_TRUE(c.run_until_converged(c.all(), at_ms(40000)));
  const Instant crash = c.world().now() + ms(5000);
  c.run_until(crash);
  c.isolate(node(9));
  const RingOptions& o = c.ring_options();
  ASSERT_EQ(o.token, ms(12100));
  ASSERT_EQ(o.consensus, ms(14520));
  std::vector<NodeId> survivors = c.all();
  survivors.erase(survivors.begin() + 8);
  ASSERT_TRUE(c.run_until_converged(survivors, crash + ms(40000)));
  const Duration rotation = Duration::from_us(100) * 16;
  for (NodeId id : survivors) {
    const std::optional<Instant> at = c.regular_change(id, survivors, crash);
    ASSERT_TRUE(at.has_value()) << "node " << id.value;
    const Duration took = *at - crash;
    EXPECT_GE(took, o.token + o.consensus - o.hold - rotation) << "node " << id.value;
    EXPECT_LE(took, o.token + o.consensus + o.join) << "node " << id.value;
    if (id == survivors.front()) {
      std::printf("15-node membership %lld ms after the crash (T + C = %lld ms)\n",
                  static_cast<long long>(took.ms()),
                  static_cast<long long>((o.token + o.consensus).ms()));
    }
  }
  expect_safe(c);
}

// A clean stop multicasts a LEAVE join: the survivors put the leaver in their failed set and
// agree without waiting for any timeout: within a few join periods.
TEST(RingFaults, CleanLeaveReformsWithinAFewJoinPeriods) {
  RingClusterOptions o;
  o.app.traffic_interval = ms(100);
  RingCluster c(o);
  ASSERT_TRUE(c.run_until_converged(c.all(), at_ms(kFormedByMs)));
  const Instant stop = at_ms(kFormedByMs + 1500);
  c.world().schedule_command(stop, node(3), Command{CommandKind::kStop});
  c.run_until(stop + ms(1000));
  const std::vector<NodeId> survivors{node(1), node(2)};
  EXPECT_TRUE(c.converged(survivors));
  for (NodeId id : survivors) {
    const std::optional<Instant> at = c.regular_change(id, survivors, stop);
    ASSERT_TRUE(at.has_value());
    EXPECT_LE(*at - stop, c.ring_options().join * 3) << "node " << id.value;
    std::printf("node %u: reformed %lld us after the leave\n", id.value,
                static_cast<long long>((*at - stop).us()));
  }
  expect_safe(c);
}

// Partition {1,2,3} | {4,5}, then heal. Each side reforms after about T + C; after the heal
// the knet links come back up and the first MERGE_DETECT (an idle rep sends one per token
// rotation, i.e. about every hold period, merge after the rotation) or message pulls both sides
// into one GATHER: one ring of 5 within hold + merge (+ the join exchange) of the links being up.
TEST(RingFaults, PartitionThenHealMergesIntoOneRing) {
  RingClusterOptions o;
  o.nodes = 5;
  RingCluster c(o);
  ASSERT_TRUE(c.run_until_converged(c.all(), at_ms(kFormedByMs)));
  const std::vector<NodeId> a{node(1), node(2), node(3)};
  const std::vector<NodeId> b{node(4), node(5)};
  const Instant split = at_ms(kFormedByMs + 1000);
  c.run_until(split);
  c.partition(a, b);
  const RingOptions& ro = c.ring_options();
  ASSERT_TRUE(c.run_until_converged(a, split + ro.token + ro.consensus + ms(1000)));
  ASSERT_TRUE(c.run_until_converged(b, split + ro.token + ro.consensus + ms(1000)));
  const Instant heal = c.world().now() + ms(5000);
  c.run_until(heal);
  c.net().heal_all();
  const std::optional<Instant> merged = c.run_until_converged(c.all(), heal + ms(20000));
  ASSERT_TRUE(merged.has_value());
  // When did the last cross-partition host become reachable again?
  Instant reachable = heal;
  for (const sim::TraceRecord& r : c.world().trace().records()) {
    if (r.global >= heal && r.kind == sim::TraceKind::kEngineEvent &&
        r.label == to_string(EventKind::kHostReachable)) {
      reachable = std::max(reachable, r.global);
    }
  }
  const std::optional<Instant> at = c.regular_change(node(1), c.all(), heal);
  ASSERT_TRUE(at.has_value());
  EXPECT_GT(*at, heal);
  EXPECT_LE(*at - reachable, ro.hold + ro.merge + ro.join * 2);
  std::printf("links back %lld ms after the heal; one ring %lld ms after that\n",
              static_cast<long long>((reachable - heal).ms()),
              static_cast<long long>((*at - reachable).ms()));
  expect_safe(c);
}

// Every node sends continuously under 1% loss and jitter that reorders packets: the token and
// messages are retransmitted, nobody is declared failed, and every message reaches everyone.
TEST(RingFaults, AllSendersUnderLossAndJitterDeliverEverythingInTotalOrder) {
  RingClusterOptions o;
  o.net.loss = 0.01;
  o.net.jitter = Duration::from_us(2000);
  o.net.duplicate = 0.01;
  o.app.traffic_interval = ms(20);
  o.app.traffic_start = ms(kFormedByMs);
  o.app.traffic_limit = 500;
  o.seed = 7;
  RingCluster c(o);
  ASSERT_TRUE(c.run_until_converged(c.all(), at_ms(kFormedByMs)));
  const RingId ring = c.engine(node(1)).totem().ring_id();
  c.run_until(at_ms(kFormedByMs + 500 * 20 + 5000));
  EXPECT_TRUE(c.converged(c.all()));
  EXPECT_EQ(c.engine(node(1)).totem().ring_id(), ring) << "the ring should have survived";
  const checkers::RingHistory h = c.history();
  const std::vector<checkers::Violation> v = checkers::check_all(h);
  EXPECT_TRUE(v.empty()) << checkers::describe(v);
  uint64_t retransmitted = 0;
  for (NodeId id : c.all()) {
    size_t n = 0;
    for (const checkers::HistoryItem& item : h.nodes.at(id).items)
      n += std::holds_alternative<checkers::DeliverRec>(item) ? 1 : 0;
    EXPECT_EQ(n, 3u * 500u) << "node " << id.value;
    retransmitted += c.engine(id).totem().stats().messages_retransmitted;
  }
  EXPECT_GT(retransmitted, 0u) << "1% loss must have needed retransmissions";
}

TEST(RingFaults, RingRunIsDeterministic) {
  RingClusterOptions o;
  o.net.loss = 0.01;
  o.net.jitter = Duration::from_us(500);
  o.app.traffic_interval = ms(25);
  o.app.traffic_start = ms(3000);
  const sim::DeterminismReport report = sim::check_determinism(
      [o](uint64_t seed) {
        RingClusterOptions with_seed = o;
        with_seed.seed = seed;
        return build_ring_world(with_seed);
      },
      42, at_ms(10000));
  EXPECT_TRUE(report.identical()) << report.describe();
  EXPECT_GT(report.records_a, 1000u);
}

}  // namespace
}  // namespace quorate::ring::test

namespace quorate::ring::test {
namespace {

// A node that left cleanly and starts again forms a singleton ring with a higher ring seq than
// any it saw, then merges back: one ring of 3 once its links are up again.
TEST(RingFaults, ANodeThatLeftRejoinsWhenRestarted) {
  RingClusterOptions o;
  o.app.traffic_interval = ms(100);
  o.app.traffic_start = ms(8000);
  RingCluster c(o);
  ASSERT_TRUE(c.run_until_converged(c.all(), at_ms(8000)));
  const RingId before = c.engine(node(1)).totem().ring_id();
  c.world().schedule_command(at_ms(9000), node(3), Command{CommandKind::kStop});
  c.world().schedule_command(at_ms(14000), node(3), Command{CommandKind::kStart});
  c.run_until(at_ms(10000));
  EXPECT_TRUE(c.converged({node(1), node(2)}));
  c.run_until(at_ms(14000) + ms(1));
  EXPECT_GT(c.engine(node(3)).totem().ring_id().seq, before.seq);
  ASSERT_TRUE(c.run_until_converged(c.all(), at_ms(30000)));
  c.run_until(c.world().now() + ms(2000));
  const std::vector<checkers::Violation> v = checkers::check_all(c.history());
  EXPECT_TRUE(v.empty()) << checkers::describe(v);
}

}  // namespace
}  // namespace quorate::ring::test
