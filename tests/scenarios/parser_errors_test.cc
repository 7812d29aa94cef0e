// Every parser error: bad input gives one clear "FILE:LINE:COL: message" and no scenario.
#include <gtest/gtest.h>

#include <string>

#include "sim/scenario/scenario_parser.h"

namespace quorate::scenario {
namespace {

const std::string kScenarioDir = QUORATE_SOURCE_DIR "/scenarios";

std::string error_of(const std::string& text) {
  const LoadResult r = load_scenario_text(text, "s.yaml", kScenarioDir);
  EXPECT_FALSE(r.ok());
  return r.error ? r.error->format() : "<no error>";
}

// A valid prefix: 3 nodes, 2 links, 60 s.
const std::string kHead = "cluster: {nodes: 3, links: 2}\nduration: 60s\n";

TEST(ScenarioParserErrors, Yaml) {
  EXPECT_EQ(error_of("cluster: [1, 2\nduration: 3s\n"),
            "s.yaml:2:9: YAML: end of sequence flow not found");
  EXPECT_EQ(error_of(""), "s.yaml: the file is empty");
  EXPECT_EQ(error_of("- a\n- b\n"),
            "s.yaml:1:1: the scenario must be a mapping (key: value), not a list");
}

TEST(ScenarioParserErrors, TopLevelKeys) {
  EXPECT_EQ(error_of(kHead + "expekt: []\n"),
            "s.yaml:3:1: unknown key 'expekt' in the scenario (expected name, description, seed, "
            "duration, cluster, network, events or expect)");
  EXPECT_EQ(error_of(kHead + "duration: 30s\n"),
            "s.yaml:3:1: duplicate key 'duration' in the scenario");
  EXPECT_EQ(error_of("duration: 60s\n"), "s.yaml:1:1: missing key 'cluster' in the scenario");
  EXPECT_EQ(error_of("cluster: {nodes: 3}\nduration: 30\n"),
            "s.yaml:2:11: duration '30' is not a duration (a number and a unit: 30s, 1500ms, 2m, "
            "0.1ms, 250us)");
  EXPECT_EQ(error_of("cluster: {nodes: 3}\nduration: 0\n"),
            "s.yaml:2:11: duration must be longer than 0");
  EXPECT_EQ(error_of("cluster: {nodes: 3}\nseed: -4\n"),
            "s.yaml:2:7: seed must be an integer in 0..9223372036854775807, not '-4'");
  EXPECT_EQ(error_of("cluster: {nodes: 3}\nname: [a]\n"),
            "s.yaml:2:7: name must be a single value, not a list");
}

TEST(ScenarioParserErrors, Cluster) {
  EXPECT_EQ(error_of("cluster: {nodes: 0}\n"),
            "s.yaml:1:18: nodes must be an integer in 1..128, not '0'");
  EXPECT_EQ(error_of("cluster: {nodes: three}\n"),
            "s.yaml:1:18: nodes must be an integer in 1..128, not 'three'");
  EXPECT_EQ(error_of("cluster: {nodes: 3, links: 9}\n"),
            "s.yaml:1:28: links must be an integer in 1..8, not '9'");
  EXPECT_EQ(error_of("cluster: {nodes: 3, token: 1.5ms}\n"),
            "s.yaml:1:28: token must be a whole number of milliseconds, not 1.5ms");
  EXPECT_EQ(error_of("cluster: {nodes: 3, link_mode: fast}\n"),
            "s.yaml:1:32: link_mode must be passive, active or rr, not 'fast'");
  EXPECT_EQ(error_of("cluster: {nodez: 3}\n"),
            "s.yaml:1:11: unknown key 'nodez' in cluster (expected nodes, links, token, link_mode, "
            "corosync_conf or key)");
  EXPECT_EQ(error_of("cluster: {links: 2}\n"),
            "s.yaml:1:10: cluster needs 'nodes' (compact form) or 'corosync_conf'");
  EXPECT_EQ(error_of("cluster: {nodes: 3, corosync_conf: x.conf}\n"),
            "s.yaml:1:10: cluster: give either corosync_conf or the compact form (nodes, links, "
            "token, link_mode), not both");
  EXPECT_EQ(error_of("cluster: {corosync_conf: missing.conf}\n"),
            "s.yaml:1:26: cannot read corosync.conf '" + kScenarioDir + "/missing.conf'");
  EXPECT_EQ(error_of("cluster: {nodes: 3, key: missing.key}\n"),
            "s.yaml:1:26: cannot read key file '" + kScenarioDir + "/missing.key'");
  EXPECT_EQ(error_of("cluster: {corosync_conf: corosync/two-node.conf, key: x}\n"),
            "s.yaml:1:55: key given, but the corosync.conf has no crypto (crypto_cipher none)");
}

TEST(ScenarioParserErrors, InlineCorosyncConfPointsIntoTheScenario) {
  const std::string text =
      "cluster:\n"
      "  corosync_conf: |\n"
      "    totem {\n"
      "      version: 2\n"
      "      token: fast\n"
      "    }\n";
  const std::string error = error_of(text);
  EXPECT_EQ(error.rfind("s.yaml:5: invalid corosync.conf: ", 0), 0U) << error;
}

TEST(ScenarioParserErrors, Events) {
  EXPECT_EQ(error_of(kHead + "events:\n  - at: 30s\n    slient_tx: {node: pve1, link: 0}\n"),
            "s.yaml:5:5: unknown key 'slient_tx' in event (expected at, silent_tx, silent_rx, "
            "carrier_down, carrier_up, repair_nic, flap, loss, delay, cut, heal, partition, "
            "switch_down, switch_silent, switch_up, stop or start)");
  EXPECT_EQ(error_of(kHead + "events:\n  - at: 30s\n"),
            "s.yaml:4:5: event at 30s has no action (silent_tx, silent_rx, carrier_down, "
            "carrier_up, repair_nic, flap, loss, delay, cut, heal, partition, switch_down, "
            "switch_silent, switch_up, stop or start)");
  EXPECT_EQ(error_of(kHead + "events:\n  - {at: 30s, stop: pve1, start: pve2}\n"),
            "s.yaml:4:5: an event has one action, this one has 'stop' and 'start'");
  EXPECT_EQ(error_of(kHead + "events:\n  - {stop: pve1}\n"),
            "s.yaml:4:5: missing key 'at' in event");
  EXPECT_EQ(error_of(kHead + "events:\n  - {at: 61s, stop: pve1}\n"),
            "s.yaml:4:10: at 61s is beyond the scenario's duration 60s");
  EXPECT_EQ(error_of(kHead + "events:\n  - {at: 30s, stop: pve1}\n  - {at: 20s, start: pve1}\n"),
            "s.yaml:5:5: event at 20s is in the past: the previous event is at 30s (list events "
            "in time order)");
  EXPECT_EQ(error_of(kHead + "events:\n  - {at: 30s, stop: pve9}\n"),
            "s.yaml:4:21: unknown node 'pve9' (nodes: pve1, pve2, pve3)");
  EXPECT_EQ(error_of(kHead + "events:\n  - {at: 30s, silent_tx: {node: pve1, link: 2}}\n"),
            "s.yaml:4:45: link 2 is not configured (links: 0, 1)");
  EXPECT_EQ(error_of(kHead + "events:\n  - {at: 30s, silent_tx: {node: pve1}}\n"),
            "s.yaml:4:26: missing key 'link' in silent_tx");
  EXPECT_EQ(error_of(kHead + "events:\n  - {at: 30s, stop:}\n"),
            "s.yaml:4:15: key 'stop' has no value");
  EXPECT_EQ(error_of(kHead + "events:\n  - {at: 30s, cut: {between: [pve1, pve1]}}\n"),
            "s.yaml:4:20: cut: a node cannot be cut from itself");
  EXPECT_EQ(error_of(kHead + "events:\n  - {at: 30s, cut: {}}\n"),
            "s.yaml:4:20: cut needs from/to, between or link");
  EXPECT_EQ(error_of(kHead + "events:\n  - {at: 30s, partition: [[pve1], [pve1, pve2]]}\n"),
            "s.yaml:4:36: node 'pve1' is in two partition groups");
  EXPECT_EQ(error_of(kHead + "events:\n  - {at: 30s, loss: {link: 0, probability: 2}}\n"),
            "s.yaml:4:44: probability '2' is not a probability (a number in [0, 1] or a "
            "percentage: 0.3, 30%)");
  EXPECT_EQ(
      error_of(kHead + "events:\n  - {at: 30s, delay: {link: 0, direction: tx, latency: 1ms}}\n"),
      "s.yaml:4:43: direction needs a node (a whole network is impaired end to end)");
  EXPECT_EQ(error_of(kHead + "events:\n  - {at: 30s, flap: {node: pve1, link: 0, until: 20s, "
                             "period: 2s, down_for: 1s}}\n"),
            "s.yaml:4:50: flap: until must be after the event's time");
  EXPECT_EQ(error_of(kHead + "events: {at: 3s}\n"),
            "s.yaml:3:9: events must be a list of {at: TIME, ACTION: ...}");
}

TEST(ScenarioParserErrors, Network) {
  EXPECT_EQ(error_of(kHead + "network: {latency: fast}\n"),
            "s.yaml:3:20: latency 'fast' is not a duration (a number and a unit: 30s, 1500ms, 2m, "
            "0.1ms, 250us)");
  EXPECT_EQ(error_of(kHead + "network: {link5: {latency: 1ms}}\n"),
            "s.yaml:3:18: link5: link 5 is not configured (links: 0, 1)");
  EXPECT_EQ(error_of(kHead + "network: {bandwidth: 1}\n"),
            "s.yaml:3:11: unknown key 'bandwidth' in network (expected latency, jitter, loss, "
            "link0, link1, link2, link3, link4, link5, link6 or link7)");
}

TEST(ScenarioParserErrors, Expectations) {
  EXPECT_EQ(error_of(kHead + "expect:\n  - link_up: {link: 0}\n"),
            "s.yaml:4:5: an expectation needs exactly one of at, by, always, eventually (or a "
            "<predicate>_at form)");
  EXPECT_EQ(error_of(kHead + "expect:\n  - {at: 3s, by: 4s, link_up: {link: 0}}\n"),
            "s.yaml:4:5: an expectation needs exactly one of at, by, always, eventually (or a "
            "<predicate>_at form)");
  EXPECT_EQ(error_of(kHead + "expect:\n  - {at: 3s}\n"),
            "s.yaml:4:5: an expectation checks exactly one predicate, this one has 0");
  EXPECT_EQ(error_of(kHead + "expect:\n  - {at: 3s, link_upp: {link: 0}}\n").substr(0, 46),
            "s.yaml:4:14: unknown key 'link_upp' in expecta");
  EXPECT_EQ(error_of(kHead + "expect:\n  - {at: 3s, link_up: {node: pve1, peer: pve1, link: 0}}\n"),
            "s.yaml:4:42: link_up: node and peer are the same");
  EXPECT_EQ(error_of(kHead + "expect:\n  - {at: 3s, link_up: {node: pve1}}\n"),
            "s.yaml:4:23: missing key 'link' in link_up");
  EXPECT_EQ(error_of(kHead + "expect:\n  - {at: 3s, reachable: {link: 0}}\n"),
            "s.yaml:4:26: unknown key 'link' in reachable (expected node or peer)");
  EXPECT_EQ(error_of(kHead + "expect:\n  - {at: 90s, reachable: {}}\n"),
            "s.yaml:4:10: at 90s is beyond the scenario's duration 60s");
  EXPECT_EQ(error_of(kHead + "expect:\n  - {always: {from: 30s, until: 20s}, reachable: {}}\n"),
            "s.yaml:4:14: window: from is after until");
  EXPECT_EQ(error_of(kHead + "expect:\n  - {at: 3s, from: 1s, reachable: {}}\n"),
            "s.yaml:4:20: 'from' goes with 'by' only");
  EXPECT_EQ(error_of(kHead + "expect:\n  - link_down_at: {link: 0}\n"),
            "s.yaml:4:19: missing key 'between' in link_down_at");
  EXPECT_EQ(error_of(kHead + "expect:\n  - link_down_at: {link: 0, between: [3s]}\n"),
            "s.yaml:4:38: between must be a list of 2 items, not a list");
  EXPECT_EQ(error_of(kHead + "expect:\n  - link_down_at: {link: 0, between: [3s, 2s]}\n"),
            "s.yaml:4:38: between: the first time is after the second");
  EXPECT_EQ(error_of(kHead + "expect:\n  - {at: 3s, link_down_at: {link: 0, between: [1s, 2s]}}\n"),
            "s.yaml:4:5: 'link_down_at' stands alone: its 'between' already says when");
}

}  // namespace
}  // namespace quorate::scenario
