// Every finding with its exact "FILE:LINE: message" text: grammar, values, topology, bonds,
// and the ifupdown2 merge rules for repeated stanzas.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ifupdown_test_util.h"

namespace quorate::ifupdown {
namespace {

using ::testing::ElementsAre;
using testing::errors_of;
using ::testing::IsEmpty;
using testing::warnings_of;

// Two NICs and the start of a bond over them, for the bond cases.
constexpr const char* kBondHead =
    "iface eno1 inet manual\n"
    "iface eno2 inet manual\n"
    "iface bond0 inet manual\n"
    " bond-slaves eno1 eno2\n";

std::string bond(const std::string& options) {
  return kBondHead + options;
}

TEST(GrammarErrors, OptionsOutsideAStanza) {
  EXPECT_THAT(errors_of("address 10.0.0.1/24\n"),
              ElementsAre("t:1: 'address 10.0.0.1/24' is not inside an iface stanza; expected "
                          "a keyword (iface, auto, allow-hotplug, source, source-directory) or "
                          "an option below an 'iface' line"));
  // An auto line closes the stanza above it, as in ifupdown2.
  EXPECT_THAT(errors_of("iface eno1 inet manual\nauto eno1\n  mtu 1500\n"),
              ElementsAre("t:3: 'mtu 1500' is not inside an iface stanza; expected a keyword "
                          "(iface, auto, allow-hotplug, source, source-directory) or an option "
                          "below an 'iface' line"));
}

TEST(GrammarErrors, IfaceLines) {
  EXPECT_THAT(errors_of("iface\n"),
              ElementsAre("t:1: 'iface' needs an interface name: expected 'iface NAME "
                          "inet|inet6 static|manual|dhcp|loopback'"));
  EXPECT_THAT(errors_of("iface eno1 ipx static\n"),
              ElementsAre("t:1: iface eno1: unknown address family 'ipx'; expected inet or "
                          "inet6"));
  EXPECT_THAT(errors_of("\n\niface eno1 inet bogus\n"),
              ElementsAre("t:3: iface eno1: unknown method 'bogus' for inet; expected static, "
                          "manual, dhcp, loopback, dhcp6, ppp, tunnel (or auto for inet6)"));
  EXPECT_THAT(errors_of("iface eno1 inet auto\n"),
              ElementsAre("t:1: iface eno1: unknown method 'auto' for inet; expected static, "
                          "manual, dhcp, loopback, dhcp6, ppp, tunnel (or auto for inet6)"));
  EXPECT_THAT(errors_of("iface eno1 inet6 auto\n"), IsEmpty());
  EXPECT_THAT(warnings_of("iface eno1 inet manual extra\n"),
              ElementsAre("t:1: warning: iface eno1: 'extra' after the method is ignored, as "
                          "ifupdown2 does"));
  EXPECT_THAT(errors_of("iface averyveryverylongname0 inet manual\n"),
              ElementsAre("t:1: interface name 'averyveryverylongname0' has 22 characters; "
                          "Linux allows at most 15"));
  EXPECT_THAT(errors_of("iface eno1 inet manual\n mtu\n"),
              ElementsAre("t:2: iface eno1: option 'mtu' has no value; expected 'mtu VALUE'"));
}

TEST(GrammarErrors, FamilyWithoutMethodIsStaticAndBareIfaceIsAllowed) {
  const ParseResult r = parse_interfaces("iface eno1 inet\niface eno2\n", "t");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.network.interfaces[0].stanzas[0].method, Method::kStatic);
  EXPECT_EQ(r.network.interfaces[1].stanzas[0].family, Family::kNone);
}

TEST(GrammarErrors, AutoAllowSourceMappingVlan) {
  EXPECT_THAT(errors_of("auto\n"), ElementsAre("t:1: 'auto' needs at least one interface name"));
  EXPECT_THAT(errors_of("allow- eno1\n"),
              ElementsAre("t:1: 'allow-' has no class; expected e.g. 'allow-hotplug NAME'"));
  EXPECT_THAT(errors_of("source\n"),
              ElementsAre("t:1: 'source' needs exactly one path; expected 'source "
                          "/etc/network/interfaces.d/*'"));
  // One error for the stanza; its body is skipped, and parsing goes on after it.
  EXPECT_THAT(errors_of("mapping eth0\n  script /x\n  map a b\niface eth0 inet manual\n"),
              ElementsAre("t:1: 'mapping' stanzas are not supported (ifupdown2 does not read "
                          "them either); write an 'iface NAME FAMILY METHOD' stanza for the "
                          "interface instead"));
  EXPECT_THAT(errors_of("vlan v1\n  bridge-vids 5\n"),
              ElementsAre("t:1: 'vlan' stanzas (ifupdown2 bridge VLAN objects) are not "
                          "supported; use bridge-vids on the VLAN-aware bridge"));
  EXPECT_THAT(warnings_of("auto eno9\niface eno1 inet manual\n"),
              ElementsAre("t:1: warning: auto eno9: there is no iface stanza for eno9; ignored"));
}

TEST(GrammarErrors, AutoAllowHotplugAndAutoAll) {
  const ParseResult r = parse_interfaces(
      "iface eno1 inet manual\nallow-hotplug eno1\nallow-hotplug eno1\nauto eno1\n", "t");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.network.interfaces[0].auto_start);  // auto after the stanza still counts
  EXPECT_THAT(r.network.interfaces[0].allow_classes, ElementsAre("hotplug"));
  const ParseResult all = parse_interfaces("auto all\niface a inet manual\niface b\n", "t");
  EXPECT_TRUE(all.network.interfaces[0].auto_start);
  EXPECT_TRUE(all.network.interfaces[1].auto_start);
}

TEST(GrammarErrors, CommentsAndContinuations) {
  // '#' mid-line is part of the value, as in ifupdown2.
  EXPECT_THAT(errors_of(bond(" bond-mode 802.3ad # lacp\n")),
              ElementsAre("t:5: bond0: unknown bond-mode '802.3ad # lacp'; expected balance-rr, "
                          "active-backup, balance-xor, broadcast, 802.3ad, balance-tlb, "
                          "balance-alb or 0-6"));
  // A comment ending in a backslash swallows the next line.
  const ParseResult r = parse_interfaces("# note \\\niface eno1 inet manual\n", "t");
  EXPECT_TRUE(r.network.interfaces.empty());
  EXPECT_THAT(r.diagnostics.warnings(),
              ElementsAre("t:1: warning: comment ends with '\\', so the next line is part of "
                          "the comment (ifupdown2 joins continued lines before it looks for "
                          "comments)"));
  // Continued lines keep the number of their first line.
  EXPECT_THAT(errors_of("iface eno1 inet static\n address \\\n  10.0.0.300/24\n"),
              ElementsAre("t:2: eno1: address '10.0.0.300/24' is not an IPv4 or IPv6 address; "
                          "expected ADDRESS[/PREFIX], e.g. 192.0.2.10/24 or 2001:db8::10/64"));
}

TEST(ValueErrors, Addresses) {
  EXPECT_THAT(errors_of("iface eno1 inet static\n address 10.0.0.3/33\n"),
              ElementsAre("t:2: eno1: prefix length of address '10.0.0.3/33' is not valid; "
                          "expected 0-32 for IPv4"));
  EXPECT_THAT(errors_of("iface eno1 inet6 static\n address 2001:db8::1/129\n"),
              ElementsAre("t:2: eno1: prefix length of address '2001:db8::1/129' is not valid; "
                          "expected 0-128 for IPv6"));
  EXPECT_THAT(errors_of("iface eno1 inet static\n address 10.0.0.3\n netmask 255.0.255.0\n"),
              ElementsAre("t:3: eno1: netmask '255.0.255.0' is not a contiguous mask or prefix "
                          "length; expected e.g. 255.255.255.0 or 24"));
  EXPECT_THAT(errors_of("iface eno1 inet static\n netmask 255.255.255.0\n address 10.0.0.3\n"),
              ElementsAre("t:2: eno1: netmask '255.255.255.0' comes before any address in this "
                          "stanza (ifupdown2 ignores it); put it after the 'address' line or "
                          "write address/PREFIX"));
  EXPECT_THAT(errors_of("iface eno1 inet static\n gateway 10.0.0.256\n"),
              ElementsAre("t:2: eno1: gateway '10.0.0.256' is not an IPv4 or IPv6 address"));
  EXPECT_THAT(errors_of("iface eno1 inet static\n address 010.0.0.1/8\n"),
              ElementsAre("t:2: eno1: address '010.0.0.1/8' is not an IPv4 or IPv6 address; "
                          "expected ADDRESS[/PREFIX], e.g. 192.0.2.10/24 or 2001:db8::10/64"));
}

TEST(ValueErrors, AddressDefaultsAndIgnoredNetmask) {
  const ParseResult r = parse_interfaces("iface eno1 inet static\n address 10.0.0.3\n", "t");
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.network.interfaces[0].addresses().at(0).prefix_len, 32);
  EXPECT_THAT(r.diagnostics.warnings(),
              ElementsAre("t:2: warning: eno1: address 10.0.0.3 has no prefix length or "
                          "netmask; /32 assumed, as ifupdown2 does"));
  EXPECT_THAT(warnings_of("iface eno1 inet static\n address 10.0.0.3/24\n netmask 16\n"),
              ElementsAre("t:3: warning: eno1: netmask 16 is ignored: address 10.0.0.3 already "
                          "has /24"));
}

TEST(ValueErrors, LinkOptions) {
  EXPECT_THAT(errors_of("iface eno1 inet manual\n mtu 9k\n"),
              ElementsAre("t:2: eno1: mtu '9k' is not a number; expected 68-65535 (bytes)"));
  EXPECT_THAT(errors_of("iface eno1 inet manual\n mtu 70000\n"),
              ElementsAre("t:2: eno1: mtu 70000 is out of range; expected 68-65535 (bytes)"));
  EXPECT_THAT(errors_of("iface eno1 inet manual\n hwaddress 00:11:22:33:44\n"),
              ElementsAre("t:2: eno1: hwaddress '00:11:22:33:44' is not a MAC address; expected "
                          "e.g. 'hwaddress aa:bb:cc:dd:ee:ff' (optionally 'ether' first)"));
  const ParseResult r =
      parse_interfaces("iface eno1 inet manual\n hwaddress ether 0A-0b-0C-0d-0E-0f\n", "t");
  EXPECT_EQ(r.network.interfaces[0].hwaddress->to_string(), "0a:0b:0c:0d:0e:0f");
}

TEST(ValueErrors, BondValues) {
  EXPECT_THAT(errors_of(bond(" bond-mode lacp\n bond-miimon 100\n")),
              ElementsAre("t:5: bond0: unknown bond-mode 'lacp'; expected balance-rr, "
                          "active-backup, balance-xor, broadcast, 802.3ad, balance-tlb, "
                          "balance-alb or 0-6"));
  EXPECT_THAT(errors_of(bond(" bond-mode 7\n bond-miimon 100\n")),
              ElementsAre("t:5: bond0: unknown bond-mode '7'; expected balance-rr, "
                          "active-backup, balance-xor, broadcast, 802.3ad, balance-tlb, "
                          "balance-alb or 0-6"));
  EXPECT_THAT(errors_of(bond(" bond-mode 4\n bond-xmit-hash-policy layer4\n"
                             " bond-lacp-rate medium\n bond-ad-select fastest\n")),
              ElementsAre("t:6: bond0: unknown bond-xmit-hash-policy 'layer4'; expected layer2, "
                          "layer2+3, layer3+4, encap2+3, encap3+4 or 0-4",
                          "t:7: bond0: unknown bond-lacp-rate 'medium'; expected slow, fast, 0 "
                          "or 1",
                          "t:8: bond0: unknown bond-ad-select 'fastest'; expected stable, "
                          "bandwidth, count or 0-2"));
  EXPECT_THAT(errors_of(bond(" bond-miimon -5\n bond-updelay 99999999999\n")),
              ElementsAre("t:5: bond0: bond-miimon '-5' is not a number; expected 0-2147483647 "
                          "(milliseconds)",
                          "t:6: bond0: bond-updelay 99999999999 is out of range; expected "
                          "0-2147483647 (milliseconds)"));
  EXPECT_THAT(errors_of(bond(" bond-mode 1\n bond-miimon 100\n bond-arp-ip-target 10.0.0.1,"
                             "::1\n")),
              ElementsAre("t:7: bond0: bond-arp-ip-target '::1' is not an IPv4 address"));
}

TEST(ValueErrors, BondOptionsOnANonBondAndBothKinds) {
  EXPECT_THAT(errors_of("iface eno1 inet manual\n bond-mode 802.3ad\n"),
              ElementsAre("t:2: eno1: bond-mode needs a bond, but eno1 is a physical NIC (bond "
                          "options need bond-slaves or bond-ports)"));
  EXPECT_THAT(errors_of("iface eno1 inet manual\n bridge-stp off\n"),
              ElementsAre("t:2: eno1: bridge-stp needs a bridge, but eno1 is a physical NIC "
                          "(bridge options need bridge-ports)"));
  EXPECT_THAT(errors_of(bond(" bond-miimon 100\n bridge-ports eno1\n")),
              ElementsAre("t:6: bond0 has both bond-slaves (line 4) and bridge-ports (line 6); "
                          "an interface is either a bond or a bridge, the first one counts"));
}

TEST(ValueErrors, BridgeValues) {
  EXPECT_THAT(errors_of("iface eno1 inet manual\niface vmbr0 inet manual\n bridge-ports eno1\n"
                        " bridge-vids 5-2\n bridge-stp maybe\n bridge-fd 300\n"),
              ElementsAre("t:4: vmbr0: bridge-vids '5-2' is not a VLAN id or range; expected N "
                          "or N-M with 1 <= N <= M <= 4094",
                          "t:5: vmbr0: bridge-stp 'maybe' is not a yes/no value; expected on, "
                          "off, yes or no",
                          "t:6: vmbr0: bridge-fd 300 is out of range; expected 0-255 (seconds)"));
  EXPECT_THAT(errors_of("iface vmbr0 inet manual\n bridge-ports glob eno1-2\n"),
              ElementsAre("t:2: vmbr0: bridge-ports: 'glob' is not supported in a list of "
                          "bridge ports; expected interface names, or 'none' alone"));
}

TEST(TopologyErrors, MembersAndPorts) {
  EXPECT_THAT(errors_of("iface bond0 inet manual\n bond-slaves none\n bond-miimon 100\n"),
              ElementsAre("t:2: bond0 has no members ('bond-slaves none'); a bond needs at "
                          "least one member, e.g. 'bond-slaves eno1 eno2'"));
  EXPECT_THAT(errors_of("iface bond0 inet manual\n bond-slaves eno1 eno3\n bond-miimon 100\n"
                        "iface eno1 inet manual\n"),
              ElementsAre("t:2: bond0: bond-slaves names eno3, which has no iface stanza; "
                          "expected an 'iface eno3 inet manual' stanza"));
  EXPECT_THAT(errors_of("iface eno1 inet manual\niface bond0 inet manual\n bond-slaves eno1 "
                        "eno1\n bond-miimon 100\n"),
              ElementsAre("t:3: bond0: eno1 is listed twice in bond-slaves"));
  EXPECT_THAT(errors_of(bond(" bond-miimon 100\niface bond1 inet manual\n bond-slaves eno2\n"
                             " bond-miimon 100\n")),
              ElementsAre("t:7: eno2 is listed in bond-slaves of bond1 but already belongs to "
                          "bond0 (t:4); an interface can have only one master"));
  EXPECT_THAT(errors_of(bond(" bond-miimon 100\niface vmbr0 inet manual\n bridge-ports eno1\n")),
              ElementsAre("t:7: eno1 is listed in bridge-ports of vmbr0 but already belongs to "
                          "bond0 (t:4); an interface can have only one master"));
  EXPECT_THAT(errors_of("iface eno1 inet manual\niface vmbr0 inet manual\n bridge-ports eno1\n"
                        "iface vmbr1 inet manual\n bridge-ports vmbr0\n"),
              ElementsAre("t:5: vmbr1: vmbr0 is a bridge; bridge ports must be NICs, bonds or "
                          "VLANs"));
  EXPECT_THAT(errors_of("iface eno1 inet manual\niface vmbr0 inet manual\n bridge-ports eno1\n"
                        "iface bond0 inet manual\n bond-slaves vmbr0\n bond-miimon 100\n"),
              ElementsAre("t:5: bond0: vmbr0 is a bridge; bond members must be physical NICs or "
                          "VLANs"));
}

TEST(TopologyErrors, VlansAndCycles) {
  EXPECT_THAT(errors_of("iface eno1 inet manual\niface eno1.5000 inet manual\n"),
              ElementsAre("t:2: eno1.5000: VLAN id 5000 is out of range; expected 1-4094"));
  EXPECT_THAT(errors_of("iface vlan7 inet manual\n vlan-id 7\n"),
              ElementsAre("t:1: vlan7: VLAN without a raw device; add 'vlan-raw-device DEV' or "
                          "name it RAW.ID (e.g. bond0.50)"));
  EXPECT_THAT(errors_of("iface bond0.50 inet manual\n"),
              ElementsAre("t:1: bond0.50: raw device bond0 has no iface stanza; expected an "
                          "'iface bond0 inet manual' stanza"));
  EXPECT_THAT(errors_of("iface lo inet loopback\niface lo.5 inet manual\n"),
              ElementsAre("t:2: lo.5: raw device lo is a loopback; a VLAN needs a NIC, bond or "
                          "bridge below it"));
  EXPECT_THAT(errors_of("iface eno1 inet manual\n mtu 1500\niface eno1.5 inet manual\n"
                        " mtu 9000\n"),
              ElementsAre("t:4: eno1.5: mtu 9000 is larger than the mtu 1500 of its raw device "
                          "eno1; the kernel refuses it"));
  EXPECT_THAT(errors_of("iface eno1 inet manual\niface vmbr0 inet manual\n bridge-ports eno1 "
                        "vmbr0.5\niface vmbr0.5 inet manual\n"),
              ElementsAre("t:2: dependency cycle vmbr0 -> vmbr0.5 -> vmbr0: an interface "
                          "cannot sit on top of itself"));
}

TEST(TopologyWarnings, AddressesAndGateways) {
  EXPECT_THAT(warnings_of("iface eno1 inet static\n address 10.0.0.1/24\n"
                          "iface eno2 inet static\n address 10.0.0.1/24\n"),
              ElementsAre("t:4: warning: eno2: address 10.0.0.1 is also on eno1"));
  EXPECT_THAT(warnings_of("iface eno1 inet static\n address 10.0.0.1/24\n gateway 10.0.0.254\n"
                          "iface eno2 inet static\n address 10.1.0.1/24\n gateway 10.1.0.254\n"),
              ElementsAre("t:6: warning: eno2: a second IPv4 default gateway (the first is on "
                          "eno1); only one default route per family is installed"));
  EXPECT_THAT(warnings_of("iface eno1 inet static\n address 10.0.0.1/24\niface bond0 inet manual"
                          "\n bond-slaves eno1\n bond-miimon 100\n"),
              ElementsAre("t:2: warning: eno1 belongs to bond0, so its address 10.0.0.1/24 is "
                          "not usable; put addresses on bond0"));
}

TEST(BondChecks, ModeRules) {
  EXPECT_THAT(errors_of(bond(" bond-mode 802.3ad\n bond-arp-interval 100\n"
                             " bond-arp-ip-target 10.0.0.1\n")),
              ElementsAre("t:6: bond0: bond-arp-interval is not available in 802.3ad (the "
                          "driver allows the ARP monitor only in balance-rr, active-backup, "
                          "balance-xor and broadcast); use bond-miimon"));
  EXPECT_THAT(errors_of(bond(" bond-mode active-backup\n bond-miimon 100\n bond-primary eno3\n")),
              ElementsAre("t:7: bond0: bond-primary eno3 is not one of its members; expected "
                          "one of the names in bond-slaves"));
  EXPECT_THAT(warnings_of(bond(" bond-mode active-backup\n bond-miimon 100\n"
                               " bond-lacp-rate fast\n bond-xmit-hash-policy layer2\n")),
              ElementsAre("t:7: warning: bond0: bond-lacp-rate only applies to 802.3ad; ignored "
                          "in active-backup",
                          "t:8: warning: bond0: bond-xmit-hash-policy only applies to "
                          "balance-xor, 802.3ad, balance-tlb and balance-alb; ignored in "
                          "active-backup"));
  EXPECT_THAT(warnings_of(bond(" bond-mode balance-rr\n")),
              ElementsAre("t:5: warning: bond0: no link monitoring (bond-miimon 0 and no "
                          "bond-arp-interval); the bond never notices a failed member, expected "
                          "e.g. bond-miimon 100"));
  EXPECT_THAT(warnings_of(bond(" bond-miimon 100\n bond-updelay 250\n")),
              ElementsAre("t:6: warning: bond0: bond-updelay 250 is not a multiple of "
                          "bond-miimon 100; the driver rounds it down to 200"));
  EXPECT_THAT(warnings_of(bond(" bond-mode active-backup\n bond-miimon 100\n"
                               " bond-arp-interval 200\n")),
              ElementsAre("t:7: warning: bond0: bond-miimon and bond-arp-interval are both set; "
                          "the driver uses only one monitor, set one of them to 0",
                          "t:7: warning: bond0: bond-arp-interval without bond-arp-ip-target; "
                          "the ARP monitor has nothing to probe"));
  // 802.3ad without bond-miimon: the driver forces 100 ms, so no warning.
  const ParseResult r = parse_interfaces(bond(" bond-mode 802.3ad\n"), "t");
  EXPECT_THAT(r.diagnostics.items, IsEmpty());
  EXPECT_EQ(r.network.find("bond0")->bond->effective_miimon_ms(), 100);
}

TEST(Merging, RepeatedStanzasFollowIfupdown2) {
  // An identical repeated stanza is ignored with ifupdown2's warning.
  const ParseResult dup = parse_interfaces("iface eno1 inet manual\niface eno1 inet manual\n", "t");
  EXPECT_TRUE(dup.ok());
  EXPECT_EQ(dup.network.interfaces.size(), 1u);
  EXPECT_THAT(dup.diagnostics.warnings(),
              ElementsAre("t:2: warning: duplicate interface eno1 found (same as line 1); "
                          "ifupdown2 ignores the repeated stanza"));
  // Same family, other method: the first method stays, options merge.
  const ParseResult m = parse_interfaces(
      "iface eno1 inet manual\n post-up true\niface eno1 inet static\n address 10.1.1.1/24\n", "t");
  EXPECT_TRUE(m.ok());
  ASSERT_EQ(m.network.interfaces[0].stanzas.size(), 1u);
  EXPECT_EQ(m.network.interfaces[0].stanzas[0].method, Method::kManual);
  EXPECT_EQ(m.network.interfaces[0].addresses().size(), 1u);
  EXPECT_THAT(m.diagnostics.warnings(),
              ElementsAre("t:3: warning: iface eno1 inet static: eno1 is already 'inet manual' "
                          "(line 1); ifupdown2 keeps the first method and merges the options"));
  // Single-valued options: the first value wins across stanzas.
  const ParseResult b =
      parse_interfaces(bond(" bond-mode active-backup\n bond-miimon 100\niface bond0 inet6 manual\n"
                            " bond-mode 802.3ad\n"),
                       "t");
  EXPECT_TRUE(b.ok());
  EXPECT_EQ(b.network.find("bond0")->bond->mode, BondMode::kActiveBackup);
  EXPECT_EQ(b.network.find("bond0")->stanzas.size(), 2u);
  EXPECT_THAT(b.diagnostics.warnings(),
              ElementsAre("t:8: warning: bond0: bond-mode given again (first at t:5 as "
                          "'active-backup'); ifupdown2 uses the first value, so '802.3ad' is "
                          "ignored"));
  // An alias stanza folds into its interface.
  const ParseResult a = parse_interfaces(
      "iface eth0 inet static\n address 10.0.0.1/8\niface eth0:1 inet static\n"
      " address 10.0.0.2/8\n",
      "t");
  EXPECT_EQ(a.network.interfaces.size(), 1u);
  EXPECT_THAT(testing::prefixes_of(a.network.interfaces[0]),
              ElementsAre("10.0.0.1/8", "10.0.0.2/8"));
}

TEST(UnknownOptions, AreKeptAndListed) {
  const ParseResult r =
      parse_interfaces("iface eno1 inet manual\n frobnicate yes\n dns_nameservers 1.1.1.1\n", "t");
  EXPECT_TRUE(r.ok());
  EXPECT_THAT(r.diagnostics.warnings(),
              ElementsAre("t:2: warning: eno1: unknown option 'frobnicate' kept as is"));
  const std::vector<ExtraOption>& extra = r.network.interfaces[0].stanzas[0].extra;
  ASSERT_EQ(extra.size(), 2u);
  EXPECT_EQ(extra[0].key, "frobnicate");
  EXPECT_EQ(extra[1].key, "dns-nameservers");  // '_' -> '-', as ifupdown2 stores keys
  EXPECT_EQ(extra[1].value, "1.1.1.1");
}

}  // namespace
}  // namespace quorate::ifupdown
