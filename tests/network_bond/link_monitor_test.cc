// miimon with updelay/downdelay, and primary / primary_reselect, on a BondDevice driven directly.
#include <gtest/gtest.h>

#include "sim/bond/bond_device.h"
#include "tests/network_bond/bond_harness.h"

namespace quorate::bond {
namespace {

using testing::kBondMac;
using testing::two_members;

Instant ms(int64_t v) {
  return Instant::epoch() + Duration::from_ms(v);
}

// Runs the bond's timers up to `t` and returns the instant of the first event of `kind`.
std::optional<Instant> advance(BondDevice& bond, Instant t, BondEventKind kind) {
  std::optional<Instant> seen;
  BondOutputs out;
  while (bond.wake_at() <= t) {
    bond.on_timer(bond.wake_at(), out);
    for (const BondEvent& e : out.events) {
      if (e.kind == kind && !seen.has_value()) seen = e.at;
    }
    out.clear();
  }
  return seen;
}

TEST(MiiMonitor, DowndelayAndUpdelayCountFromTheFirstTickThatSeesTheCarrier) {
  BondOptions o;
  o.mode = BondMode::kBalanceXor;
  o.miimon = Duration::from_ms(100);
  o.downdelay = Duration::from_ms(300);
  o.updelay = Duration::from_ms(500);
  BondDevice bond(o, kBondMac, two_members(), Instant::epoch(), 1);
  advance(bond, ms(1000), BondEventKind::kMemberDown);
  advance(bond, ms(1050), BondEventKind::kMemberDown);
  bond.on_carrier(MemberId{1}, false, ms(1050));
  // First tick seeing no carrier: 1100; down 300 ms later.
  EXPECT_EQ(advance(bond, ms(2000), BondEventKind::kMemberDown), ms(1400));
  bond.on_carrier(MemberId{1}, true, ms(2050));
  EXPECT_EQ(advance(bond, ms(3000), BondEventKind::kMemberUp), ms(2600));
}

TEST(MiiMonitor, SilentFailureIsInvisible) {
  BondOptions o;
  o.mode = BondMode::kActiveBackup;
  o.miimon = Duration::from_ms(100);
  BondDevice bond(o, kBondMac, two_members(), Instant::epoch(), 1);
  EXPECT_FALSE(advance(bond, ms(60000), BondEventKind::kMemberDown).has_value());
  EXPECT_EQ(bond.active_member(), MemberId{0});
}

struct ReselectCase {
  PrimaryReselect reselect;
  uint32_t primary_speed;
  uint8_t expected_after_return;
};

class PrimaryReselectTest : public ::testing::TestWithParam<ReselectCase> {};

TEST_P(PrimaryReselectTest, PrimaryReturns) {
  BondOptions o;
  o.mode = BondMode::kActiveBackup;
  o.miimon = Duration::from_ms(100);
  o.primary = MemberId{0};
  o.primary_reselect = GetParam().reselect;
  std::vector<MemberConfig> members = two_members();
  members[0].speed_mbps = GetParam().primary_speed;
  BondDevice bond(o, kBondMac, members, Instant::epoch(), 1);
  EXPECT_EQ(bond.active_member(), MemberId{0});
  advance(bond, ms(1000), BondEventKind::kActiveChanged);
  bond.on_carrier(MemberId{0}, false, ms(1000));
  advance(bond, ms(1500), BondEventKind::kActiveChanged);
  EXPECT_EQ(bond.active_member(), MemberId{1});
  advance(bond, ms(2000), BondEventKind::kActiveChanged);
  bond.on_carrier(MemberId{0}, true, ms(2000));
  advance(bond, ms(2500), BondEventKind::kActiveChanged);
  EXPECT_EQ(bond.active_member(), MemberId{GetParam().expected_after_return});
}

INSTANTIATE_TEST_SUITE_P(Modes, PrimaryReselectTest,
                         ::testing::Values(ReselectCase{PrimaryReselect::kAlways, 1000, 0},
                                           ReselectCase{PrimaryReselect::kFailure, 1000, 1},
                                           ReselectCase{PrimaryReselect::kBetter, 1000, 1},
                                           ReselectCase{PrimaryReselect::kBetter, 10000, 0}));

TEST(ActiveBackup, InactiveMemberDropsReceive) {
  BondOptions o;
  o.mode = BondMode::kActiveBackup;
  o.miimon = Duration::from_ms(100);
  BondDevice bond(o, kBondMac, two_members(), Instant::epoch(), 1);
  FrameMeta f;
  EXPECT_EQ(bond.accept_rx(MemberId{0}, f, ms(1)), RxVerdict::kDeliver);
  EXPECT_EQ(bond.accept_rx(MemberId{1}, f, ms(1)), RxVerdict::kInactiveMember);
}

TEST(BalanceRr, AlternatesAndSkipsDownMembers) {
  BondOptions o;
  o.mode = BondMode::kBalanceRr;
  o.miimon = Duration::from_ms(100);
  BondDevice bond(o, kBondMac, two_members(), Instant::epoch(), 1);
  BondOutputs out;
  FrameMeta f;
  EXPECT_EQ(bond.select_tx(f, ms(1), out).members.front(), MemberId{1});
  EXPECT_EQ(bond.select_tx(f, ms(1), out).members.front(), MemberId{0});
  bond.on_carrier(MemberId{1}, false, ms(10));
  advance(bond, ms(200), BondEventKind::kMemberDown);
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(bond.select_tx(f, ms(300), out).members.front(), MemberId{0});
}

}  // namespace
}  // namespace quorate::bond
