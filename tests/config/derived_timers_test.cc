// The runtime token and the timers derived from it: the table of the research brief
// (corosync-knet.md §1.5), reproduced exactly.
#include "config/derived_timers.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace quorate::config {
namespace {

std::string cluster(int n, const std::string& totem_extra = "", const std::string& iface = "") {
  std::string f = "totem {\n version: 2\n" + totem_extra + iface + "}\nnodelist {\n";
  for (int i = 1; i <= n; ++i) {
    f += " node {\n  name: n" + std::to_string(i) + "\n  nodeid: " + std::to_string(i) +
         "\n  ring0_addr: 10.0." + std::to_string(i / 256) + "." + std::to_string(i % 256) +
         "\n }\n";
  }
  return f + "}\n";
}

struct Row {
  int n;
  uint32_t token, retransmit, hold, consensus, warning, ping_timeout, ping_interval;
};

TEST(DerivedTimers, ResearchTable) {
  const Row rows[] = {
      {2, 3000, 714, 561, 3600, 2250, 1500, 750},
      {3, 3650, 869, 685, 4380, 2737, 1825, 912},
      {4, 4300, 1023, 808, 5160, 3225, 2150, 1075},
      {5, 4950, 1178, 932, 5940, 3712, 2475, 1237},
      {8, 6900, 1642, 1303, 8280, 5175, 3450, 1725},
      {16, 12100, 2880, 2294, 14520, 9075, 6050, 3025},
      {32, 22500, 5357, 4275, 27000, 16875, 11250, 5625},
  };
  for (const Row& r : rows) {
    LoadedConfig l = testing::load(cluster(r.n));
    ASSERT_TRUE(l.parsed_ok());
    DerivedTimers d = derive_timers(l.config);
    SCOPED_TRACE("N=" + std::to_string(r.n));
    EXPECT_EQ(d.ring0_members, r.n);
    EXPECT_EQ(d.token_ms.value, r.token);
    EXPECT_EQ(d.token_retransmit_ms.value, r.retransmit);
    EXPECT_EQ(d.hold_ms.value, r.hold);
    EXPECT_EQ(d.consensus_ms.value, r.consensus);
    EXPECT_EQ(d.token_warning_ms.value, r.warning);
    ASSERT_EQ(d.links.size(), 1u);
    EXPECT_EQ(d.links.at(0).ping_timeout_ms.value, r.ping_timeout);
    EXPECT_EQ(d.links.at(0).ping_interval_ms.value, r.ping_interval);
    EXPECT_EQ(d.token_ms.value + d.consensus_ms.value, r.token + r.consensus);
    EXPECT_EQ(d.token(), Duration::from_ms(r.token));
    EXPECT_EQ(d.links.at(0).ping_interval(), Duration::from_ms(r.ping_interval));
  }
}

TEST(DerivedTimers, Formulas) {
  EXPECT_EQ(runtime_token_ms(3000, 650, 0), 3000u);
  EXPECT_EQ(runtime_token_ms(3000, 650, 2), 3000u);
  EXPECT_EQ(runtime_token_ms(1000, 0, 10), 1000u);
  EXPECT_EQ(formula_token_retransmit_ms(1000, 4), 238u);  // the man page's old default
  EXPECT_EQ(formula_hold_ms(238), 180u);
  EXPECT_EQ(formula_consensus_ms(1000), 1200u);
  EXPECT_EQ(formula_token_warning_ms(3650, 75), 2737u);
}

TEST(DerivedTimers, ExplicitValuesWin) {
  DerivedTimers d = derive_timers(
      testing::load(cluster(3, " token_retransmit: 500\n hold: 300\n consensus: 9000\n")).config);
  EXPECT_EQ(d.token_ms.value, 3650u);
  EXPECT_EQ(d.token_retransmit_ms.value, 500u);
  EXPECT_TRUE(d.token_retransmit_ms.is_set());
  EXPECT_EQ(d.hold_ms.value, 300u);
  EXPECT_EQ(d.consensus_ms.value, 9000u);
  // Hold derives from the explicit retransmit when only that is set.
  DerivedTimers d2 = derive_timers(testing::load(cluster(3, " token_retransmit: 500\n")).config);
  EXPECT_EQ(d2.hold_ms.value, 390u);
  EXPECT_EQ(d2.hold_ms.origin, ValueSource::kDerived);
}

TEST(DerivedTimers, TokenCoefficientAndZeroMeansDefault) {
  DerivedTimers d =
      derive_timers(testing::load(cluster(5, " token: 1000\n token_coefficient: 100\n")).config);
  EXPECT_EQ(d.token_ms.value, 1300u);
  DerivedTimers z = derive_timers(testing::load(cluster(2, " token: 0\n")).config);
  EXPECT_EQ(z.token_ms.value, 3000u);
}

TEST(DerivedTimers, PingTimersPerInterface) {
  // Only one of interval/timeout set: the other still derives from the token.
  DerivedTimers d = derive_timers(
      testing::load(
          cluster(3, "", " interface {\n  linknumber: 0\n  knet_ping_interval: 200\n }\n"))
          .config);
  EXPECT_EQ(d.links.at(0).ping_interval_ms.value, 200u);
  EXPECT_TRUE(d.links.at(0).ping_interval_ms.is_set());
  EXPECT_EQ(d.links.at(0).ping_timeout_ms.value, 1825u);
  DerivedTimers p = derive_timers(
      testing::load(cluster(3, "", " interface {\n  knet_pong_count: 5\n  mcastport: 6000\n }\n"))
          .config);
  EXPECT_EQ(p.links.at(0).ping_timeout_ms.value, 730u);
  EXPECT_EQ(p.links.at(0).ping_interval_ms.value, 365u);
  EXPECT_EQ(p.links.at(0).port.value, 6000u);
}

TEST(DerivedTimers, DefaultPortPerLink) {
  std::string f =
      "totem {\n version: 2\n}\nnodelist {\n node {\n  name: a\n  nodeid: 1\n  ring0_addr: "
      "10.0.0.1\n"
      "  ring3_addr: 10.3.0.1\n }\n}\n";
  DerivedTimers d = derive_timers(testing::load(f).config);
  ASSERT_EQ(d.links.size(), 2u);
  EXPECT_EQ(d.links.at(0).port.value, 5405u);
  EXPECT_EQ(d.links.at(3).port.value, 5408u);
}

}  // namespace
}  // namespace quorate::config
