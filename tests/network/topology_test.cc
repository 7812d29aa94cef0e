// Topology data, addresses, the Boost.Graph view: reachability per network and DOT export.
#include "model/topology.h"

#include <gtest/gtest.h>

#include <sstream>

#include "model/address.h"
#include "model/topology_graph.h"
#include "net_test_util.h"

namespace quorate::model {
namespace {

using sim::net::testing::make_network;
using sim::net::testing::node;

std::vector<std::pair<NodeId, NodeId>> all_pairs(int hosts) {
  std::vector<std::pair<NodeId, NodeId>> pairs;
  for (int a = 1; a <= hosts; ++a) {
    for (int b = 1; b <= hosts; ++b) {
      if (a != b) pairs.emplace_back(node(a), node(b));
    }
  }
  return pairs;
}

TEST(Address, ParsesAndFormatsBothFamilies) {
  const IpAddress v4 = IpAddress::must("10.0.0.7");
  EXPECT_EQ(v4.family, IpFamily::kV4);
  EXPECT_EQ(v4.header_bytes(), 20U);
  EXPECT_EQ(to_string(v4), "10.0.0.7");
  EXPECT_EQ(v4, IpAddress::v4(10, 0, 0, 7));
  const IpAddress v6 = IpAddress::must("fd00:1::7");
  EXPECT_EQ(v6.family, IpFamily::kV6);
  EXPECT_EQ(v6.header_bytes(), 40U);
  EXPECT_EQ(to_string(v6), "fd00:1::7");
  EXPECT_FALSE(IpAddress::parse("10.0.0.256").has_value());
  EXPECT_FALSE(IpAddress::parse("pve1").has_value());
  EXPECT_EQ(to_string(MacAddress::local(0x0301)), "02:00:00:00:03:01");
}

TEST(Topology, StandardLayoutBindsOneLinkPerNetwork) {
  const auto net = make_network(3);
  const Topology& t = net->topology();
  ASSERT_EQ(t.networks().size(), 3U);
  ASSERT_EQ(t.switches().size(), 3U);
  EXPECT_EQ(t.nics().size(), 9U);
  EXPECT_EQ(t.host(node(2)).name, "pve2");
  const auto b = t.binding(node(2), LinkId{1});
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(to_string(b->address), "10.1.0.2");
  EXPECT_EQ(t.iface(b->iface).name, "eth1");
  EXPECT_EQ(t.network(t.network_of(t.iface(b->iface).members[0])).name, "link1");
  EXPECT_FALSE(t.binding(node(2), LinkId{2}).has_value());  // "vm" carries no corosync link
}

TEST(TopologyGraph, AllUpEveryPairReachesOnEveryNetwork) {
  const auto net = make_network(4);
  const TopologyGraph graph(net->topology());
  EXPECT_EQ(num_vertices(graph.graph()), 4U + 12U + 3U);
  EXPECT_EQ(num_edges(graph.graph()), 12U + 12U);  // host-NIC memberships + cables
  const PartsState up = PartsState::all_up(net->topology());
  for (uint32_t n = 0; n < 3; ++n)
    EXPECT_EQ(graph.reachable_pairs(NetworkId{n}, up), all_pairs(4));
}

TEST(TopologyGraph, SilentTxRemovesOnlyThatHostsOutgoingPairsOnThatNetwork) {
  const auto net = make_network(3);
  net->set_tx_ok(sim::net::testing::nic_of(*net, 1, "eth0"), Instant::epoch(), false);
  const TopologyGraph graph(net->topology());
  const PartsState state = net->parts_at(Instant::epoch());
  const std::vector<std::pair<NodeId, NodeId>> expected = {
      {node(2), node(1)}, {node(2), node(3)}, {node(3), node(1)}, {node(3), node(2)}};
  EXPECT_EQ(graph.reachable_pairs(NetworkId{0}, state), expected);
  EXPECT_EQ(graph.reachable_pairs(NetworkId{1}, state), all_pairs(3));
  EXPECT_FALSE(graph.reachable(node(1), node(2), NetworkId{0}, state));
  EXPECT_TRUE(graph.reachable(node(2), node(1), NetworkId{0}, state));
}

TEST(TopologyGraph, SwitchFailureIsSharedFate) {
  const auto net = make_network(3);
  net->set_switch_state(*net->topology().find_switch("sw-link0"), sim::net::testing::at_ms(5),
                        sim::net::SwitchState::kSilent);
  const TopologyGraph graph(net->topology());
  EXPECT_EQ(graph.reachable_pairs(NetworkId{0}, net->parts_at(sim::net::testing::at_ms(4))),
            all_pairs(3));
  const PartsState later = net->parts_at(sim::net::testing::at_ms(5));
  EXPECT_TRUE(graph.reachable_pairs(NetworkId{0}, later).empty());
  EXPECT_EQ(graph.reachable_pairs(NetworkId{1}, later), all_pairs(3));
}

// Three switches in a line (a - b - c) on one network; host k on switch k.
Topology line_of_switches() {
  Topology t;
  const NetworkId n = t.add_network("lan");
  const SwitchId a = t.add_switch("a", n), b = t.add_switch("b", n), c = t.add_switch("c", n);
  t.connect(a, b);
  t.connect(b, c);
  const SwitchId sw[] = {a, b, c};
  for (uint32_t k = 1; k <= 3; ++k) {
    t.add_host(node(k), "h" + std::to_string(k));
    const NicId nic = t.add_nic(node(k), "eth0", MacAddress::local(k));
    t.connect(nic, sw[k - 1]);
  }
  return t;
}

TEST(TopologyGraph, TrunkPathNeedsEveryForwardingSwitch) {
  const Topology t = line_of_switches();
  const TopologyGraph graph(t);
  PartsState state = PartsState::all_up(t);
  EXPECT_EQ(graph.reachable_pairs(NetworkId{0}, state), all_pairs(3));
  state.switch_forwards[1] = false;  // the middle switch; its own host is cut off too
  EXPECT_TRUE(graph.reachable_pairs(NetworkId{0}, state).empty());
  state.switch_forwards[1] = true;
  state.switch_forwards[2] = false;
  const std::vector<std::pair<NodeId, NodeId>> expected = {{node(1), node(2)}, {node(2), node(1)}};
  EXPECT_EQ(graph.reachable_pairs(NetworkId{0}, state), expected);
}

TEST(TopologyGraph, DotExportNamesPartsAndMarksFailures) {
  const Topology t = line_of_switches();
  const TopologyGraph graph(t);
  PartsState state = PartsState::all_up(t);
  state.switch_forwards[2] = false;
  std::ostringstream dot;
  graph.write_dot(dot, state);
  const std::string text = dot.str();
  EXPECT_EQ(text.rfind("graph G {", 0), 0U) << text;
  EXPECT_NE(text.find("label=\"n1 h1\",shape=box"), std::string::npos) << text;
  EXPECT_NE(text.find("label=\"h2/eth0\",shape=ellipse"), std::string::npos) << text;
  EXPECT_NE(text.find("label=\"c (lan)\",shape=diamond,style=dashed,color=red"), std::string::npos)
      << text;
  EXPECT_NE(text.find("label=\"a (lan)\",shape=diamond]"), std::string::npos) << text;
  EXPECT_NE(text.find("--"), std::string::npos);
}

TEST(TopologyDeath, RejectsLoopsCrossNetworkTrunksAndForeignBindings) {
  Topology t = line_of_switches();
  EXPECT_DEATH(t.connect(SwitchId{0}, SwitchId{2}), "loop");
  const NetworkId other = t.add_network("other");
  const SwitchId d = t.add_switch("d", other);
  EXPECT_DEATH(t.connect(SwitchId{0}, d), "different networks");
  const IfaceId iface = t.add_nic_iface(NicId{0});
  t.add_address(iface, IpAddress::must("10.0.0.1"));
  EXPECT_DEATH(t.bind_link(node(2), LinkId{0}, iface, IpAddress::must("10.0.0.1")), "another host");
  EXPECT_DEATH(t.bind_link(node(1), LinkId{0}, iface, IpAddress::must("10.0.0.9")),
               "not on the interface");
  EXPECT_DEATH(t.add_address(iface, IpAddress::must("10.0.0.1")), "already assigned");
}

}  // namespace
}  // namespace quorate::model
