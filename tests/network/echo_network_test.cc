// End to end: the echo heartbeat engine in a World over the VirtualNetwork. A partition between
// nodes 1 and 2 stops their pongs on both links; healing brings them back.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <tuple>

#include "engine/echo_heartbeat.h"
#include "net_test_util.h"
#include "sim/world.h"

namespace quorate::sim::net {
namespace {

constexpr int kNodes = 3;

std::unique_ptr<World> make_world(uint64_t seed, VirtualNetwork** network_out) {
  auto world = std::make_unique<World>(WorldOptions{seed, {}});
  StandardTopologyOptions topo;
  topo.hosts = kNodes;
  topo.networks = {"link0", "link1"};
  topo.links = 2;
  VirtualNetworkOptions options;
  options.seed = seed;
  options.keep_drop_log = true;
  auto network = std::make_unique<VirtualNetwork>(make_standard_topology(topo), options);
  *network_out = network.get();
  world->set_network(std::move(network));
  for (uint32_t k = 1; k <= kNodes; ++k) {
    EchoHeartbeatOptions engine{NodeId{k},
                                {},
                                {LinkId{0}, LinkId{1}},
                                Duration::from_s(1),
                                world->stream_seed("node/" + std::to_string(k) + "/engine")};
    for (uint32_t p = 1; p <= kNodes; ++p) {
      if (p != k) engine.peers.push_back(NodeId{p});
    }
    world->add_node(NodeId{k}, Clock(), std::make_unique<EchoHeartbeat>(std::move(engine)));
    world->schedule_command(Instant::epoch(), NodeId{k}, Command{CommandKind::kStart});
  }
  return world;
}

// RTT events per (observer node, peer, link, second of global time).
using Key = std::tuple<uint32_t, uint32_t, int64_t, int64_t>;

TEST(EchoOverVirtualNetwork, PartitionStopsPongsAndHealResumesThem) {
  VirtualNetwork* net = nullptr;
  const auto world = make_world(5, &net);
  net->cut_both(testing::at_ms(10'000), NodeId{1}, NodeId{2});
  net->heal_both(testing::at_ms(20'000), NodeId{1}, NodeId{2});
  std::map<Key, int> rtts;
  const auto count = [&](uint32_t node, uint32_t peer, int64_t link, int64_t second) {
    return rtts[Key{node, peer, link, second}];
  };
  world->observe_events([&](Instant global, NodeId node, Instant, const Event& event) {
    if (event.kind != EventKind::kEchoRtt) return;
    EXPECT_EQ(event.field("rtt_ns"), Duration::from_us(200).ns());  // 2 x (2 x 50 us)
    ++rtts[Key{node.value, static_cast<uint32_t>(event.field("peer")), event.field("link"),
               global.since_epoch().s()}];
  });
  world->run_until(testing::at_ms(30'000));
  for (int64_t second = 1; second < 30; ++second) {
    // A round whose ping left before the cut still ends in the partition's first second.
    const bool partitioned = second >= 10 && second < 20;
    for (const int64_t link : {0, 1}) {
      EXPECT_EQ(count(1, 2, link, second), partitioned ? 0 : 1) << second << " link " << link;
      EXPECT_EQ(count(2, 1, link, second), partitioned ? 0 : 1) << second << " link " << link;
      EXPECT_EQ(count(1, 3, link, second), 1) << second;
      EXPECT_EQ(count(3, 2, link, second), 1) << second;
    }
  }
  // Each second of the partition, 1 and 2 each ping the other on two links: 40 pings lost.
  EXPECT_EQ(net->stats().dropped[static_cast<size_t>(NetDropReason::kPartition)], 40U);
  EXPECT_EQ(world->stats().drops_by_reason[static_cast<size_t>(DropReason::kPartition)], 40U);
  int partition_records = 0;
  for (const TraceRecord& r : world->trace().records()) {
    if (r.kind == TraceKind::kPacketDropped && r.label == "partition") ++partition_records;
  }
  EXPECT_EQ(partition_records, 40);
}

// The World traces the network's precise reason: a silent TX failure is `drop:silent-tx`.
TEST(EchoOverVirtualNetwork, DropsCarryTheNetworksPreciseReason) {
  VirtualNetwork* net = nullptr;
  const auto world = make_world(5, &net);
  const model::NicId eth0 = *net->topology().find_nic(NodeId{1}, "eth0");
  net->set_tx_ok(eth0, testing::at_ms(5'000), false);
  net->set_rx_ok(*net->topology().find_nic(NodeId{3}, "eth1"), testing::at_ms(5'000), false);
  world->run_until(testing::at_ms(10'000));
  const WorldStats& stats = world->stats();
  const auto silent_tx = stats.drops_by_reason[static_cast<size_t>(DropReason::kSilentTx)];
  const auto silent_rx = stats.drops_by_reason[static_cast<size_t>(DropReason::kSilentRx)];
  // Over the 5 s of the fault, on link 0 node 1 sends 2 pings and 2 pongs a second (all lost);
  // on link 1 node 3 should get 2 pings and 2 pongs a second (all lost). Round phases are random,
  // so a boundary round may fall either side.
  EXPECT_GE(silent_tx, 5U * 4 - 2);
  EXPECT_LE(silent_tx, 5U * 4 + 2);
  EXPECT_GE(silent_rx, 5U * 4 - 2);
  EXPECT_LE(silent_rx, 5U * 4 + 2);
  EXPECT_EQ(stats.packets_dropped, silent_tx + silent_rx);
  int traced_tx = 0;
  int traced_rx = 0;
  for (const TraceRecord& r : world->trace().records()) {
    if (r.kind != TraceKind::kPacketDropped) continue;
    traced_tx += r.label == "silent-tx" ? 1 : 0;
    traced_rx += r.label == "silent-rx" ? 1 : 0;
    if (r.label == "silent-tx") {
      EXPECT_EQ(r.field("from"), 1);
      EXPECT_EQ(r.field("link"), 0);
    }
    if (r.label == "silent-rx") {
      EXPECT_EQ(r.node, NodeId{3});
      EXPECT_EQ(r.field("link"), 1);
    }
  }
  EXPECT_EQ(traced_tx, static_cast<int>(silent_tx));
  EXPECT_EQ(traced_rx, static_cast<int>(silent_rx));
}

TEST(EchoOverVirtualNetwork, SameSeedSameTrace) {
  VirtualNetwork* a_net = nullptr;
  VirtualNetwork* b_net = nullptr;
  const auto a = make_world(9, &a_net);
  const auto b = make_world(9, &b_net);
  Impairments jitter;
  jitter.latency = Latency::pareto(Duration::from_us(40), 2.5, Duration::from_ms(50));
  jitter.loss_probability = 0.05;
  a_net->set_all_impairments(Instant::epoch(), jitter);
  b_net->set_all_impairments(Instant::epoch(), jitter);
  a->run_until(testing::at_ms(20'000));
  b->run_until(testing::at_ms(20'000));
  EXPECT_EQ(a->trace().hash(), b->trace().hash());
  EXPECT_GT(a->stats().packets_dropped, 0U);
  EXPECT_EQ(a->stats().packets_dropped, a_net->stats().dropped_total());
}

}  // namespace
}  // namespace quorate::sim::net
