// Link selection in sim::World: passive failover and immediate failback, local-only priorities,
// active duplication with receiver de-duplication, round-robin, and unreachable hosts.
#include <gtest/gtest.h>

#include <set>

#include "tests/links/cluster.h"

namespace quorate::links::test {
namespace {

bool is_data(const Sent& s) {
  return s.size > kHeaderBytes + kHeartbeatBodyBytes;  // clear heartbeats are exactly that size
}

// Links that carried data from `from` to `to` with send time in [begin, end), in order.
std::vector<uint8_t> data_links(Cluster& c, NodeId from, NodeId to, Instant begin, Instant end) {
  std::vector<uint8_t> links;
  for (const Sent& s : c.net().log()) {
    if (s.from == from && s.to == to && is_data(s) && s.at >= begin && s.at < end) {
      links.push_back(s.link.value);
    }
  }
  return links;
}

std::set<uint64_t> delivered_counters(Cluster& c, NodeId node) {
  std::set<uint64_t> counters;
  for (const Delivery& d : c.engine(node).deliveries())
    counters.insert(*LinkEngine::traffic_counter(d.bytes));
  return counters;
}

TEST(Passive, FailoverToTheNextLinkAndImmediateFailback) {
  ClusterOptions options;
  options.app.traffic_interval = ms(20);
  options.customize = [](NodeId, LinkLayerOptions& layer, LinkAppOptions&) {
    layer.links[0]->priority = 20;
    layer.links[1]->priority = 10;
  };
  Cluster c(options);
  c.run_until(at_ms(12'000));
  for (const uint8_t l : data_links(c, kA, kB, at_ms(3000), at_ms(12'000)))
    EXPECT_EQ(l, 0);  // highest priority
  c.net().cut_both(kA, kB, kLink0);
  c.run_until(at_ms(16'000));
  const Instant down = *c.event_time(kA, LinkEventKind::kLinkDown, kB, kLink0);
  for (const uint8_t l : data_links(c, kA, kB, down, at_ms(16'000)))
    EXPECT_EQ(l, 1);
  EXPECT_FALSE(data_links(c, kA, kB, down, at_ms(16'000)).empty());
  c.net().heal_both(kA, kB, kLink0);
  c.run_until(at_ms(20'000));
  const Instant up = *c.event_time(kA, LinkEventKind::kLinkUp, kB, kLink0, at_ms(16'000));
  // Failback the moment the link is up again: every data packet at or after `up` is on link 0.
  const std::vector<uint8_t> before = data_links(c, kA, kB, at_ms(16'000), up);
  const std::vector<uint8_t> after = data_links(c, kA, kB, up, at_ms(20'000));
  ASSERT_FALSE(before.empty());
  ASSERT_FALSE(after.empty());
  for (const uint8_t l : before)
    EXPECT_EQ(l, 1);
  for (const uint8_t l : after)
    EXPECT_EQ(l, 0);
}

TEST(Passive, PrioritiesAreLocalOnly) {
  ClusterOptions options;
  options.app.traffic_interval = ms(50);
  options.customize = [](NodeId self, LinkLayerOptions& layer, LinkAppOptions&) {
    // A prefers link 1, B prefers link 0 (and B's 0 priority on link 1 counts as 1).
    layer.links[0]->priority = self == kA ? 1 : 10;
    layer.links[1]->priority = self == kA ? 10 : 0;
  };
  Cluster c(options);
  c.run_until(at_ms(10'000) + ms(1));  // nothing in flight: latency is 100 us
  const std::vector<uint8_t> ab = data_links(c, kA, kB, at_ms(0), at_ms(10'001));
  const std::vector<uint8_t> ba = data_links(c, kB, kA, at_ms(0), at_ms(10'001));
  ASSERT_FALSE(ab.empty());
  ASSERT_FALSE(ba.empty());
  for (const uint8_t l : ab)
    EXPECT_EQ(l, 1);
  for (const uint8_t l : ba)
    EXPECT_EQ(l, 0);
  // Both directions work: every data packet (one per message here) was delivered.
  EXPECT_EQ(c.engine(kB).deliveries().size(), ab.size());
  EXPECT_EQ(c.engine(kA).deliveries().size(), ba.size());
}

TEST(Active, EveryPacketOnEveryLinkDeliveredOnce) {
  ClusterOptions options;
  options.mode = LinkMode::kActive;
  options.customize = [](NodeId self, LinkLayerOptions&, LinkAppOptions& app) {
    if (self == kA) {
      app.traffic_interval = ms(100);
      app.traffic_to = kB;
    }
  };
  Cluster c(options);
  c.run_until(at_ms(10'000) + ms(1));
  const std::vector<uint8_t> links = data_links(c, kA, kB, at_ms(0), at_ms(10'001));
  const std::vector<SendRecord>& sends = c.engine(kA).sends();
  uint64_t sent = 0;
  for (const SendRecord& s : sends)
    sent += s.report.hosts_sent;
  ASSERT_GT(sent, 50u);
  EXPECT_EQ(links.size(), 2 * sent);  // once per usable link
  EXPECT_EQ(std::count(links.begin(), links.end(), 0), std::count(links.begin(), links.end(), 1));
  EXPECT_EQ(c.engine(kB).deliveries().size(), sent);
  EXPECT_EQ(delivered_counters(c, kB).size(), sent);  // each message once
  const DropCounts drops = c.engine(kB).layer().status().peers[0].drops;
  EXPECT_EQ(drops[static_cast<size_t>(RxDrop::kDuplicate)], sent);  // the other copy
}

TEST(RoundRobin, AlternatesOverUsableLinks) {
  ClusterOptions options;
  options.mode = LinkMode::kRr;
  options.app.traffic_interval = ms(100);
  Cluster c(options);
  c.run_until(at_ms(10'000) + ms(1));
  const std::vector<uint8_t> links = data_links(c, kA, kB, at_ms(0), at_ms(10'001));
  ASSERT_GT(links.size(), 50u);
  for (size_t i = 1; i < links.size(); ++i)
    EXPECT_NE(links[i], links[i - 1]) << "at " << i;
  EXPECT_EQ(c.engine(kB).deliveries().size(), links.size());
  // With link 1 cut and down, rr uses the only usable link.
  c.net().cut_both(kA, kB, kLink1);
  c.run_until(at_ms(14'000));
  const Instant down = *c.event_time(kA, LinkEventKind::kLinkDown, kB, kLink1);
  for (const uint8_t l : data_links(c, kA, kB, down, at_ms(14'000)))
    EXPECT_EQ(l, 0);
}

TEST(Reachability, NoDataToUnreachableHostsAndNoneAcceptedFromThem) {
  ClusterOptions options;
  options.nodes = 2;
  options.customize = [](NodeId self, LinkLayerOptions& layer, LinkAppOptions&) {
    if (self == kA) {
      layer.peers.push_back(kC);  // configured, but no such node: never reachable
      layer.tick_phase = ms(199);
    } else {
      layer.tick_phase = Duration::zero();  // B's links come up 199 ms before A's
    }
  };
  Cluster c(options);
  const Instant b_up = at_ms(1600) + Duration::from_us(200);
  const Instant a_up = b_up + ms(199);
  c.engine(kB).send_at(b_up + ms(50), kA, pattern_bytes(100, 1));  // A not up yet: dropped
  c.engine(kA).send_at(at_ms(3000), kBroadcast, pattern_bytes(100, 2));
  c.engine(kA).send_at(at_ms(3100), kC, pattern_bytes(100, 3));
  c.run_until(at_ms(4000));
  EXPECT_EQ(c.event_time(kA, LinkEventKind::kLinkUp, kB, kLink0), a_up);
  EXPECT_EQ(c.event_time(kB, LinkEventKind::kLinkUp, kA, kLink0), b_up);
  const LayerStatus a = c.engine(kA).layer().status();
  EXPECT_EQ(a.peers[0].drops[static_cast<size_t>(RxDrop::kUnreachable)], 1u);
  EXPECT_TRUE(c.engine(kA).deliveries().empty());
  ASSERT_EQ(c.engine(kA).sends().size(), 2u);
  EXPECT_EQ(c.engine(kA).sends()[0].report.hosts_sent, 1u);
  EXPECT_EQ(c.engine(kA).sends()[0].report.hosts_unreachable, 1u);
  EXPECT_EQ(c.engine(kA).sends()[1].report.hosts_sent, 0u);
  EXPECT_EQ(a.peers[1].host, kC);
  EXPECT_FALSE(a.peers[1].reachable);
  EXPECT_EQ(a.peers[1].tx_unreachable, 2u);
  for (const Sent& s : c.net().log()) {
    if (s.to == kC) {
      EXPECT_FALSE(is_data(s));  // only pings ever went to C
    }
  }
  EXPECT_EQ(c.engine(kB).deliveries().size(), 1u);
}

}  // namespace
}  // namespace quorate::links::test
