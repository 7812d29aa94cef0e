// Research §1.4 and §2.3 through the whole network: echo engines in a World over the
// VirtualNetwork, host A with a two-member Linux bond (BondSelector), the switch side as a plain
// learning switch, a StaticLag or an LacpLag. A's second member (eth1) goes silent (carrier up,
// TX or RX dead) at 20 s. Every loss below is a `drop:<reason>` record of the World's trace.
#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>

#include "tests/network/bond_world.h"

namespace quorate::sim::net::testing {
namespace {

using bond::BondMode;
using bond::LacpRate;

BondWorldSpec spec_for(BondMode mode, LagKind lag, Fault fault) {
  BondWorldSpec s;
  s.bond.mode = mode;
  if (mode != BondMode::k8023ad) s.bond.miimon = Duration::from_ms(100);
  s.bond.bond_ip = bond::IpAddr::v4(10, 0, 0, 1);
  s.lag = lag;
  s.fault = fault;
  return s;
}

[[maybe_unused]] std::string out_of_a(const char* peer) {
  return std::string("A->") + peer;
}
[[maybe_unused]] std::string into_a(const char* peer) {
  return std::string(peer) + "->A";
}
[[maybe_unused]] uint32_t host_of(const char* peer) {
  return static_cast<uint32_t>(peer[0] - 'A' + 1);
}

bool pinned_to_eth1(const char* peer) {
  return layer2_member(1, host_of(peer)) == 1;
}

bool has_event_after(const BondWorldResult& r, bond::BondEventKind kind) {
  for (const bond::BondEvent& e : r.events) {
    if (e.at >= r.fail_at && e.kind == kind) return true;
  }
  return false;
}

void expect_only_reason(const BondWorldResult& r, const std::string& flow, const char* reason) {
  EXPECT_EQ(r.flow(flow).reasons, std::set<std::string>{reason}) << flow;
}

// --- active-backup with miimon: carrier stays up, so the bond never fails over.

BondWorldSpec active_backup(Fault fault, bool dead_is_active) {
  BondWorldSpec s = spec_for(BondMode::kActiveBackup, LagKind::kNone, fault);
  if (dead_is_active) s.bond.primary = bond::MemberId{1};
  return s;
}

TEST(BondNetwork, ActiveBackupSilentTxOnTheActiveMemberIsolatesTheHost) {
  const BondWorldResult r = run_bond_world(active_backup(Fault::kTxDead, true));
  for (const char* p : kPeerNames) {
    EXPECT_TRUE(r.all_lost(out_of_a(p))) << p;  // A's pings and pongs vanish on eth1
    expect_only_reason(r, out_of_a(p), "silent-tx");
    EXPECT_TRUE(r.none_lost(into_a(p))) << p;  // A still hears, but nobody hears A
  }
  EXPECT_FALSE(has_event_after(r, bond::BondEventKind::kActiveChanged));
  EXPECT_FALSE(has_event_after(r, bond::BondEventKind::kMemberDown));
}

TEST(BondNetwork, ActiveBackupSilentRxOnTheActiveMemberIsolatesTheHost) {
  const BondWorldResult r = run_bond_world(active_backup(Fault::kRxDead, true));
  for (const char* p : kPeerNames) {
    EXPECT_TRUE(r.all_lost(into_a(p))) << p;
    expect_only_reason(r, into_a(p), "silent-rx");
    EXPECT_TRUE(r.none_lost(out_of_a(p))) << p;  // A's pings leave; their pongs never return
  }
  EXPECT_FALSE(has_event_after(r, bond::BondEventKind::kActiveChanged));
}

TEST(BondNetwork, ActiveBackupSilentBackupMemberLosesNothing) {
  for (const Fault fault : {Fault::kTxDead, Fault::kRxDead}) {
    const BondWorldResult r = run_bond_world(active_backup(fault, false));
    for (const auto& [name, flow] : r.flows)
      EXPECT_EQ(flow.lost_after, 0) << name;
  }
}

// Carrier loss is what miimon sees: failover within a tick, the gratuitous ARP moves the
// switch's MAC entry to eth0's port at once.
TEST(BondNetwork, ActiveBackupCarrierLossFailsOverWithinAMiimonTick) {
  const BondWorldResult r = run_bond_world(active_backup(Fault::kCarrierDown, true));
  EXPECT_TRUE(has_event_after(r, bond::BondEventKind::kActiveChanged));
  for (const char* p : kPeerNames) {
    EXPECT_LE(r.window(out_of_a(p)), Duration::from_ms(100)) << p;
    EXPECT_LE(r.window(into_a(p)), Duration::from_ms(100)) << p;
    EXPECT_TRUE(r.flow(out_of_a(p)).lost_after == 0 ||
                r.flow(out_of_a(p)).reasons == std::set<std::string>{"carrier"});
  }
}

// The ARP monitor's probes cross the same dead member: missing replies take it down.
TEST(BondNetwork, ActiveBackupArpMonitorFailsOverOnSilentTx) {
  BondWorldSpec s = active_backup(Fault::kTxDead, true);
  s.bond.miimon = Duration::zero();
  s.bond.arp_interval = Duration::from_ms(200);
  s.bond.arp_ip_targets = {bond::IpAddr::v4(10, 0, 0, 2)};
  s.bond.arp_validate = bond::ArpValidate::kAll;
  s.bond.primary_reselect = bond::PrimaryReselect::kFailure;
  const BondWorldResult r = run_bond_world(s);
  EXPECT_TRUE(has_event_after(r, bond::BondEventKind::kActiveChanged));
  for (const char* p : kPeerNames) {
    EXPECT_GT(r.flow(out_of_a(p)).lost_after, 0) << p;
    EXPECT_LT(r.window(out_of_a(p)), Duration::from_s(2)) << p;  // ~ missed_max x 200 ms
  }
  EXPECT_GT(r.control_sent, 0U);
}

// --- balance-xor and balance-rr over a static LAG (the switch hashes with its own layer2).

TEST(BondNetwork, BalanceXorPinsTheLossToFixedPeers) {
  const BondWorldResult tx =
      run_bond_world(spec_for(BondMode::kBalanceXor, LagKind::kStatic, Fault::kTxDead));
  const BondWorldResult rx =
      run_bond_world(spec_for(BondMode::kBalanceXor, LagKind::kStatic, Fault::kRxDead));
  int pinned = 0;
  for (const char* p : kPeerNames) {
    const bool on_eth1 = pinned_to_eth1(p);
    pinned += on_eth1 ? 1 : 0;
    EXPECT_EQ(tx.all_lost(out_of_a(p)), on_eth1) << p;
    EXPECT_EQ(tx.none_lost(out_of_a(p)), !on_eth1) << p;
    EXPECT_TRUE(tx.none_lost(into_a(p))) << p;
    EXPECT_EQ(rx.all_lost(into_a(p)), on_eth1) << p;
    EXPECT_EQ(rx.none_lost(into_a(p)), !on_eth1) << p;
    EXPECT_TRUE(rx.none_lost(out_of_a(p))) << p;
  }
  EXPECT_GT(pinned, 0);  // A reaches some peers and not others: a non-transitive mesh
  EXPECT_LT(pinned, 3);
  EXPECT_TRUE(tx.none_lost("B->C") && tx.none_lost("C->D") && tx.none_lost("B->D"));
}

TEST(BondNetwork, BalanceRrLosesHalfOfEveryFlowOnSilentTx) {
  const BondWorldResult r =
      run_bond_world(spec_for(BondMode::kBalanceRr, LagKind::kStatic, Fault::kTxDead));
  for (const char* p : kPeerNames) {
    const FlowStats& f = r.flow(out_of_a(p));
    EXPECT_NEAR(static_cast<double>(f.lost_after) / f.sent_after, 0.5, 0.05) << p;
    EXPECT_TRUE(r.none_lost(into_a(p))) << p;
  }
  // RX: the switch's own hash pins peers to A's members, as in balance-xor.
  const BondWorldResult rx =
      run_bond_world(spec_for(BondMode::kBalanceRr, LagKind::kStatic, Fault::kRxDead));
  for (const char* p : kPeerNames)
    EXPECT_EQ(rx.all_lost(into_a(p)), pinned_to_eth1(p)) << p;
}

// --- broadcast: every host bonded over two independent switches; one copy always survives.

TEST(BondNetwork, BroadcastLosesNothing) {
  for (const Fault fault : {Fault::kTxDead, Fault::kRxDead}) {
    BondWorldSpec s = spec_for(BondMode::kBroadcast, LagKind::kNone, fault);
    s.two_switches = true;
    const BondWorldResult r = run_bond_world(s);
    for (const auto& [name, flow] : r.flows)
      EXPECT_EQ(flow.lost_after, 0) << name;
  }
}

// --- balance-tlb: unicast buckets spread over both members, RX only on the active one.

TEST(BondNetwork, BalanceTlbSilentTxLosesThePeersWhoseBucketIsOnTheDeadMember) {
  BondWorldSpec s = spec_for(BondMode::kBalanceTlb, LagKind::kNone, Fault::kTxDead);
  const BondWorldResult r = run_bond_world(s);
  int hit = 0;
  for (const char* p : kPeerNames) {
    EXPECT_TRUE(r.none_lost(into_a(p))) << p;  // RX stays on the active member (eth0)
    if (r.none_lost(out_of_a(p))) continue;
    ++hit;
    EXPECT_TRUE(r.all_lost(out_of_a(p))) << p;  // rebalancing by load keeps the bucket there
  }
  EXPECT_GE(hit, 1);
  EXPECT_LT(hit, 3);
  EXPECT_TRUE(has_event_after(r, bond::BondEventKind::kTlbRebalance));
  // RX-dead on the non-active member: nobody sends to it (peers address the bond MAC).
  s.fault = Fault::kRxDead;
  for (const auto& [name, flow] : run_bond_world(s).flows)
    EXPECT_EQ(flow.lost_after, 0) << name;
}

// --- 802.3ad against an LACP LAG (research §2.3).

BondWorldSpec lacp(LacpRate host, LacpRate sw, Fault fault) {
  BondWorldSpec s = spec_for(BondMode::k8023ad, LagKind::kLacp, fault);
  s.bond.lacp_rate = host;
  s.switch_rate = sw;
  if (host == LacpRate::kSlow || sw == LacpRate::kSlow) {
    s.run_for = Duration::from_s(140);
    s.ping_period = Duration::from_ms(100);
  }
  return s;
}

// Every pinned flow in `direction` loses frames only within [lo, hi] after the fault; the rest
// of A's flows lose nothing.
void expect_lacp_window(const BondWorldResult& r, bool out, Duration lo, Duration hi) {
  for (const char* p : kPeerNames) {
    const std::string hit = out ? out_of_a(p) : into_a(p);
    const std::string other = out ? into_a(p) : out_of_a(p);
    EXPECT_TRUE(r.none_lost(other)) << other;
    if (!pinned_to_eth1(p)) {
      EXPECT_TRUE(r.none_lost(hit)) << hit;
      continue;
    }
    EXPECT_GT(r.flow(hit).lost_after, 0) << hit;
    EXPECT_GE(r.window(hit), lo) << hit;
    EXPECT_LE(r.window(hit), hi) << hit;
    ::testing::Test::RecordProperty(hit + "_window_ms", std::to_string(r.window(hit).ms()));
  }
}

// Host TX dead: the switch expires after 2-3 s, defaults 3 s later, and only its Sync=0
// LACPDU makes the (coupled-control, Linux) host stop distributing on eth1: ~5.2 s.
TEST(BondNetwork, Lacp8023adFastBothSidesHostTxDead) {
  expect_lacp_window(run_bond_world(lacp(LacpRate::kFast, LacpRate::kFast, Fault::kTxDead)), true,
                     Duration::from_s(5), Duration::from_ms(6500));
}

// A switch that stops advertising Sync at EXPIRED (some vendors): the ~3 s of the PVE docs.
TEST(BondNetwork, Lacp8023adFastBothSidesSwitchClearingSyncAtExpired) {
  BondWorldSpec s = lacp(LacpRate::kFast, LacpRate::kFast, Fault::kTxDead);
  s.switch_lacp.expired_clears_actor_sync = true;
  expect_lacp_window(run_bond_world(s), true, Duration::from_s(2), Duration::from_ms(3600));
}

// Host RX dead: A expires after 2-3 s and clears Collecting at once; an 802.1AX switch (independent
// control) stops distributing towards it on that, a Linux-like switch only at A's Sync=0.
TEST(BondNetwork, Lacp8023adFastBothSidesHostRxDead) {
  BondWorldSpec s = lacp(LacpRate::kFast, LacpRate::kFast, Fault::kRxDead);
  expect_lacp_window(run_bond_world(s), false, Duration::from_s(2), Duration::from_ms(3600));
  s.switch_lacp = bond::LacpConfig{};  // Linux defaults: coupled control, Linux ordering
  expect_lacp_window(run_bond_world(s), false, Duration::from_s(5), Duration::from_ms(6500));
}

TEST(BondNetwork, Lacp8023adSlowBothSidesTakesSixtyToNinetySeconds) {
  expect_lacp_window(run_bond_world(lacp(LacpRate::kSlow, LacpRate::kSlow, Fault::kTxDead)), true,
                     Duration::from_s(60), Duration::from_ms(96600));
  expect_lacp_window(run_bond_world(lacp(LacpRate::kSlow, LacpRate::kSlow, Fault::kRxDead)), false,
                     Duration::from_s(60), Duration::from_ms(96600));
}

// lacp_rate fast on the host only: the switch still times out after 90 s on a host TX failure;
// the host's own fast timeout catches its RX failure.
TEST(BondNetwork, Lacp8023adFastOnTheHostOnlyIsStillSlowForHostTx) {
  expect_lacp_window(run_bond_world(lacp(LacpRate::kFast, LacpRate::kSlow, Fault::kTxDead)), true,
                     Duration::from_s(60), Duration::from_ms(96600));
  expect_lacp_window(run_bond_world(lacp(LacpRate::kFast, LacpRate::kSlow, Fault::kRxDead)), false,
                     Duration::from_s(2), Duration::from_ms(3600));
}

// After a repair the port rejoins only when an LACPDU crosses again. Both sides reached
// DEFAULTED during the failure: their partner info is the admin default, whose LACP_Timeout bit
// is long (Linux's ad_initialize_port template), so each side transmits every 30 s; the rejoin
// waits for the next such LACPDU (0-30 s), then wait_while (2 s) and a tick or two.
TEST(BondNetwork, Lacp8023adRejoinWaitsForTheNextSlowPeriodicLacpdu) {
  BondWorldSpec s = lacp(LacpRate::kFast, LacpRate::kFast, Fault::kTxDead);
  s.repair_at = Duration::from_s(40);
  s.run_for = Duration::from_s(80);
  bool both_defaulted = false;
  s.probe = [&](Instant t, const BondSelector& b, const LacpLag* lag) {
    if (t != Instant::epoch() + Duration::from_s(40)) return;
    both_defaulted = b.device().lacp()->port(1).rx == bond::LacpRxState::kDefaulted &&
                     lag->system().port(1).rx == bond::LacpRxState::kDefaulted;
  };
  const BondWorldResult r = run_bond_world(s);
  EXPECT_TRUE(both_defaulted);
  std::optional<Instant> rejoined;
  for (const bond::BondEvent& e : r.events) {
    if (e.kind == bond::BondEventKind::kLacpPortDistributing && e.member == bond::MemberId{1} &&
        e.value == 1 && e.at > Instant::epoch() + Duration::from_s(40) && !rejoined) {
      rejoined = e.at;
    }
  }
  ASSERT_TRUE(rejoined.has_value());
  const Duration after = *rejoined - (Instant::epoch() + Duration::from_s(40));
  EXPECT_GE(after, Duration::from_s(2));
  EXPECT_LE(after, Duration::from_ms(32'300));
  ::testing::Test::RecordProperty("rejoin_ms", std::to_string(after.ms()));
  EXPECT_TRUE(r.none_lost("A->C"));
}

TEST(BondNetwork, SameSeedSameTrace) {
  const BondWorldSpec s = lacp(LacpRate::kFast, LacpRate::kFast, Fault::kTxDead);
  EXPECT_EQ(run_bond_world(s).trace_hash, run_bond_world(s).trace_hash);
}

}  // namespace
}  // namespace quorate::sim::net::testing
