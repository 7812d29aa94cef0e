// Research §1.4: a two-member bond whose second member goes silent (carrier up, one direction
// dead). Which flows lose frames, and for how long, must come out of the bond's mechanism.
// Peers: B, C, D. With the layer2 policies used here, host->C and C->host hash onto member 1.
#include <gtest/gtest.h>

#include "tests/network_bond/bond_harness.h"

namespace quorate::bond::testing {
namespace {

constexpr const char* kPeers[] = {"B", "C", "D"};

Scenario base(BondMode mode, SwitchKind sw, Fault fault) {
  Scenario s;
  s.options.mode = mode;
  if (mode != BondMode::k8023ad) s.options.miimon = Duration::from_ms(100);
  s.options.bond_ip = IpAddr::v4(10, 0, 0, 1);
  s.switch_kind = sw;
  s.fault = fault;
  s.run_for = Duration::from_s(60);
  return s;
}

bool lost_to_end(const FlowStats& f, const RunResult& r) {
  return f.last_lost.has_value() && *f.last_lost > r.fail_at + Duration::from_s(39);
}

TEST(SilentFailure, ActiveBackupMiimonNeverFailsOverTxDead) {
  Scenario s = base(BondMode::kActiveBackup, SwitchKind::kLearning, Fault::kTxDead);
  s.options.primary = MemberId{1};  // the failing member is the active one
  const RunResult r = run_scenario(s);
  for (const char* p : kPeers) {
    const FlowStats& out = r.flow(std::string("A->") + p);
    EXPECT_EQ(out.lost_after_fail, out.sent_after_fail) << p;  // the host sends nothing
    EXPECT_EQ(r.flow(std::string(p) + "->A").lost_after_fail, 0) << p;
  }
  for (const BondEvent& e : r.events) {
    EXPECT_FALSE(e.at >= r.fail_at && e.kind == BondEventKind::kActiveChanged);
  }
}

TEST(SilentFailure, ActiveBackupMiimonNeverFailsOverRxDead) {
  Scenario s = base(BondMode::kActiveBackup, SwitchKind::kLearning, Fault::kRxDead);
  s.options.primary = MemberId{1};
  const RunResult r = run_scenario(s);
  for (const char* p : kPeers) {
    const FlowStats& in = r.flow(std::string(p) + "->A");
    EXPECT_EQ(in.lost_after_fail, in.sent_after_fail) << p;  // the host hears nothing
    EXPECT_EQ(r.flow(std::string("A->") + p).lost_after_fail, 0) << p;
  }
}

TEST(SilentFailure, ActiveBackupDeadBackupHasNoEffect) {
  const RunResult r =
      run_scenario(base(BondMode::kActiveBackup, SwitchKind::kLearning, Fault::kTxDead));
  for (const auto& [name, flow] : r.flows)
    EXPECT_EQ(flow.lost_after_fail, 0) << name;
}

Scenario ab_arp(Fault fault, ArpValidate validate) {
  Scenario s = base(BondMode::kActiveBackup, SwitchKind::kLearning, fault);
  s.options.miimon = Duration::zero();
  s.options.arp_interval = Duration::from_ms(200);
  s.options.arp_ip_targets = {IpAddr::v4(10, 0, 0, 2)};
  s.options.arp_validate = validate;
  s.options.bond_ip = IpAddr::v4(10, 0, 0, 1);
  s.options.primary = MemberId{1};
  s.options.primary_reselect = PrimaryReselect::kFailure;
  return s;
}

TEST(SilentFailure, ActiveBackupArpMonitorFailsOverTxDead) {
  const RunResult r = run_scenario(ab_arp(Fault::kTxDead, ArpValidate::kAll));
  for (const char* p : kPeers) {
    const FlowStats& out = r.flow(std::string("A->") + p);
    EXPECT_GT(out.lost_after_fail, 0) << p;
    EXPECT_LT(out.window(), Duration::from_s(2)) << p;  // about missed_max * 200 ms + a probe
  }
}

TEST(SilentFailure, ActiveBackupArpMonitorFailsOverRxDead) {
  const RunResult r = run_scenario(ab_arp(Fault::kRxDead, ArpValidate::kNone));
  for (const char* p : kPeers) {
    EXPECT_LT(r.flow(std::string(p) + "->A").window(), Duration::from_s(2)) << p;
  }
}

// Without validation any received frame counts: peers' traffic arriving on the TX-dead active
// member keeps it "up" forever (bonding.rst's arp_validate warning).
TEST(SilentFailure, ActiveBackupArpWithoutValidateMissesTxDead) {
  const RunResult r = run_scenario(ab_arp(Fault::kTxDead, ArpValidate::kNone));
  EXPECT_TRUE(lost_to_end(r.flow("A->B"), r));
}

TEST(SilentFailure, BalanceXorPinsTheLossToFixedPeers) {
  const RunResult tx =
      run_scenario(base(BondMode::kBalanceXor, SwitchKind::kStaticLag, Fault::kTxDead));
  EXPECT_EQ(tx.flow("A->B").lost_after_fail, 0);
  EXPECT_EQ(tx.flow("A->D").lost_after_fail, 0);
  EXPECT_EQ(tx.flow("A->C").lost_after_fail, tx.flow("A->C").sent_after_fail);
  for (const char* p : kPeers)
    EXPECT_EQ(tx.flow(std::string(p) + "->A").lost_after_fail, 0);
  const RunResult rx =
      run_scenario(base(BondMode::kBalanceXor, SwitchKind::kStaticLag, Fault::kRxDead));
  EXPECT_EQ(rx.flow("C->A").lost_after_fail, rx.flow("C->A").sent_after_fail);
  EXPECT_EQ(rx.flow("B->A").lost_after_fail, 0);
  EXPECT_EQ(rx.flow("D->A").lost_after_fail, 0);
}

TEST(SilentFailure, BroadcastLosesNothing) {
  for (const Fault f : {Fault::kTxDead, Fault::kRxDead}) {
    const RunResult r = run_scenario(base(BondMode::kBroadcast, SwitchKind::kTwoSwitches, f));
    for (const auto& [name, flow] : r.flows)
      EXPECT_EQ(flow.lost_after_fail, 0) << name;
  }
}

TEST(SilentFailure, BalanceRrLosesAboutHalfToEveryPeer) {
  const RunResult r =
      run_scenario(base(BondMode::kBalanceRr, SwitchKind::kStaticLag, Fault::kTxDead));
  for (const char* p : kPeers) {
    const FlowStats& f = r.flow(std::string("A->") + p);
    const double share = static_cast<double>(f.lost_after_fail) / f.sent_after_fail;
    EXPECT_NEAR(share, 0.5, 0.05) << p;
    EXPECT_TRUE(lost_to_end(f, r)) << p;
  }
}

TEST(SilentFailure, BalanceTlbTxDeadLosesSomePeersWithoutHealing) {
  const RunResult r =
      run_scenario(base(BondMode::kBalanceTlb, SwitchKind::kLearning, Fault::kTxDead));
  int peers_hit = 0;
  for (const char* p : kPeers) {
    const FlowStats& f = r.flow(std::string("A->") + p);
    if (f.lost_after_fail > 0) ++peers_hit;
    EXPECT_EQ(r.flow(std::string(p) + "->A").lost_after_fail, 0) << p;  // RX on the active
  }
  EXPECT_GE(peers_hit, 1);
  EXPECT_LT(peers_hit, 3);
}

TEST(SilentFailure, BalanceAlbRxDeadLosesThePeersAssignedToTheMember) {
  const RunResult r =
      run_scenario(base(BondMode::kBalanceAlb, SwitchKind::kLearning, Fault::kRxDead));
  int lost = 0;
  for (const char* p : kPeers) {
    const FlowStats& f = r.flow(std::string(p) + "->A");
    if (f.lost_after_fail == 0) continue;
    ++lost;
    EXPECT_EQ(f.lost_after_fail, f.sent_after_fail) << p;
  }
  EXPECT_EQ(lost, 1);  // three peers assigned round-robin over two members: one on member 1
}

}  // namespace
}  // namespace quorate::bond::testing
