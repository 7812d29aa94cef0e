// The runner on small inline scenarios: behaviour that passes, expectations that must fail when
// the behaviour differs, and determinism.
#include "sim/scenario/runner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>

#include "sim/scenario/scenario_parser.h"

namespace quorate::scenario {
namespace {

Scenario load(const std::string& text) {
  LoadResult r = load_scenario_text(text, "inline.yaml", QUORATE_SOURCE_DIR "/scenarios");
  EXPECT_TRUE(r.ok()) << (r.error ? r.error->format() : "");
  return std::move(*r.scenario);
}

std::string failures(const RunResult& r) {
  std::string text;
  for (const ExpectationOutcome& o : r.outcomes)
    if (!o.passed) text += o.text + ": " + o.reason + "\n";
  return text;
}

// 2 nodes, 2 links (token 3000 ms: ping_timeout 1500 ms, ping_interval 750 ms); link 0 cut at
// 20 s and healed at 40 s.
const std::string kCut =
    "cluster: {nodes: 2, links: 2}\n"
    "duration: 60s\n"
    "events:\n"
    "  - {at: 20s, cut: {link: 0}}\n"
    "  - {at: 40s, heal: {link: 0}}\n";

TEST(ScenarioRunner, LinkCutAndHealFollowTheHeartbeatTimers) {
  const Scenario s = load(kCut +
                          "expect:\n"
                          "  - {at: 19s, link_up: {link: 0}}\n"
                          "  - link_down_at: {link: 0, between: [20.5s, 21.7s]}\n"
                          "  - {at: 39s, link_down: {link: 0}}\n"
                          "  - link_up_at: {link: 0, between: [41.5s, 43s]}\n"
                          "  - {always: {from: 10s}, link_up: {link: 1}}\n"
                          "  - {always: {from: 10s}, reachable: {}}\n");
  const RunResult r = run_scenario(s);
  EXPECT_TRUE(r.passed()) << failures(r);
  EXPECT_EQ(r.outcomes.size(), 6U);
  EXPECT_EQ(r.simulated, Duration::from_s(60));
  EXPECT_EQ(r.repro(), "quorate run inline.yaml --seed 1");
}

TEST(ScenarioRunner, WrongTimingWindowsFailWithTheActualTime) {
  const Scenario s = load(kCut +
                          "expect:\n"
                          "  - link_down_at: {node: pve1, link: 0, between: [20s, 20.4s]}\n"
                          "  - link_down_at: {node: pve1, link: 0, between: [25s, 26s]}\n"
                          "  - link_up_at: {node: pve1, link: 0, between: [40s, 40.5s]}\n");
  const RunResult r = run_scenario(s);
  ASSERT_EQ(r.outcomes.size(), 3U);
  for (const ExpectationOutcome& o : r.outcomes)
    EXPECT_FALSE(o.passed) << o.text;
  EXPECT_NE(r.outcomes[0].reason.find("not by 20.4s: pve1 sees link 0 of pve2 down only at 2"),
            std::string::npos)
      << r.outcomes[0].reason;
  EXPECT_GT(r.outcomes[0].at, Instant::epoch() + Duration::from_ms(20'400));
  // The trace records around the failure time come with it, the link-down itself included.
  ASSERT_FALSE(r.outcomes[0].context.empty());
  EXPECT_LE(r.outcomes[0].context.size(), 6U);
  bool has_down = false;
  for (const std::string& line : r.outcomes[0].context)
    if (line.find(" n1 ") != std::string::npos &&
        line.find("event:link.down host=2 link=0") != std::string::npos)
      has_down = true;
  EXPECT_TRUE(has_down);
  EXPECT_NE(r.outcomes[1].reason.find("too early"), std::string::npos) << r.outcomes[1].reason;
  EXPECT_LT(r.outcomes[1].at, Instant::epoch() + Duration::from_s(25));
  EXPECT_NE(r.outcomes[2].reason.find("not by 40.5s"), std::string::npos) << r.outcomes[2].reason;
  EXPECT_EQ(r.failed_count(), 3);
}

TEST(ScenarioRunner, StateExpectationsFailWhenTheStateDiffers) {
  const Scenario s = load(kCut +
                          "expect:\n"
                          "  - {at: 30s, link_up: {link: 0}}\n"
                          "  - {always: {from: 10s}, link_up: {link: 0}}\n"
                          "  - {by: 30s, unreachable: {}}\n");
  const RunResult r = run_scenario(s);
  ASSERT_EQ(r.outcomes.size(), 3U);
  for (const ExpectationOutcome& o : r.outcomes)
    EXPECT_FALSE(o.passed) << o.text;
  EXPECT_NE(r.outcomes[0].reason.find("at 30s: not true that pve1 sees link 0 of pve2 up (since 2"),
            std::string::npos)
      << r.outcomes[0].reason;
  EXPECT_NE(r.outcomes[1].reason.find("stopped holding at 2"), std::string::npos);
  EXPECT_EQ(r.outcomes[2].text, "by 30s (from 20s): unreachable *->*");
  EXPECT_NE(r.outcomes[2].reason.find("never held in [20s, 30s]"), std::string::npos);
}

TEST(ScenarioRunner, SameSeedSameTraceOtherSeedOtherTrace) {
  const Scenario s = load(
      "cluster: {nodes: 3, links: 2}\nduration: 20s\n"
      "network: {latency: 1ms, jitter: 500us, loss: 1%}\n");
  const RunResult a = run_scenario(s, {7, nullptr});
  const RunResult b = run_scenario(s, {7, nullptr});
  const RunResult c = run_scenario(s, {8, nullptr});
  EXPECT_EQ(a.trace_hash, b.trace_hash);
  EXPECT_EQ(a.trace_records, b.trace_records);
  EXPECT_NE(a.trace_hash, c.trace_hash);
  EXPECT_GT(a.stats.packets_dropped, 0U);
  EXPECT_TRUE(check_scenario_determinism(s, 7).identical());
}

TEST(ScenarioRunner, TraceStreamCarriesTheLinkEvents) {
  const Scenario s = load(kCut);
  std::ostringstream trace;
  const RunResult r = run_scenario(s, {std::nullopt, &trace});
  const std::string text = trace.str();
  EXPECT_NE(text.find("event:link.down host=2 link=0"), std::string::npos);
  EXPECT_NE(text.find("drop:partition"), std::string::npos);
  EXPECT_EQ(static_cast<uint64_t>(std::count(text.begin(), text.end(), '\n')), r.trace_records);
}

TEST(ScenarioRunner, SilentRxTakesTheLinkDownOnBothEnds) {
  const Scenario s = load(
      "cluster: {nodes: 3, links: 2}\nduration: 40s\n"
      "events:\n  - {at: 20s, silent_rx: {node: pve2, link: 1}}\n"
      "expect:\n"
      "  - {by: 24s, link_down: {node: pve2, link: 1}}\n"
      "  - {by: 24s, link_down: {peer: pve2, link: 1}}\n"
      "  - {always: {from: 10s}, link_up: {node: pve1, peer: pve3, link: 1}}\n"
      "  - {always: {from: 10s}, reachable: {}}\n");
  const RunResult r = run_scenario(s);
  EXPECT_TRUE(r.passed()) << failures(r);
}

TEST(ScenarioRunner, PartitionGroupsAndHealAll) {
  const Scenario s = load(
      "cluster: {nodes: 4, links: 1}\nduration: 40s\n"
      "events:\n"
      "  - {at: 10s, partition: [[pve1, pve2], [pve3, pve4]]}\n"
      "  - {at: 25s, heal: all}\n"
      "expect:\n"
      "  - {by: 14s, unreachable: {node: pve1, peer: pve3}}\n"
      "  - {by: 14s, unreachable: {node: pve4, peer: pve2}}\n"
      "  - {always: {from: 5s}, reachable: {node: pve1, peer: pve2}}\n"
      "  - {always: {from: 5s}, reachable: {node: pve3, peer: pve4}}\n"
      "  - {by: 30s, reachable: {}}\n");
  const RunResult r = run_scenario(s);
  EXPECT_TRUE(r.passed()) << failures(r);
}

TEST(ScenarioRunner, HealGroupsOnOneLinkOnly) {
  const Scenario s = load(
      "cluster: {nodes: 3, links: 2}\nduration: 40s\n"
      "events:\n"
      "  - {at: 10s, partition: {groups: [[pve1], [pve2, pve3]], link: 1}}\n"
      "  - {at: 25s, heal: {groups: [[pve1], [pve2, pve3]], link: 1}}\n"
      "expect:\n"
      "  - {by: 14s, link_down: {node: pve1, link: 1}}\n"
      "  - {always: {from: 5s}, link_up: {node: pve2, peer: pve3, link: 1}}\n"
      "  - {always: {from: 5s}, link_up: {link: 0}}\n"
      "  - {by: 30s, link_up: {link: 1}}\n");
  const RunResult r = run_scenario(s);
  EXPECT_TRUE(r.passed()) << failures(r);
}

TEST(ScenarioRunner, NicCarrierFlapAndRepair) {
  const Scenario s = load(
      "cluster: {nodes: 2, links: 2}\nduration: 60s\n"
      "events:\n"
      "  - {at: 10s, carrier_down: {node: pve1, link: 0}}\n"
      "  - {at: 20s, carrier_up: {node: pve1, link: 0}}\n"
      "  - {at: 30s, silent_tx: {node: pve2, link: 1}}\n"
      "  - {at: 40s, repair_nic: {node: pve2, link: 1}}\n"
      "expect:\n"
      "  - {by: 13s, link_down: {link: 0}}\n"
      "  - {by: 25s, link_up: {link: 0}}\n"
      "  - {by: 33s, link_down: {link: 1}}\n"
      "  - {by: 45s, link_up: {link: 1}}\n"
      "  - {always: {from: 5s}, reachable: {}}\n");
  const RunResult r = run_scenario(s);
  EXPECT_TRUE(r.passed()) << failures(r);
}

TEST(ScenarioRunner, CarrierFlapTakesTheLinkDownUntilItStops) {
  const Scenario s = load(
      "cluster: {nodes: 2, links: 2}\nduration: 60s\n"
      "events:\n"
      "  - {at: 10s, flap: {node: pve1, link: 0, until: 30s, period: 5s, down_for: 3s}}\n"
      "expect:\n"
      "  - {by: 13s, link_down: {link: 0}}\n"
      "  - {eventually: {from: 13s, until: 30s}, link_up: {link: 0}}\n"
      "  - {always: {from: 36s}, link_up: {link: 0}}\n"
      "  - {always: {from: 5s}, link_up: {link: 1}}\n");
  const RunResult r = run_scenario(s);
  EXPECT_TRUE(r.passed()) << failures(r);
}

TEST(ScenarioRunner, DelayBeyondThePongTimeoutTakesTheLinkDown) {
  // A pong later than pong_timeout is discarded (knet), so 2 s of one-way delay on pve1's link 0
  // NIC keeps link 0 down from pve1's side; link 1 keeps the host reachable.
  const Scenario s = load(
      "cluster: {nodes: 2, links: 2}\nduration: 60s\n"
      "events:\n"
      "  - {at: 20s, delay: {node: pve1, link: 0, direction: tx, latency: 2s}}\n"
      "expect:\n"
      "  - {by: 25s, link_down: {node: pve1, peer: pve2, link: 0}}\n"
      "  - {always: {from: 30s}, link_down: {node: pve1, peer: pve2, link: 0}}\n"
      "  - {always: {from: 10s}, reachable: {}}\n");
  const RunResult r = run_scenario(s);
  EXPECT_TRUE(r.passed()) << failures(r);
}

TEST(ScenarioRunner, SilentSwitchKeepsCarrierButTakesTheLinkDown) {
  const Scenario s = load(
      "cluster: {nodes: 3, links: 2}\nduration: 40s\n"
      "events:\n  - {at: 20s, switch_silent: {link: 1}}\n"
      "expect:\n"
      "  - {by: 24s, link_down: {link: 1}}\n"
      "  - {always: {from: 10s}, link_up: {link: 0}}\n");
  const RunResult r = run_scenario(s);
  EXPECT_TRUE(r.passed()) << failures(r);
}

TEST(ScenarioRunner, InlineCorosyncConfWithActiveModeAndExplicitPingTimers) {
  const Scenario s = load(
      "cluster:\n"
      "  corosync_conf: |\n"
      "    totem {\n"
      "      version: 2\n"
      "      cluster_name: t\n"
      "      link_mode: active\n"
      "      interface {\n"
      "        linknumber: 0\n"
      "        knet_ping_interval: 200\n"
      "        knet_ping_timeout: 400\n"
      "      }\n"
      "    }\n"
      "    nodelist {\n"
      "      node {\n        nodeid: 10\n        name: alpha\n        ring0_addr: 10.0.0.1\n      "
      "}\n"
      "      node {\n        nodeid: 20\n        name: beta\n        ring0_addr: 10.0.0.2\n      "
      "}\n"
      "    }\n"
      "    quorum {\n      provider: corosync_votequorum\n      two_node: 1\n    }\n"
      "duration: 20s\n"
      "events:\n  - {at: 10s, cut: {between: [alpha, beta]}}\n"
      "expect:\n"
      "  - {at: 9s, reachable: {}}\n"
      "  - unreachable_at: {node: alpha, between: [10.2s, 10.8s]}\n");
  ASSERT_EQ(s.cluster.nodes.size(), 2U);
  EXPECT_EQ(s.cluster.nodes[1].id, NodeId{20});
  EXPECT_EQ(s.cluster.mode, links::LinkMode::kActive);
  EXPECT_EQ(s.cluster.link_options[0]->ping_timeout, Duration::from_ms(400));
  const RunResult r = run_scenario(s);
  EXPECT_TRUE(r.passed()) << failures(r);
}

TEST(ScenarioRunner, CompactFormTimersComeFromTheRuntimeToken) {
  // 5 nodes: runtime token 3000 + 3 * 650 = 4950 ms; ping_timeout 2475 ms, interval 1237 ms.
  const Scenario s = load("cluster: {nodes: 5, links: 1}\n");
  EXPECT_EQ(s.cluster.runtime_token, Duration::from_ms(4950));
  EXPECT_EQ(s.cluster.link_options[0]->ping_timeout, Duration::from_ms(2475));
  EXPECT_EQ(s.cluster.link_options[0]->ping_interval, Duration::from_ms(1237));
  EXPECT_EQ(s.duration, Duration::from_s(60));
  EXPECT_EQ(s.name, "inline");
}

}  // namespace
}  // namespace quorate::scenario
