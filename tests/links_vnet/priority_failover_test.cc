// LinkEngines in a World over the VirtualNetwork (standard topology, one switch per link):
// knet_link_priority picks the TX link per destination, a silent TX failure of the preferred
// link's NIC moves traffic to the other link on both ends, and it comes back as soon as the link
// is up again. Timings are asserted against the mechanism (engine/links/heartbeat.h):
// - pings leave every ping_interval rounded up to the 200 ms tick (750 ms -> 800 ms), so in steady
//   state the last pong before a fault arrived at most 800 ms + one round trip before it;
// - a link goes down on the first tick where now - pong_last >= pong_timeout_adj = ping_timeout *
//   backoff + 2 * latency_avg, with backoff decayed to 1 (one step a second from 10) long before
//   the fault at 20 s; so down - fault is in [ping_timeout - 800 ms, ping_timeout + one tick];
// - after the heal a link comes up on the (pong_count+1)-th pong: the first ping leaves within
//   800 ms, the next two 800 ms apart, so up - heal is in [1600 ms, 2400 ms + a round trip]
//   (minus a round trip at the peer, whose ping may leave just before the heal).
// Tolerance: 1 ms for the round trip (0.2 ms here) and the latency term of the timeout.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "engine/links/link_engine.h"
#include "sim/net/standard_topology.h"
#include "sim/net/virtual_network.h"
#include "sim/world.h"

namespace quorate::links {
namespace {

constexpr Duration kPingInterval = Duration::from_ms(750);
constexpr Duration kPingTimeout = Duration::from_ms(1500);
constexpr Duration kPingPeriod = Duration::from_ms(800);  // ping_interval rounded up to the tick
constexpr Duration kTolerance = Duration::from_ms(1);
constexpr Duration kTraffic = Duration::from_ms(100);
constexpr size_t kTrafficBytes = 64;
constexpr size_t kDataDatagram = kHeaderBytes + kDataBodyHeaderBytes + kTrafficBytes;

Instant at_ms(int64_t ms) {
  return Instant::epoch() + Duration::from_ms(ms);
}

struct DataSend {
  Instant at;
  LinkId link;
};

struct LinkChange {
  Instant at;
  NodeId node;  // observer
  NodeId host;
  LinkId link;
  bool up = false;
};

// A cluster of LinkEngines, 2 links; priorities[k-1] = {link 0, link 1} priorities of node k.
struct VnetCluster {
  VnetCluster(int nodes, const std::vector<std::pair<uint8_t, uint8_t>>& priorities,
              uint64_t seed = 11) {
    world = std::make_unique<sim::World>(sim::WorldOptions{seed, {}});
    sim::net::StandardTopologyOptions topo;
    topo.hosts = nodes;
    topo.networks = {"link0", "link1"};
    topo.links = 2;
    sim::net::VirtualNetworkOptions options;
    options.seed = seed;
    auto network =
        std::make_unique<sim::net::VirtualNetwork>(sim::net::make_standard_topology(topo), options);
    net = network.get();
    world->set_network(std::move(network));
    for (uint32_t k = 1; k <= static_cast<uint32_t>(nodes); ++k) {
      LinkLayerOptions layer;
      layer.self = NodeId{k};
      for (uint32_t p = 1; p <= static_cast<uint32_t>(nodes); ++p)
        if (p != k) layer.peers.push_back(NodeId{p});
      for (uint8_t l = 0; l < 2; ++l) {
        LinkOptions link;
        link.ping_interval = kPingInterval;
        link.ping_timeout = kPingTimeout;
        link.priority = l == 0 ? priorities[k - 1].first : priorities[k - 1].second;
        layer.links[l] = link;
      }
      layer.seed = world->stream_seed("node/" + std::to_string(k) + "/links");
      LinkAppOptions app;
      app.traffic_interval = kTraffic;
      app.traffic_bytes = kTrafficBytes;
      world->add_node(NodeId{k}, sim::Clock{}, std::make_unique<LinkEngine>(std::move(layer), app));
      world->schedule_command(Instant::epoch(), NodeId{k}, Command{CommandKind::kStart});
    }
    world->observe_events([this](Instant global, NodeId node, Instant, const Event& event) {
      if (event.kind != EventKind::kLinkUp && event.kind != EventKind::kLinkDown) return;
      changes.push_back({global, node, NodeId{static_cast<uint32_t>(event.field("host"))},
                         LinkId{static_cast<uint8_t>(event.field("link"))},
                         event.kind == EventKind::kLinkUp});
    });
  }

  // Data datagrams from -> to (traffic is the only data; heartbeats are 40 bytes).
  std::vector<DataSend> data_sends(NodeId from, NodeId to) const {
    std::vector<DataSend> sends;
    for (const sim::TraceRecord& r : world->trace().records()) {
      if (r.kind != sim::TraceKind::kPacketSent || r.node != from) continue;
      if (r.field("to") != to.value || r.field("len") != static_cast<int64_t>(kDataDatagram))
        continue;
      sends.push_back({r.global, LinkId{static_cast<uint8_t>(r.field("link"))}});
    }
    return sends;
  }
  // The first change of (node's view of host's link) to `up` at or after `after`.
  std::optional<Instant> change(NodeId node, NodeId host, LinkId link, bool up,
                                Instant after) const {
    for (const LinkChange& c : changes)
      if (c.node == node && c.host == host && c.link == link && c.up == up && c.at >= after)
        return c.at;
    return std::nullopt;
  }
  const LinkEngine& engine(NodeId id) const {
    return dynamic_cast<const LinkEngine&>(world->engine(id));
  }
  model::NicId nic(NodeId host, const char* name) const {
    return *net->topology().find_nic(host, name);
  }

  std::unique_ptr<sim::World> world;
  sim::net::VirtualNetwork* net = nullptr;
  std::vector<LinkChange> changes;
};

// Counts data sends from -> to in [from_t, until_t) per link.
std::map<uint8_t, int> links_used(const std::vector<DataSend>& sends, Instant from_t,
                                  Instant until_t) {
  std::map<uint8_t, int> used;
  for (const DataSend& s : sends)
    if (s.at >= from_t && s.at < until_t) ++used[s.link.value];
  return used;
}

// Proxmox's example: link 0 priority 15, link 1 priority 20: the higher priority wins.
TEST(LinksOverVirtualNetwork, HigherPriorityLinkCarriesTheTraffic) {
  VnetCluster c(3, {{15, 20}, {15, 20}, {15, 20}});
  c.world->run_until(at_ms(20'000));
  for (uint32_t a = 1; a <= 3; ++a) {
    for (uint32_t b = 1; b <= 3; ++b) {
      if (a == b) continue;
      // Both links come up within 3 ping periods + a tick of the start; from then on only link 1.
      ASSERT_TRUE(c.change(NodeId{a}, NodeId{b}, LinkId{1}, true, at_ms(0)));
      EXPECT_LE(*c.change(NodeId{a}, NodeId{b}, LinkId{1}, true, at_ms(0)), at_ms(2'600));
      const auto used = links_used(c.data_sends(NodeId{a}, NodeId{b}), at_ms(3'000), at_ms(20'000));
      EXPECT_EQ(used.count(0), 0U) << a << "->" << b;
      EXPECT_GE(used.at(1), 160) << a << "->" << b;  // 17 s at one message per 100 ms
    }
  }
}

TEST(LinksOverVirtualNetwork, EqualPrioritiesUseLinkZero) {
  VnetCluster c(3, {{20, 20}, {20, 20}, {20, 20}});
  c.world->run_until(at_ms(20'000));
  for (uint32_t a = 1; a <= 3; ++a) {
    for (uint32_t b = 1; b <= 3; ++b) {
      if (a == b) continue;
      ASSERT_TRUE(c.change(NodeId{a}, NodeId{b}, LinkId{1}, true, at_ms(0)));
      const auto used = links_used(c.data_sends(NodeId{a}, NodeId{b}), at_ms(3'000), at_ms(20'000));
      EXPECT_EQ(used.count(1), 0U) << a << "->" << b;
      EXPECT_GE(used.at(0), 160) << a << "->" << b;
    }
  }
}

// Priority is local: node 1 prefers link 1, node 2 prefers link 0; each sends on its own choice
// and every message arrives.
TEST(LinksOverVirtualNetwork, MismatchedPrioritiesStillDeliverBothWays) {
  VnetCluster c(2, {{15, 20}, {20, 15}});
  c.world->run_until(at_ms(20'000));
  const auto used12 = links_used(c.data_sends(NodeId{1}, NodeId{2}), at_ms(3'000), at_ms(20'000));
  const auto used21 = links_used(c.data_sends(NodeId{2}, NodeId{1}), at_ms(3'000), at_ms(20'000));
  EXPECT_EQ(used12.count(0), 0U);
  EXPECT_GE(used12.at(1), 160);
  EXPECT_EQ(used21.count(1), 0U);
  EXPECT_GE(used21.at(0), 160);
  for (const auto& [receiver, sender] : {std::pair{1U, 2U}, std::pair{2U, 1U}}) {
    // Every message sent from 3 s on (both links up) is delivered exactly once, in order.
    std::vector<uint64_t> counters;
    for (const Delivery& d : c.engine(NodeId{receiver}).deliveries())
      if (d.from == NodeId{sender} && d.at >= at_ms(3'000))
        counters.push_back(*LinkEngine::traffic_counter(d.bytes));
    ASSERT_GE(counters.size(), 160U);
    for (size_t i = 1; i < counters.size(); ++i)
      EXPECT_EQ(counters[i], counters[i - 1] + 1) << sender << "->" << receiver;
    EXPECT_LE(c.engine(NodeId{sender}).sends().size() - counters.back(), 1U);
  }
}

// Node 1's NIC on link 1 stops transmitting at 20 s (carrier stays up) and heals at 30 s. Over
// several seeds (each node's tick phase and boot differ), the bounds hold for every phase.
class SilentTx : public ::testing::TestWithParam<uint64_t> {};

TEST_P(SilentTx, OnThePreferredLinkFailsOverPerDestinationAndBack) {
  const Instant fault = at_ms(20'000);
  const Instant heal = at_ms(30'000);
  VnetCluster c(3, {{15, 20}, {15, 20}, {15, 20}}, GetParam());
  c.net->set_tx_ok(c.nic(NodeId{1}, "eth1"), fault, false);
  c.net->set_tx_ok(c.nic(NodeId{1}, "eth1"), heal, true);
  c.world->run_until(at_ms(40'000));
  for (const uint32_t p : {2U, 3U}) {
    const NodeId peer{p};
    // Down on both ends: node 1 gets no pongs (its pings never leave), the peer gets no pongs
    // (node 1's answers never leave).
    for (const auto& [node, host] : {std::pair{NodeId{1}, peer}, std::pair{peer, NodeId{1}}}) {
      const std::optional<Instant> down = c.change(node, host, LinkId{1}, false, fault);
      ASSERT_TRUE(down) << node.value << " sees " << host.value;
      EXPECT_GE(*down - fault, kPingTimeout - kPingPeriod - kTolerance) << node.value;
      EXPECT_LE(*down - fault, kPingTimeout + kHeartbeatTick + kTolerance) << node.value;
      EXPECT_LT(*down, heal);
      // Link 0 never flinched.
      EXPECT_FALSE(c.change(node, host, LinkId{0}, false, at_ms(0))) << node.value;
    }
    // On both ends (node 1 towards the peer, the peer towards node 1) the traffic uses link 1
    // until that end sees link 1 down, link 0 until it sees it up again, and link 1 from the
    // first message after that (immediate failback).
    for (const auto& [node, host] : {std::pair{NodeId{1}, peer}, std::pair{peer, NodeId{1}}}) {
      SCOPED_TRACE(testing::Message() << node.value << " -> " << host.value);
      const Instant down = *c.change(node, host, LinkId{1}, false, fault);
      const std::optional<Instant> up = c.change(node, host, LinkId{1}, true, heal);
      ASSERT_TRUE(up);
      // The first ping whose pong gets through may have left just before the heal (the peer's).
      EXPECT_GE(*up - heal, kPingPeriod * 2 - kTolerance);
      EXPECT_LE(*up - heal, kPingPeriod * 3 + kTolerance);
      const std::vector<DataSend> sends = c.data_sends(node, host);
      const auto before = links_used(sends, at_ms(3'000), down);
      EXPECT_EQ(before.count(0), 0U);
      const auto during = links_used(sends, down + Duration::from_ns(1), *up);
      EXPECT_EQ(during.count(1), 0U);
      EXPECT_GE(during.at(0), (*up - down).ns() / kTraffic.ns() - 1);
      const auto after = links_used(sends, *up + Duration::from_ns(1), at_ms(40'000));
      EXPECT_EQ(after.count(0), 0U);
      EXPECT_GE(after.at(1), (at_ms(40'000) - *up).ns() / kTraffic.ns() - 1);
    }
  }
  // Between the other two nothing changed.
  EXPECT_FALSE(c.change(NodeId{2}, NodeId{3}, LinkId{1}, false, at_ms(0)));
  EXPECT_FALSE(c.change(NodeId{3}, NodeId{2}, LinkId{1}, false, at_ms(0)));
  EXPECT_EQ(links_used(c.data_sends(NodeId{2}, NodeId{3}), at_ms(3'000), at_ms(40'000)).count(0),
            0U);
}

INSTANTIATE_TEST_SUITE_P(LinksOverVirtualNetwork, SilentTx, ::testing::Values(11, 12, 13, 14, 15));

}  // namespace
}  // namespace quorate::links
