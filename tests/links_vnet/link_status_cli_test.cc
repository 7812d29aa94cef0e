// `quorate run FILE --link-status`: after the run, every node's link status table (the
// LinkLayer's status text, like `corosync-cfgtool -n`) shows each peer's links as the run left
// them: both connected on a healthy network, a cut link disconnected and the other connected.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>

#include "tests/support/quorate_cli.h"

namespace {

using Output = quorate::test::CliOutput;
using quorate::test::write_temp;

Output run(const std::string& args) {
  return quorate::test::run_quorate(args);
}

// (node, peer, link) -> the link line's state words ("enabled connected", ...), and
// (node, peer) -> "reachable"/"unreachable", read off the tables.
struct Tables {
  std::map<std::tuple<int, int, int>, std::string> links;
  std::map<std::pair<int, int>, std::string> peers;
};

Tables parse(const std::string& text) {
  Tables tables;
  std::istringstream in(text);
  std::string line;
  int node = 0;
  int peer = 0;
  while (std::getline(in, line)) {
    int value = 0;
    char word[32] = {};
    char state[32] = {};
    if (std::sscanf(line.c_str(), "== link status of node %d", &value) == 1) {
      node = value;
      peer = 0;
    } else if (node != 0 && std::sscanf(line.c_str(), "nodeid: %d %31s", &value, word) == 2) {
      peer = value;
      tables.peers[{node, peer}] = word;
    } else if (peer != 0 &&
               std::sscanf(line.c_str(), " LINK: %d %31s %31s", &value, word, state) == 3) {
      tables.links[{node, peer, value}] = std::string(word) + " " + state;
    }
  }
  return tables;
}

const char* kHealthy =
    "name: healthy\ncluster: {nodes: 3, links: 2}\nduration: 20s\n"
    "expect:\n  - at: 15s\n    link_up: {link: 1}\n";
const char* kCut =
    "name: cut\ncluster: {nodes: 3, links: 2}\nduration: 20s\n"
    "events:\n  - {at: 10s, cut: {link: 0}}\n"
    "expect:\n  - at: 15s\n    link_up: {link: 1}\n";

TEST(LinkStatusCli, HealthyRunShowsBothLinksConnectedForEveryPeer) {
  const Output out = run("run " + write_temp("healthy.yaml", kHealthy) + " --link-status");
  ASSERT_EQ(out.code, 0) << out.text;
  const Tables t = parse(out.text);
  EXPECT_EQ(t.peers.size(), 6U) << out.text;
  EXPECT_EQ(t.links.size(), 12U) << out.text;
  for (int node = 1; node <= 3; ++node) {
    for (int peer = 1; peer <= 3; ++peer) {
      if (peer == node) continue;
      EXPECT_EQ(t.peers.at({node, peer}), "reachable");
      for (int link = 0; link < 2; ++link)
        EXPECT_EQ(t.links.at({node, peer, link}), "enabled connected")
            << node << " " << peer << " " << link;
    }
  }
}

TEST(LinkStatusCli, CutLinkShowsDisconnectedAndTheOtherConnected) {
  const Output out = run("run " + write_temp("cut.yaml", kCut) + " --link-status");
  ASSERT_EQ(out.code, 0) << out.text;
  const Tables t = parse(out.text);
  EXPECT_EQ(t.links.size(), 12U) << out.text;
  for (int node = 1; node <= 3; ++node) {
    for (int peer = 1; peer <= 3; ++peer) {
      if (peer == node) continue;
      EXPECT_EQ(t.peers.at({node, peer}), "reachable");
      EXPECT_EQ(t.links.at({node, peer, 0}), "enabled disconnected") << node << " " << peer;
      EXPECT_EQ(t.links.at({node, peer, 1}), "enabled connected") << node << " " << peer;
    }
  }
}

TEST(LinkStatusCli, WithoutTheFlagNoTableIsPrinted) {
  const Output out = run("run " + write_temp("healthy2.yaml", kHealthy));
  ASSERT_EQ(out.code, 0) << out.text;
  EXPECT_EQ(out.text.find("link status of node"), std::string::npos) << out.text;
  EXPECT_TRUE(parse(out.text).links.empty());
}

}  // namespace
