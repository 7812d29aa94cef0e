// The writer: parse -> write -> parse gives an equal model, and the text is canonical.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/ifupdown/writer.h"
#include "ifupdown_test_util.h"

namespace quorate::ifupdown {
namespace {

using testing::kExamples;
using testing::parse_data;

TEST(RoundTrip, EveryExampleReadsBackEqual) {
  for (const std::string& name : kExamples) {
    const ParseResult first = parse_data(name);
    ASSERT_TRUE(first.ok()) << name;
    const std::string text = write_interfaces(first.network);
    const ParseResult second = parse_interfaces(text, "written");
    EXPECT_TRUE(second.ok()) << name << "\n" << text;
    EXPECT_TRUE(second.diagnostics.warnings().empty()) << name << "\n" << text;
    EXPECT_EQ(second.network, first.network) << name << "\n" << text;
    EXPECT_EQ(write_interfaces(second.network), text) << name;  // a fixed point
  }
}

TEST(RoundTrip, WritesCanonicalForms) {
  const ParseResult r = parse_data("balance_rr_dedicated.interfaces");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(write_interfaces(r.network),
            "auto lo\n"
            "iface lo inet loopback\n"
            "\n"
            "auto ens18\n"
            "iface ens18 inet static\n"
            "\taddress 198.51.100.7/24\n"
            "\tgateway 198.51.100.1\n"
            "\n"
            "iface ens19 inet manual\n"
            "\n"
            "iface ens20 inet manual\n"
            "\n"
            "auto bond2\n"
            "iface bond2 inet static\n"
            "\taddress 172.16.30.7/28\n"
            "\tmtu 9000\n"
            "\tbond-slaves ens19 ens20\n"
            "\tbond-mode balance-rr\n"
            "\tbond-miimon 100\n"
            "\n");
}

TEST(RoundTrip, VlanRawDeviceOnlyWhenTheNameDoesNotSayIt) {
  const ParseResult r = parse_data("vlan_on_bond.interfaces");
  ASSERT_TRUE(r.ok());
  const std::string text = write_interfaces(r.network);
  EXPECT_NE(text.find("iface vlan60 inet static\n\taddress 10.60.0.3/24\n"
                      "\tvlan-raw-device bond0\n\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("iface bond0.50 inet static\n\taddress 10.50.0.3/24\n\n"), std::string::npos)
      << text;
}

TEST(RoundTrip, EditedModelIsWrittenAndReadBack) {
  ParseResult r = parse_data("active_backup_cluster.interfaces");
  ASSERT_TRUE(r.ok());
  HostNetwork& net = r.network;
  Interface& bond = net.interfaces[4];
  ASSERT_EQ(bond.name, "bond1");
  bond.bond->mode = BondMode::k8023ad;
  bond.bond->lacp_rate = LacpRate::kFast;
  bond.bond->xmit_hash_policy = XmitHashPolicy::kLayer34;
  bond.bond->primary.reset();
  bond.bond->primary_reselect.reset();
  const ParseResult back = parse_interfaces(write_interfaces(net), "edited");
  EXPECT_TRUE(back.ok()) << ::testing::PrintToString(back.diagnostics.errors());
  EXPECT_EQ(back.network, net);
  EXPECT_EQ(back.network.find("bond1")->bond->mode, BondMode::k8023ad);
}

TEST(RoundTrip, MergedStanzasKeepTheirAddressesPerFamily) {
  const char* text =
      "iface eno1 inet static\n address 192.0.2.1/24\n"
      "iface eno1 inet6 static\n address 2001:db8::1/64\n"
      "iface eno1 inet static\n address 192.0.2.2/24\n post-up true\n";
  const ParseResult r = parse_interfaces(text, "t");
  ASSERT_TRUE(r.ok());
  const Interface& eno1 = r.network.interfaces.at(0);
  ASSERT_EQ(eno1.stanzas.size(), 2u);
  EXPECT_EQ(eno1.stanzas[0].addresses.size(), 2u);
  EXPECT_EQ(eno1.stanzas[1].addresses.size(), 1u);
  const ParseResult back = parse_interfaces(write_interfaces(r.network), "w");
  EXPECT_EQ(back.network, r.network);
}

}  // namespace
}  // namespace quorate::ifupdown
