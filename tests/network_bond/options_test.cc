#include <gtest/gtest.h>

#include <algorithm>

#include "sim/bond/bond_options.h"

namespace quorate::bond {
namespace {

bool has(const std::vector<OptionError>& e, OptionError x) {
  return std::find(e.begin(), e.end(), x) != e.end();
}

TEST(BondOptions, ForcesMiimonForModesWithoutArp) {
  for (const BondMode m : {BondMode::k8023ad, BondMode::kBalanceTlb, BondMode::kBalanceAlb}) {
    BondOptions o;
    o.mode = m;
    EXPECT_TRUE(normalize_options(o, 2).empty());
    EXPECT_EQ(o.miimon, Duration::from_ms(100));
  }
  BondOptions rr;
  EXPECT_TRUE(normalize_options(rr, 2).empty());
  EXPECT_EQ(rr.miimon, Duration::zero());
}

TEST(BondOptions, ArpOnlyInModesThatAllowIt) {
  BondOptions o;
  o.mode = BondMode::k8023ad;
  o.arp_interval = Duration::from_ms(200);
  o.arp_ip_targets = {IpAddr::v4(10, 0, 0, 254)};
  EXPECT_TRUE(has(normalize_options(o, 2), OptionError::kArpInModeWithoutArp));
  o.mode = BondMode::kActiveBackup;
  o.miimon = Duration::zero();  // the first call forced 100 ms for 802.3ad
  EXPECT_TRUE(normalize_options(o, 2).empty());
  o.arp_ip_targets.clear();
  EXPECT_TRUE(has(normalize_options(o, 2), OptionError::kArpIntervalWithoutTarget));
  o.arp_ip_targets = {IpAddr::v4(10, 0, 0, 254)};
  o.miimon = Duration::from_ms(100);
  EXPECT_TRUE(has(normalize_options(o, 2), OptionError::kMiimonAndArp));
}

TEST(BondOptions, DelaysRoundDownToMiimonTicks) {
  BondOptions o;
  o.mode = BondMode::kActiveBackup;
  o.miimon = Duration::from_ms(100);
  o.updelay = Duration::from_ms(250);
  o.downdelay = Duration::from_ms(199);
  EXPECT_TRUE(normalize_options(o, 2).empty());
  EXPECT_EQ(o.updelay, Duration::from_ms(200));
  EXPECT_EQ(o.downdelay, Duration::from_ms(100));
}

TEST(BondOptions, PrimaryOnlyInPrimaryModes) {
  BondOptions o;
  o.mode = BondMode::kBalanceXor;
  o.primary = MemberId{0};
  EXPECT_TRUE(has(normalize_options(o, 2), OptionError::kPrimaryInMode));
  o.mode = BondMode::kActiveBackup;
  o.primary = MemberId{5};
  EXPECT_TRUE(has(normalize_options(o, 2), OptionError::kPrimaryUnknownMember));
}

TEST(BondOptions, ParsesModeNames) {
  EXPECT_EQ(parse_bond_mode("802.3ad"), BondMode::k8023ad);
  EXPECT_EQ(parse_bond_mode("1"), BondMode::kActiveBackup);
  EXPECT_EQ(parse_bond_mode("balance-alb"), BondMode::kBalanceAlb);
  EXPECT_FALSE(parse_bond_mode("lacp").has_value());
  EXPECT_EQ(parse_xmit_hash_policy("layer3+4"), XmitHashPolicy::kLayer34);
}

}  // namespace
}  // namespace quorate::bond
