// VirtualNetwork: the path NIC -> switch -> NIC and the faults of its parts.
#include <gtest/gtest.h>

#include "net_test_util.h"
#include "sim/net/virtual_network.h"

namespace quorate::sim::net {
namespace {

using testing::at_ms;
using testing::at_us;
using testing::last_reason;
using testing::make_network;
using testing::nic_of;
using testing::send;

bool delivered(const RouteDecision& d) {
  return !d.arrivals.empty();
}

TEST(VirtualNetwork, TwoHopPathTakesBothChannelsLatency) {
  const auto net = make_network();
  const RouteDecision d = send(*net, at_ms(1), 1, 2, 0);
  ASSERT_EQ(d.arrivals.size(), 1U);
  EXPECT_EQ(d.arrivals[0], at_ms(1) + Duration::from_us(100));
  EXPECT_EQ(net->stats().delivered, 1U);
}

TEST(VirtualNetwork, SwitchLearnsThenForwardsWithoutFlooding) {
  const auto net = make_network();
  send(*net, at_ms(1), 1, 2, 0);  // 2's MAC unknown: flooded; 1's MAC learned
  EXPECT_EQ(net->fabric_stats().floods, 1U);
  send(*net, at_ms(2), 2, 1, 0);  // 1's MAC known
  EXPECT_EQ(net->fabric_stats().floods, 1U);
  EXPECT_EQ(net->fabric_stats().learned, 2U);
  send(*net, at_ms(3), 1, 2, 0);
  EXPECT_EQ(net->fabric_stats().floods, 1U);
  // After the 300 s ageing time without traffic from 2, frames to 2 are flooded again.
  send(*net, at_ms(3) + Duration::from_s(301), 1, 2, 0);
  EXPECT_EQ(net->fabric_stats().floods, 2U);
}

TEST(VirtualNetwork, SilentTxDropsOnlyOutgoingFramesWithCarrierUp) {
  const auto net = make_network();
  const model::NicId eth0 = nic_of(*net, 1, "eth0");
  net->set_tx_ok(eth0, at_ms(5), false);
  EXPECT_TRUE(delivered(send(*net, at_ms(4), 1, 2, 0)));
  const RouteDecision lost = send(*net, at_ms(5), 1, 2, 0);
  EXPECT_FALSE(delivered(lost));
  EXPECT_EQ(last_reason(*net), NetDropReason::kSilentTx);
  EXPECT_EQ(lost.drop_reason, DropReason::kSilentTx);     // the World traces drop:silent-tx
  EXPECT_TRUE(delivered(send(*net, at_ms(6), 2, 1, 0)));  // RX still works
  EXPECT_TRUE(delivered(send(*net, at_ms(6), 1, 2, 1)));  // link1 is another NIC
  EXPECT_TRUE(net->carrier(eth0, at_ms(6)));              // nothing for miimon to see
  EXPECT_EQ(net->nic_state(eth0, at_ms(6)), (NicState{true, false, true}));
}

TEST(VirtualNetwork, SilentRxDropsOnlyIncomingFrames) {
  const auto net = make_network();
  net->set_rx_ok(nic_of(*net, 1, "eth0"), at_ms(5), false);
  EXPECT_TRUE(delivered(send(*net, at_ms(5), 1, 2, 0)));
  EXPECT_FALSE(delivered(send(*net, at_ms(5), 2, 1, 0)));
  EXPECT_EQ(last_reason(*net), NetDropReason::kSilentRx);
  EXPECT_EQ(net->drop_log().back().at, at_ms(5) + Duration::from_us(100));  // lost on arrival
  EXPECT_FALSE(delivered(send(*net, at_ms(5), 3, 1, 0)));
  EXPECT_TRUE(delivered(send(*net, at_ms(5), 3, 1, 1)));
}

TEST(VirtualNetwork, RxStateIsJudgedWhenTheFrameArrives) {
  const auto net = make_network();
  // RX dies 50 us after the send: the frame is still on the wire then, and is lost on arrival.
  net->set_rx_ok(nic_of(*net, 2, "eth0"), at_ms(5) + Duration::from_us(50), false);
  EXPECT_FALSE(delivered(send(*net, at_ms(5), 1, 2, 0)));
  EXPECT_EQ(last_reason(*net), NetDropReason::kSilentRx);
}

TEST(VirtualNetwork, CarrierDownCutsBothDirectionsAndIsVisible) {
  const auto net = make_network();
  const model::NicId eth0 = nic_of(*net, 2, "eth0");
  net->set_carrier(eth0, at_ms(5), false);
  net->set_carrier(eth0, at_ms(8), true);
  EXPECT_FALSE(net->carrier(eth0, at_ms(5)));
  EXPECT_FALSE(delivered(send(*net, at_ms(5), 2, 1, 0)));
  EXPECT_EQ(last_reason(*net), NetDropReason::kCarrier);
  EXPECT_FALSE(delivered(send(*net, at_ms(6), 1, 2, 0)));
  EXPECT_EQ(last_reason(*net), NetDropReason::kCarrier);
  EXPECT_TRUE(delivered(send(*net, at_ms(8), 1, 2, 0)));
  EXPECT_TRUE(net->carrier(eth0, at_ms(8)));
}

TEST(VirtualNetwork, FlappingCarrierDropsExactlyTheDownWindows) {
  const auto net = make_network();
  const model::NicId eth0 = nic_of(*net, 1, "eth0");
  // Period 1 s, down 200 ms, from 1 s to 6 s: down in [k, k + 0.2) for k = 1..5.
  net->flap_carrier(eth0, at_ms(1000), at_ms(6000), Duration::from_s(1), Duration::from_ms(200));
  int lost = 0;
  for (int ms = 0; ms < 8000; ms += 10) {
    const bool down = ms >= 1000 && ms < 6000 && ms % 1000 < 200;
    EXPECT_EQ(net->carrier(eth0, at_ms(ms)), !down) << ms;
    // The frame arrives 100 us later, still inside the same window (windows are 10 ms aligned).
    const bool ok = delivered(send(*net, at_ms(ms), 1, 2, 0));
    EXPECT_EQ(ok, !down) << ms;
    if (!ok) {
      EXPECT_EQ(last_reason(*net), NetDropReason::kCarrier);
      ++lost;
    }
  }
  EXPECT_EQ(lost, 5 * 20);
}

TEST(VirtualNetwork, SwitchFailureIsSharedFateAndSilentFailureKeepsCarrier) {
  const auto net = make_network(4);
  const model::SwitchId sw0 = *net->topology().find_switch("sw-link0");
  net->set_switch_state(sw0, at_ms(10), SwitchState::kDown);
  net->set_switch_state(sw0, at_ms(20), SwitchState::kSilent);
  net->set_switch_state(sw0, at_ms(30), SwitchState::kUp);
  for (uint32_t a = 1; a <= 4; ++a) {
    for (uint32_t b = 1; b <= 4; ++b) {
      if (a == b) continue;
      EXPECT_FALSE(delivered(send(*net, at_ms(10), a, b, 0)));
      EXPECT_EQ(last_reason(*net), NetDropReason::kCarrier);  // every host sees carrier down
      EXPECT_TRUE(delivered(send(*net, at_ms(10), a, b, 1)));
    }
    EXPECT_FALSE(net->carrier(nic_of(*net, a, "eth0"), at_ms(15)));
    EXPECT_TRUE(net->carrier(nic_of(*net, a, "eth0"), at_ms(25)));  // silent: carrier stays
    EXPECT_TRUE(net->carrier(nic_of(*net, a, "eth1"), at_ms(15)));
  }
  EXPECT_FALSE(delivered(send(*net, at_ms(20), 1, 2, 0)));
  EXPECT_EQ(last_reason(*net), NetDropReason::kSwitchSilent);
  EXPECT_TRUE(delivered(send(*net, at_ms(30), 1, 2, 0)));
}

TEST(VirtualNetwork, FrameInFlightWhenTheSwitchDiesIsLostThere) {
  const auto net = make_network();
  net->set_switch_state(*net->topology().find_switch("sw-link0"), at_us(5020), SwitchState::kDown);
  EXPECT_FALSE(delivered(send(*net, at_us(5000), 1, 2, 0)));  // reaches the switch at 5050 us
  EXPECT_EQ(last_reason(*net), NetDropReason::kSwitchDown);
  EXPECT_EQ(net->drop_log().back().at, at_us(5050));
}

TEST(VirtualNetwork, MtuLimitsAndBlackHole) {
  const auto net = make_network();
  EXPECT_TRUE(delivered(send(*net, at_ms(1), 1, 2, 0, 1472)));  // IP packet 1500 = MTU
  EXPECT_FALSE(delivered(send(*net, at_ms(1), 1, 2, 0, 1473)));
  EXPECT_EQ(last_reason(*net), NetDropReason::kMtu);
  // A black hole at 1400 bytes on 2's ingress: small frames pass, large ones vanish silently.
  Impairments hole;
  hole.blackhole_above_bytes = 1400;
  net->set_impairments(net->nic_ingress(nic_of(*net, 2, "eth0")), at_ms(2), hole);
  EXPECT_TRUE(delivered(send(*net, at_ms(2), 1, 2, 0, 1372)));
  EXPECT_FALSE(delivered(send(*net, at_ms(2), 1, 2, 0, 1373)));
  EXPECT_EQ(last_reason(*net), NetDropReason::kMtu);
  EXPECT_TRUE(delivered(send(*net, at_ms(2), 2, 1, 0, 1472)));  // other direction unaffected
}

TEST(VirtualNetwork, ImpairmentsAreSetPerDirection) {
  const auto net = make_network();
  Impairments slow;
  slow.latency = Latency::constant(Duration::from_ms(2));
  net->set_impairments(net->nic_egress(nic_of(*net, 1, "eth0")), at_ms(0), slow);
  EXPECT_EQ(send(*net, at_ms(1), 1, 2, 0).arrivals[0], at_ms(3) + Duration::from_us(50));
  EXPECT_EQ(send(*net, at_ms(1), 2, 1, 0).arrivals[0], at_ms(1) + Duration::from_us(100));
}

TEST(VirtualNetwork, DuplicationDeliversTwoCopies) {
  Impairments dup;
  dup.duplicate_probability = 1.0;
  const auto net = make_network(3, 1, dup);
  const RouteDecision d = send(*net, at_ms(1), 1, 2, 0);
  ASSERT_EQ(d.arrivals.size(), 4U);  // duplicated on both channels
  for (const Instant a : d.arrivals)
    EXPECT_EQ(a, at_ms(1) + Duration::from_us(100));
  EXPECT_EQ(net->stats().duplicated, 3U);
}

TEST(VirtualNetwork, SelfSendIsLoopedBackWithoutTouchingTheWire) {
  const auto net = make_network();
  net->set_tx_ok(nic_of(*net, 1, "eth0"), at_ms(0), false);
  const RouteDecision d = send(*net, at_ms(1), 1, 1, 0);
  ASSERT_EQ(d.arrivals.size(), 1U);
  EXPECT_EQ(d.arrivals[0], at_ms(1));
}

TEST(VirtualNetwork, UnboundLinkIsNoLink) {
  const auto net = make_network();
  const RouteDecision d = send(*net, at_ms(1), 1, 2, 2);  // no link 2 in the topology
  EXPECT_EQ(d.drop_reason, DropReason::kNoLink);
  EXPECT_EQ(last_reason(*net), NetDropReason::kNoLink);
}

TEST(VirtualNetwork, DeterministicPerSeedAndStableWhenHostsAreAdded) {
  Impairments jittery;
  jittery.latency = Latency::normal(Duration::from_us(200), Duration::from_us(50));
  jittery.loss_probability = 0.1;
  const auto small = make_network(3, 77, jittery);
  const auto again = make_network(3, 77, jittery);
  const auto bigger = make_network(9, 77, jittery);
  const auto other_seed = make_network(3, 78, jittery);
  int differ = 0;
  for (int i = 0; i < 500; ++i) {
    const RouteDecision a = send(*small, at_us(i * 100), 1, 2, 0);
    EXPECT_EQ(a.arrivals, send(*again, at_us(i * 100), 1, 2, 0).arrivals);
    send(*bigger, at_us(i * 100), 7, 8, 0);  // traffic elsewhere does not touch 1->2's streams
    EXPECT_EQ(a.arrivals, send(*bigger, at_us(i * 100), 1, 2, 0).arrivals);
    if (a.arrivals != send(*other_seed, at_us(i * 100), 1, 2, 0).arrivals) ++differ;
  }
  EXPECT_GT(differ, 400);
}

// Two switches joined by a trunk; host 1 on the first, hosts 2 and 3 on the second.
std::unique_ptr<VirtualNetwork> trunk_network() {
  model::Topology t;
  const model::NetworkId lan = t.add_network("lan");
  const model::SwitchId a = t.add_switch("a", lan), b = t.add_switch("b", lan);
  t.connect(a, b);
  for (uint32_t k = 1; k <= 3; ++k) {
    t.add_host(NodeId{k}, "h" + std::to_string(k));
    const model::NicId nic = t.add_nic(NodeId{k}, "eth0", model::MacAddress::local(k));
    t.connect(nic, k == 1 ? a : b);
    const model::IfaceId iface = t.add_nic_iface(nic);
    const model::IpAddress ip = model::IpAddress::v4(10, 0, 0, static_cast<uint8_t>(k));
    t.add_address(iface, ip);
    t.bind_link(NodeId{k}, LinkId{0}, iface, ip);
  }
  VirtualNetworkOptions options;
  options.keep_drop_log = true;
  return std::make_unique<VirtualNetwork>(std::move(t), options);
}

TEST(VirtualNetwork, TrunkAddsAHopAndATrunkFaultCutsOnlyCrossingFrames) {
  const auto net = trunk_network();
  EXPECT_EQ(send(*net, at_ms(1), 1, 2, 0).arrivals[0], at_ms(1) + Duration::from_us(150));
  EXPECT_EQ(send(*net, at_ms(1), 2, 3, 0).arrivals[0], at_ms(1) + Duration::from_us(100));
  Impairments dead;
  dead.loss_probability = 1.0;
  const model::CableId trunk{0};
  net->set_impairments(net->trunk(trunk, model::SwitchId{1}), at_ms(2), dead);  // b -> a
  EXPECT_TRUE(delivered(send(*net, at_ms(2), 1, 2, 0)));                        // a -> b still fine
  EXPECT_FALSE(delivered(send(*net, at_ms(2), 2, 1, 0)));                       // b -> a lost
  EXPECT_EQ(last_reason(*net), NetDropReason::kLoss);
  EXPECT_TRUE(delivered(send(*net, at_ms(2), 3, 2, 0)));  // never crosses the trunk
}

TEST(VirtualNetworkDeath, RejectsChangesInThePast) {
  const auto net = make_network();
  send(*net, at_ms(10), 1, 2, 0);
  EXPECT_DEATH(net->set_tx_ok(nic_of(*net, 1, "eth0"), at_ms(9), false), "already routed");
  EXPECT_DEATH(net->cut(at_ms(9), NodeId{1}, NodeId{2}), "already routed");
}

}  // namespace
}  // namespace quorate::sim::net
