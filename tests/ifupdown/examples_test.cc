// The bond, bridge, VLAN and routed shapes of the Proxmox VE network documentation, written as
// our own example files (tests/ifupdown/data): every fact the model holds is asserted.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ifupdown_test_util.h"

namespace quorate::ifupdown {
namespace {

using ::testing::ElementsAre;
using testing::gateways_of;
using testing::ip;
using ::testing::IsEmpty;
using testing::names_of;
using testing::parse_data;
using testing::prefixes_of;

const Interface& get(const HostNetwork& net, std::string_view name) {
  const Interface* i = net.find(name);
  EXPECT_NE(i, nullptr) << name;
  static const Interface kMissing;
  return i != nullptr ? *i : kMissing;
}

TEST(Examples, ActiveBackupBondForTheClusterNetwork) {
  const ParseResult r = parse_data("active_backup_cluster.interfaces");
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(r.diagnostics.errors());
  EXPECT_THAT(r.diagnostics.warnings(), IsEmpty());
  const HostNetwork& net = r.network;
  EXPECT_THAT(names_of(net), ElementsAre("lo", "eno1", "eno2", "eno3", "bond1", "vmbr0"));

  const Interface& lo = get(net, "lo");
  EXPECT_EQ(lo.kind, IfaceKind::kLoopback);
  EXPECT_TRUE(lo.auto_start);
  for (const char* nic : {"eno1", "eno2", "eno3"}) {
    const Interface& i = get(net, nic);
    EXPECT_EQ(i.kind, IfaceKind::kPhysical) << nic;
    EXPECT_FALSE(i.auto_start) << nic;
    ASSERT_EQ(i.stanzas.size(), 1u);
    EXPECT_EQ(i.stanzas[0].family, Family::kInet);
    EXPECT_EQ(i.stanzas[0].method, Method::kManual);
    EXPECT_THAT(prefixes_of(i), IsEmpty());
  }

  const Interface& bond = get(net, "bond1");
  ASSERT_EQ(bond.kind, IfaceKind::kBond);
  ASSERT_TRUE(bond.bond.has_value());
  EXPECT_THAT(bond.bond->members, ElementsAre("eno1", "eno2"));
  EXPECT_EQ(bond.bond->mode, BondMode::kActiveBackup);
  EXPECT_EQ(bond.bond->miimon_ms, 100);
  EXPECT_EQ(bond.bond->primary, "eno1");
  EXPECT_EQ(bond.bond->primary_reselect, PrimaryReselect::kFailure);
  EXPECT_EQ(bond.bond->updelay_ms, 200);
  EXPECT_EQ(bond.bond->downdelay_ms, 200);
  EXPECT_FALSE(bond.bond->lacp_rate.has_value());
  EXPECT_FALSE(bond.bond->xmit_hash_policy.has_value());
  EXPECT_EQ(bond.bond->effective_lacp_rate(), LacpRate::kSlow);
  EXPECT_THAT(prefixes_of(bond), ElementsAre("10.10.1.11/24"));
  EXPECT_THAT(gateways_of(bond), IsEmpty());
  EXPECT_EQ(bond.loc.line, 13);

  const Interface& vmbr0 = get(net, "vmbr0");
  ASSERT_EQ(vmbr0.kind, IfaceKind::kBridge);
  EXPECT_THAT(vmbr0.bridge->ports, ElementsAre("eno3"));
  EXPECT_EQ(vmbr0.bridge->stp, false);
  EXPECT_EQ(vmbr0.bridge->forward_delay_s, 0);
  EXPECT_THAT(prefixes_of(vmbr0), ElementsAre("192.0.2.11/24"));
  EXPECT_THAT(gateways_of(vmbr0), ElementsAre("192.0.2.1"));

  EXPECT_EQ(net.carrier_of(ip("10.10.1.11")), &bond);
  EXPECT_EQ(net.carrier_of(ip("192.0.2.11")), &vmbr0);
  EXPECT_EQ(net.carrier_of(ip("192.0.2.1")), nullptr);
  EXPECT_EQ(net.master_of("eno1"), &bond);
  EXPECT_EQ(net.master_of("eno2"), &bond);
  EXPECT_EQ(net.master_of("eno3"), &vmbr0);
  EXPECT_EQ(net.master_of("bond1"), nullptr);
}

TEST(Examples, Lacp8023adLayer23WithBridgeOnTop) {
  const ParseResult r = parse_data("lacp_bridge.interfaces");
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(r.diagnostics.errors());
  EXPECT_THAT(r.diagnostics.warnings(), IsEmpty());
  const HostNetwork& net = r.network;
  EXPECT_THAT(names_of(net), ElementsAre("lo", "enp65s0f0", "enp65s0f1", "bond0", "vmbr0"));

  const Interface& bond = get(net, "bond0");
  ASSERT_EQ(bond.kind, IfaceKind::kBond);
  EXPECT_TRUE(bond.auto_start);
  EXPECT_THAT(bond.bond->members, ElementsAre("enp65s0f0", "enp65s0f1"));
  EXPECT_EQ(bond.bond->mode, BondMode::k8023ad);
  EXPECT_EQ(bond.bond->xmit_hash_policy, XmitHashPolicy::kLayer23);
  EXPECT_EQ(bond.bond->lacp_rate, LacpRate::kFast);
  EXPECT_EQ(bond.bond->miimon_ms, 100);
  EXPECT_EQ(bond.bond->min_links, 1);
  EXPECT_EQ(bond.mtu, 9000);
  EXPECT_THAT(prefixes_of(bond), IsEmpty());

  const Interface& vmbr0 = get(net, "vmbr0");
  ASSERT_EQ(vmbr0.kind, IfaceKind::kBridge);
  EXPECT_THAT(vmbr0.bridge->ports, ElementsAre("bond0"));
  EXPECT_EQ(vmbr0.bridge->vlan_aware, true);
  EXPECT_EQ(vmbr0.bridge->vids, (std::vector<VidRange>{{2, 4094}}));
  EXPECT_EQ(vmbr0.mtu, 9000);
  ASSERT_EQ(vmbr0.stanzas.size(), 2u);
  EXPECT_EQ(vmbr0.stanzas[0].family, Family::kInet);
  EXPECT_EQ(vmbr0.stanzas[1].family, Family::kInet6);
  EXPECT_EQ(vmbr0.stanzas[1].method, Method::kStatic);
  EXPECT_THAT(prefixes_of(vmbr0), ElementsAre("10.20.0.5/24", "2001:db8:20::5/64"));
  EXPECT_THAT(gateways_of(vmbr0), ElementsAre("10.20.0.1", "2001:db8:20::1"));
  EXPECT_EQ(net.carrier_of(ip("2001:db8:20::5")), &vmbr0);
  EXPECT_EQ(net.master_of("bond0"), &vmbr0);
  EXPECT_EQ(net.master_of("enp65s0f1"), &bond);
}

TEST(Examples, BalanceRrForADedicatedLinkWithNetmasks) {
  const ParseResult r = parse_data("balance_rr_dedicated.interfaces");
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(r.diagnostics.errors());
  EXPECT_THAT(r.diagnostics.warnings(), IsEmpty());
  const HostNetwork& net = r.network;
  EXPECT_THAT(prefixes_of(get(net, "ens18")), ElementsAre("198.51.100.7/24"));
  EXPECT_THAT(gateways_of(get(net, "ens18")), ElementsAre("198.51.100.1"));
  const Interface& bond = get(net, "bond2");
  ASSERT_EQ(bond.kind, IfaceKind::kBond);
  EXPECT_THAT(bond.bond->members, ElementsAre("ens19", "ens20"));  // from bond-ports
  EXPECT_EQ(bond.bond->mode, BondMode::kBalanceRr);                // from "0"
  EXPECT_EQ(bond.bond->effective_miimon_ms(), 100);
  EXPECT_THAT(prefixes_of(bond), ElementsAre("172.16.30.7/28"));  // "netmask 28"
  EXPECT_THAT(gateways_of(bond), IsEmpty());
  EXPECT_EQ(bond.mtu, 9000);
  EXPECT_FALSE(get(net, "ens19").auto_start);
  EXPECT_EQ(net.carrier_of(ip("172.16.30.7")), &bond);
}

TEST(Examples, VlansOnABondAndOnAVlanAwareBridge) {
  const ParseResult r = parse_data("vlan_on_bond.interfaces");
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(r.diagnostics.errors());
  EXPECT_THAT(r.diagnostics.warnings(), IsEmpty());
  const HostNetwork& net = r.network;
  const Interface& bond = get(net, "bond0");
  EXPECT_EQ(bond.bond->mode, BondMode::k8023ad);     // "4"
  EXPECT_EQ(bond.bond->lacp_rate, LacpRate::kFast);  // "1"
  EXPECT_EQ(bond.bond->xmit_hash_policy, XmitHashPolicy::kLayer34);

  const Interface& v50 = get(net, "bond0.50");
  ASSERT_EQ(v50.kind, IfaceKind::kVlan);
  EXPECT_EQ(v50.vlan->raw_device, "bond0");
  EXPECT_EQ(v50.vlan->id, 50);
  EXPECT_THAT(prefixes_of(v50), ElementsAre("10.50.0.3/24"));
  const Interface& v60 = get(net, "vlan60");
  ASSERT_EQ(v60.kind, IfaceKind::kVlan);
  EXPECT_EQ(v60.vlan->raw_device, "bond0");
  EXPECT_EQ(v60.vlan->id, 60);

  const Interface& vmbr0 = get(net, "vmbr0");
  EXPECT_EQ(vmbr0.bridge->vids, (std::vector<VidRange>{{100, 100}, {200, 299}}));
  const Interface& mgmt = get(net, "vmbr0.100");
  ASSERT_EQ(mgmt.kind, IfaceKind::kVlan);
  EXPECT_EQ(mgmt.vlan->raw_device, "vmbr0");
  EXPECT_EQ(mgmt.vlan->id, 100);
  EXPECT_THAT(gateways_of(mgmt), ElementsAre("192.168.100.1"));
  EXPECT_EQ(net.carrier_of(ip("10.50.0.3")), &v50);
  EXPECT_EQ(net.carrier_of(ip("192.168.100.3")), &mgmt);
  EXPECT_EQ(net.master_of("bond0"), &vmbr0);  // the VLANs sit on it but are not its master
}

TEST(Examples, RoutedSetupKeepsHooksAndSources) {
  const ParseResult r = parse_data("routed.interfaces");
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(r.diagnostics.errors());
  EXPECT_THAT(r.diagnostics.warnings(), IsEmpty());
  const HostNetwork& net = r.network;
  const Interface& eno0 = get(net, "eno0");
  EXPECT_EQ(eno0.kind, IfaceKind::kPhysical);
  ASSERT_EQ(eno0.stanzas.size(), 2u);
  EXPECT_THAT(prefixes_of(eno0), ElementsAre("203.0.113.5/29", "2001:db8:5::2/64"));
  EXPECT_THAT(gateways_of(eno0), ElementsAre("203.0.113.1", "fe80::1"));
  ASSERT_EQ(eno0.stanzas[0].extra.size(), 2u);
  EXPECT_EQ(eno0.stanzas[0].extra[0].key, "post-up");
  EXPECT_EQ(eno0.stanzas[0].extra[0].value, "echo 1 > /proc/sys/net/ipv4/ip_forward");
  EXPECT_EQ(eno0.stanzas[0].extra[1].value,
            "echo 1 > /proc/sys/net/ipv4/conf/eno0/proxy_arp");  // continued line joined
  EXPECT_EQ(eno0.stanzas[0].extra[1].loc.line, 9);
  EXPECT_EQ(eno0.stanzas[1].loc.line, 12);

  const Interface& vmbr0 = get(net, "vmbr0");
  ASSERT_EQ(vmbr0.kind, IfaceKind::kBridge);
  EXPECT_THAT(vmbr0.bridge->ports, IsEmpty());  // "none"
  EXPECT_THAT(prefixes_of(vmbr0), ElementsAre("198.18.7.1/28"));
  ASSERT_EQ(net.sources.size(), 1u);
  EXPECT_FALSE(net.sources[0].directory);
  EXPECT_EQ(net.sources[0].pattern, "/etc/network/interfaces.d/*");
  EXPECT_EQ(net.sources[0].loc.line, 23);
}

}  // namespace
}  // namespace quorate::ifupdown
