// The EgressSelector seam with a two-member interface on one switch: a hand-written
// active-backup-like selector (the real bond machines come from sim/bond) shows what the
// network does around a failover: the switch's MAC table moves only when the host transmits
// from the new member, frames follow the table, floods reach every member.
#include <gtest/gtest.h>

#include "net_test_util.h"
#include "sim/net/egress_selector.h"
#include "sim/net/virtual_network.h"

namespace quorate::sim::net {
namespace {

using testing::at_ms;
using testing::last_reason;
using testing::send;

// Active member eth0 until `failover`, eth1 from then on; accepts only on the active member.
class FailoverSelector final : public EgressSelector {
 public:
  FailoverSelector(model::NicId first, model::NicId second, Instant failover, bool filter)
      : first_(first), second_(second), failover_(failover), filter_(filter) {}
  model::NicId select_egress(const FrameInfo& frame, Instant at) override {
    EXPECT_EQ(frame.src_port, 5405 + frame.link.value);
    return active(at);
  }
  bool accept_ingress(model::NicId member, const FrameInfo&, Instant at) override {
    return !filter_ || member == active(at);
  }

 private:
  model::NicId active(Instant at) const { return at < failover_ ? first_ : second_; }
  model::NicId first_, second_;
  Instant failover_;
  bool filter_;
};

struct BondedNetwork {
  std::unique_ptr<VirtualNetwork> net;
  model::NicId eth0, eth1;
};

// Host 1: bond0 over eth0 and eth1, both on switch "sw"; host 2: plain eth0 on "sw".
BondedNetwork make_bonded(bool filter) {
  model::Topology t;
  const model::SwitchId sw = t.add_switch("sw", t.add_network("lan"));
  t.add_host(NodeId{1}, "a");
  t.add_host(NodeId{2}, "b");
  const model::NicId eth0 = t.add_nic(NodeId{1}, "eth0", model::MacAddress::local(0x10));
  const model::NicId eth1 = t.add_nic(NodeId{1}, "eth1", model::MacAddress::local(0x11));
  const model::NicId peer = t.add_nic(NodeId{2}, "eth0", model::MacAddress::local(0x20));
  for (const model::NicId nic : {eth0, eth1, peer})
    t.connect(nic, sw);
  const model::IfaceId bond = t.add_iface(NodeId{1}, "bond0", {eth0, eth1});
  const model::IfaceId plain = t.add_nic_iface(peer);
  t.add_address(bond, model::IpAddress::must("10.0.0.1"));
  t.add_address(plain, model::IpAddress::must("fd00::2"));
  t.bind_link(NodeId{1}, LinkId{0}, bond, model::IpAddress::must("10.0.0.1"));
  t.bind_link(NodeId{2}, LinkId{0}, plain, model::IpAddress::must("fd00::2"));
  EXPECT_EQ(t.iface(bond).mac, t.nic(eth0).mac);  // a bond takes its first member's MAC
  VirtualNetworkOptions options;
  options.keep_drop_log = true;
  BondedNetwork b{std::make_unique<VirtualNetwork>(std::move(t), options), eth0, eth1};
  b.net->set_selector(bond, std::make_unique<FailoverSelector>(eth0, eth1, at_ms(100), filter));
  return b;
}

TEST(EgressSeam, FloodReachesEveryMemberAndTheFilterKeepsOneCopy) {
  BondedNetwork open = make_bonded(false);
  EXPECT_EQ(send(*open.net, at_ms(1), 2, 1).arrivals.size(), 2U);  // unknown MAC: both members
  BondedNetwork filtered = make_bonded(true);
  EXPECT_EQ(send(*filtered.net, at_ms(1), 2, 1).arrivals.size(), 1U);
}

TEST(EgressSeam, FailoverGapLastsUntilTheHostTransmitsFromTheNewMember) {
  BondedNetwork b = make_bonded(true);
  VirtualNetwork& net = *b.net;
  EXPECT_EQ(send(net, at_ms(1), 1, 2).arrivals.size(), 1U);  // teaches sw: bond MAC on eth0
  EXPECT_EQ(send(net, at_ms(2), 2, 1).arrivals.size(), 1U);
  EXPECT_EQ(net.fabric_stats().floods, 1U);  // only the very first frame (to 2) flooded
  // Failover at 100 ms. The switch still sends to eth0, which the bond now ignores.
  EXPECT_TRUE(send(net, at_ms(150), 2, 1).arrivals.empty());
  EXPECT_EQ(last_reason(net), NetDropReason::kIngressFiltered);
  // Host 1 transmits from eth1: the switch moves the MAC and frames follow.
  EXPECT_EQ(send(net, at_ms(160), 1, 2).arrivals.size(), 1U);
  EXPECT_EQ(net.fabric_stats().mac_moves, 1U);
  EXPECT_EQ(send(net, at_ms(170), 2, 1).arrivals.size(), 1U);
}

TEST(EgressSeam, SilentMemberLosesOnlyWhatTheSelectorPutsOnIt) {
  BondedNetwork b = make_bonded(true);
  VirtualNetwork& net = *b.net;
  net.set_tx_ok(b.eth1, Instant::epoch(), false);  // the backup is TX-dead: no effect yet
  EXPECT_EQ(send(net, at_ms(1), 1, 2).arrivals.size(), 1U);
  EXPECT_TRUE(send(net, at_ms(120), 1, 2).arrivals.empty());  // after failover onto it
  EXPECT_EQ(last_reason(net), NetDropReason::kSilentTx);
}

TEST(EgressSeam, Ipv6HeadersCountAgainstTheMtu) {
  BondedNetwork b = make_bonded(true);
  EXPECT_EQ(send(*b.net, at_ms(1), 2, 1, 0, 1452).arrivals.size(), 1U);  // 1452 + 8 + 40
  EXPECT_TRUE(send(*b.net, at_ms(1), 2, 1, 0, 1453).arrivals.empty());
  EXPECT_EQ(last_reason(*b.net), NetDropReason::kMtu);
  EXPECT_EQ(send(*b.net, at_ms(1), 1, 2, 0, 1472).arrivals.size(), 1U);  // 1472 + 8 + 20
}

}  // namespace
}  // namespace quorate::sim::net
