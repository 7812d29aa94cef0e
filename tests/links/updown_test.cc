// Link up/down timing in sim::World, asserted against knet's mechanism (research §2.2, §2.5):
// 200 ms ticks, pings when ping_interval has elapsed, UP on the (pong_count+1)-th pong, DOWN at
// the first tick where now - pong_last >= pong_timeout_adj, backoff 10 decaying once a second.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/links/cluster.h"

namespace quorate::links::test {
namespace {

constexpr Duration kLatency = Duration::from_us(100);
constexpr Duration kRtt = kLatency * 2;  // knet's latency sample is the ping round trip

// ping_interval rounded up to the tick: the real period between pings.
Duration ping_period(Duration interval) {
  const int64_t ticks = (interval.ns() + kHeartbeatTick.ns() - 1) / kHeartbeatTick.ns();
  return kHeartbeatTick * ticks;
}

// The mechanism restated: ticks at phase + k*tick (k >= 0); on ticks with (k+1) % 5 == 0 the
// backoff decays and pong_timeout_adj = timeout * backoff + 2 * latency_avg; the link goes down
// at the first tick where now - pong_last >= pong_timeout_adj. Starts from the state observed at
// `from` (backoff, adj) and a pong_last that no longer changes (the link is cut).
Instant predict_down(Duration phase, Instant from, int64_t backoff, Duration adj, Duration timeout,
                     Duration latency_avg, Instant pong_last) {
  int64_t k = std::max<int64_t>(0, (from.ns() - phase.ns()) / kHeartbeatTick.ns());
  while (Instant::epoch() + phase + kHeartbeatTick * k <= from)
    ++k;
  for (;; ++k) {
    const Instant t = Instant::epoch() + phase + kHeartbeatTick * k;
    if ((k + 1) % kTicksPerAdjust == 0) {
      backoff = std::max<int64_t>(1, backoff - 1);
      adj = timeout * backoff + latency_avg * kLatencyMultiplier;
    }
    if (t - pong_last >= adj) return t;
  }
}

struct Snapshot {
  int64_t backoff = 0;
  Duration adj;
  Duration latency_avg;
};

Snapshot snapshot(Cluster& c, NodeId node, NodeId peer, LinkId link) {
  const LinkHeartbeat& hb = c.hb(node, peer, link);
  return {hb.backoff(), hb.pong_timeout_adj(), hb.latency_avg()};
}

// Cuts `link` (both directions, or only a->b), then checks that each end goes down exactly when
// the mechanism says. Returns the down times of a's and b's view.
std::pair<Instant, Instant> cut_and_expect_down(Cluster& c, Instant cut_at, LinkId link,
                                                bool one_way = false) {
  EXPECT_LE(c.world().now(), cut_at) << "the snapshot must be taken at the cut";
  c.run_until(cut_at);
  const Snapshot sa = snapshot(c, kA, kB, link);
  const Snapshot sb = snapshot(c, kB, kA, link);
  if (one_way) {
    c.net().cut(kA, kB, link);
  } else {
    c.net().cut_both(kA, kB, link);
  }
  c.run_until(cut_at + ms(1));  // in-flight pongs land; nothing new gets through
  const Instant pa = *c.hb(kA, kB, link).pong_last();
  const Instant pb = *c.hb(kB, kA, link).pong_last();
  const Duration timeout = c.hb(kA, kB, link).options().ping_timeout;
  const Instant expect_a = predict_down(c.engine(kA).layer().tick_phase(), cut_at, sa.backoff,
                                        sa.adj, timeout, sa.latency_avg, pa);
  const Instant expect_b = predict_down(c.engine(kB).layer().tick_phase(), cut_at, sb.backoff,
                                        sb.adj, timeout, sb.latency_avg, pb);
  c.run_until(std::max(expect_a, expect_b) + ms(1));
  const auto down_a = c.event_time(kA, LinkEventKind::kLinkDown, kB, link, cut_at);
  const auto down_b = c.event_time(kB, LinkEventKind::kLinkDown, kA, link, cut_at);
  EXPECT_EQ(down_a, expect_a);
  EXPECT_EQ(down_b, expect_b);
  EXPECT_FALSE(c.hb(kA, kB, link).connected());
  EXPECT_FALSE(c.hb(kB, kA, link).connected());
  // Relative to the last pong, down comes within one tick after the threshold in force.
  EXPECT_GE(expect_a - pa, timeout);
  return {expect_a, expect_b};
}

// Runs in 1 ms steps until both ends report `link` up (at or after `from`); returns the later.
Instant run_until_both_up(Cluster& c, LinkId link, Instant from) {
  for (Instant t = c.world().now(); t < from + ms(30'000); t += ms(1)) {
    c.run_until(t);
    const auto up_a = c.event_time(kA, LinkEventKind::kLinkUp, kB, link, from);
    const auto up_b = c.event_time(kB, LinkEventKind::kLinkUp, kA, link, from);
    if (up_a && up_b) return std::max(*up_a, *up_b);
  }
  ADD_FAILURE() << "link never came up";
  return c.world().now();
}

class LinkUpTime : public ::testing::TestWithParam<int> {};

TEST_P(LinkUpTime, UpOnThePongCountPlusOnethPong) {
  ClusterOptions options;
  options.link.pong_count = static_cast<uint8_t>(GetParam());
  options.latency = kLatency;
  Cluster c(options);
  c.run_until(at_ms(8000));
  const Duration period = ping_period(options.link.ping_interval);
  ASSERT_EQ(period, ms(800));
  for (const auto& [node, peer] : {std::pair{kA, kB}, std::pair{kB, kA}}) {
    // Pings at phase + j * period; the (pong_count+1)-th pong (j = pong_count) arrives one RTT
    // later and brings the link up.
    const Instant expected =
        Instant::epoch() + c.engine(node).layer().tick_phase() + period * GetParam() + kRtt;
    for (const LinkId link : {kLink0, kLink1}) {
      EXPECT_EQ(c.event_time(node, LinkEventKind::kLinkUp, peer, link), expected)
          << "node " << node.value << " link " << int{link.value};
    }
    EXPECT_EQ(c.event_time(node, LinkEventKind::kHostReachable, peer, kLink0), expected);
    EXPECT_EQ(c.hb(node, peer, kLink0).latency_avg(), kRtt);
  }
}

INSTANTIATE_TEST_SUITE_P(PongCounts, LinkUpTime, ::testing::Values(1, 2, 4));

TEST(LinkDown, AboutPingTimeoutOnceTheBackoffDecayed) {
  ClusterOptions options;
  options.latency = kLatency;
  Cluster c(options);
  const Instant cut = at_ms(12'050) + Duration::from_us(7);
  c.run_until(cut);
  ASSERT_EQ(snapshot(c, kA, kB, kLink0).backoff, 1);
  ASSERT_EQ(snapshot(c, kB, kA, kLink0).backoff, 1);
  const Instant pa_before = *c.hb(kA, kB, kLink0).pong_last();
  const auto [down_a, down_b] = cut_and_expect_down(c, cut, kLink0);
  const Duration adj = ms(1500) + kRtt * kLatencyMultiplier;
  for (const Instant down : {down_a, down_b}) {
    // The last pong came at most one ping period before the cut (plus the RTT), the threshold
    // is ping_timeout + 2 * latency, and detection waits for the next tick.
    EXPECT_LE(down - cut, adj + kHeartbeatTick);
    EXPECT_GE(down - cut, adj - ping_period(ms(750)) - kRtt);
  }
  EXPECT_GE(down_a - pa_before, adj);
  EXPECT_LT(down_a - pa_before, adj + kHeartbeatTick);
  // Link 1 is untouched, so both hosts stay reachable.
  EXPECT_TRUE(c.engine(kA).layer().reachable(kB));
  EXPECT_TRUE(c.engine(kB).layer().reachable(kA));
}

TEST(LinkDown, UpToTenTimesSlowerSoonAfterCreation) {
  ClusterOptions options;
  options.latency = kLatency;
  Cluster c(options);
  const Instant cut = run_until_both_up(c, kLink0, Instant::epoch()) + ms(10);
  const auto [down_a, down_b] = cut_and_expect_down(c, cut, kLink0);
  for (const Instant down : {down_a, down_b}) {
    EXPECT_GE(down - cut, ms(1500) * 3);  // the backoff (still >= 3) dominates
    EXPECT_LE(down - cut, ms(1500) * kBackoffMax + kHeartbeatTick);
  }
}

TEST(LinkDown, SlowAgainSoonAfterADown) {
  ClusterOptions options;
  options.latency = kLatency;
  Cluster c(options);
  const Instant first_cut = at_ms(12'050) + Duration::from_us(7);
  const auto [down_a, down_b] = cut_and_expect_down(c, first_cut, kLink0);
  EXPECT_LE(down_a - first_cut, ms(1500) + kHeartbeatTick + kRtt * kLatencyMultiplier);
  const Instant heal = std::max(down_a, down_b) + ms(300);
  c.run_until(heal);
  c.net().heal_both(kA, kB, kLink0);
  const Instant up = run_until_both_up(c, kLink0, heal);
  // Back up on the (pong_count+1)-th pong after the heal: within 3 ping periods (+ RTT).
  EXPECT_LE(up - heal, ping_period(ms(750)) * 3 + kRtt);
  const Instant second_cut = up + ms(10);
  const auto [down2_a, down2_b] = cut_and_expect_down(c, second_cut, kLink0);
  for (const Instant down : {down2_a, down2_b})
    EXPECT_GE(down - second_cut, ms(1500) * 3);  // backoff was reset to 10 at the first down
}

TEST(LinkDown, OneWayCutTakesTheLinkDownOnBothEnds) {
  ClusterOptions options;
  options.latency = kLatency;
  Cluster c(options);
  const Instant cut = at_ms(12'050) + Duration::from_us(7);
  cut_and_expect_down(c, cut, kLink0, /*one_way=*/true);
  EXPECT_TRUE(c.hb(kA, kB, kLink1).connected());
  EXPECT_TRUE(c.hb(kB, kA, kLink1).connected());
  // A's pings (A->B) are cut; B's pings still reach A, but A's pongs (A->B) are cut.
  const LinkCounters b0 = c.engine(kB).layer().status().peers[0].links[0].counters;
  const LinkCounters a0 = c.engine(kA).layer().status().peers[0].links[0].counters;
  c.run_until(c.world().now() + ms(5000));
  const LinkCounters b1 = c.engine(kB).layer().status().peers[0].links[0].counters;
  const LinkCounters a1 = c.engine(kA).layer().status().peers[0].links[0].counters;
  EXPECT_EQ(b1.rx_ping_packets, b0.rx_ping_packets);
  EXPECT_EQ(b1.rx_pong_packets, b0.rx_pong_packets);
  EXPECT_GT(a1.rx_ping_packets, a0.rx_ping_packets);
  EXPECT_GT(a1.tx_pong_packets, a0.tx_pong_packets);
  EXPECT_EQ(a1.rx_pong_packets, a0.rx_pong_packets);
}

// §2.5: 2 nodes, 2 links, passive, corosync defaults from token 3000; link 0 cut at t=0.
TEST(FailoverTimeline, Section25) {
  ClusterOptions options;
  options.latency = kLatency;
  options.app.traffic_interval = ms(50);
  Cluster c(options);
  const Instant cut = at_ms(20'000) + Duration::from_us(3);
  c.run_until(cut);
  const Instant pa = *c.hb(kA, kB, kLink0).pong_last();
  const auto [down_a, down_b] = cut_and_expect_down(c, cut, kLink0);
  const Duration adj = ms(1500) + kRtt * kLatencyMultiplier;
  for (const Instant down : {down_a, down_b})
    EXPECT_LE(down - cut, adj + kHeartbeatTick);  // "about ping_timeout, plus at most a tick"
  EXPECT_GE(down_a - pa, adj);
  c.run_until(cut + ms(5000));
  // No host ever became unreachable: link 1 was up all along.
  for (const NodeId node : {kA, kB}) {
    const NodeId peer = node == kA ? kB : kA;
    EXPECT_FALSE(c.event_time(node, LinkEventKind::kHostUnreachable, peer, kLink0));
  }
  // A->B data: on link 0 until A saw it down (and lost after the cut), on link 1 afterwards.
  uint64_t lost = 0;
  uint64_t after_on_link1 = 0;
  for (const Sent& s : c.net().log()) {
    if (s.from != kA || s.size <= kHeaderBytes + kHeartbeatBodyBytes || s.at < cut) continue;
    if (s.at < down_a) {
      EXPECT_EQ(s.link, kLink0);
      ++lost;
    } else {
      EXPECT_EQ(s.link, kLink1);
      EXPECT_TRUE(s.delivered);
      ++after_on_link1;
    }
  }
  // Lost messages: exactly those sent during the blackout, one per traffic interval.
  EXPECT_LE(lost, static_cast<uint64_t>((down_a - cut).ns() / ms(50).ns()) + 1);
  EXPECT_GE(after_on_link1, 5000u / 50 - (down_a - cut).ms() / 50 - 1);
  // Every message sent after the failover reached B.
  c.run_until(cut + ms(5001));  // the last message sent at +5000 ms lands
  const auto& deliveries = c.engine(kB).deliveries();
  ASSERT_FALSE(deliveries.empty());
  const std::vector<SendRecord>& sends = c.engine(kA).sends();
  const uint64_t settled = static_cast<uint64_t>(std::count_if(
      sends.begin(), sends.end(), [&](const SendRecord& s) { return s.at <= cut + ms(5000); }));
  EXPECT_EQ(*LinkEngine::traffic_counter(deliveries.back().bytes), settled);
  const uint64_t unreachable = c.engine(kA).layer().status().peers[0].tx_unreachable;
  EXPECT_EQ(deliveries.size() + lost, settled - unreachable);
}

}  // namespace
}  // namespace quorate::links::test

namespace quorate::links::test {
namespace {

// Link state reaches the World's trace as seam events, at the same local time the engine saw.
TEST(LinkTrace, LinkUpAndDownAreTracedAsEvents) {
  ClusterOptions options;
  options.links = 1;
  Cluster cluster(options);
  cluster.run_until(at_ms(5000));
  cluster.net().cut_both(kA, kB, kLink0);
  cluster.run_until(at_ms(30000));

  const std::optional<Instant> up = cluster.event_time(kA, LinkEventKind::kLinkUp, kB, kLink0);
  const std::optional<Instant> down = cluster.event_time(kA, LinkEventKind::kLinkDown, kB, kLink0);
  ASSERT_TRUE(up.has_value());
  ASSERT_TRUE(down.has_value());
  std::vector<std::pair<std::string, int64_t>> traced;  // (label, local ns) of node A's link events
  for (const sim::TraceRecord& r : cluster.world().trace().records()) {
    if (r.node != kA || r.kind != sim::TraceKind::kEngineEvent) continue;
    if (r.label.substr(0, 5) != "link." && r.label.substr(0, 5) != "host.") continue;
    traced.emplace_back(std::string(r.label), r.local.ns());
  }
  const std::vector<std::pair<std::string, int64_t>> expected = {
      {"link.up", up->ns()},
      {"host.reachable", up->ns()},
      {"link.down", down->ns()},
      {"host.unreachable", down->ns()},
  };
  EXPECT_EQ(traced, expected);
}

}  // namespace
}  // namespace quorate::links::test
