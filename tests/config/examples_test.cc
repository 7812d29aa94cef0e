// The bundled examples in scenarios/corosync/.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/config_show.h"
#include "config/derived_timers.h"
#include "engine/check.h"
#include "test_util.h"

namespace quorate::config {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

const char* const kExamples[] = {"pve-3node.conf", "pve-3node-ring1.conf", "two-node.conf",
                                 "five-node.conf", "eight-node-nocrypto.conf"};

LoadedConfig load_example(const std::string& name) {
  std::string path = std::string(QUORATE_SOURCE_DIR) + "/scenarios/corosync/" + name;
  std::string error;
  std::optional<LoadedConfig> l = load_config_file(path, &error);
  QUORATE_CHECK_MSG(l.has_value(), error.c_str());
  return std::move(*l);
}

TEST(Examples, AllValidOnAnyHostWithAKey) {
  testing::FakeHost host;
  host.files["/etc/corosync/authkey"] = 256;
  for (const char* name : kExamples) {
    LoadedConfig l = load_example(name);
    ASSERT_TRUE(l.parsed_ok()) << name;
    Diagnostics ds = check_loaded(l, CheckOptions{true, true, &host});
    EXPECT_THAT(testing::lines_of(ds), IsEmpty()) << name;
    EXPECT_EQ(l.parsed.tree.nodes.front().kind, ConfNode::Kind::kComment) << name;
  }
}

TEST(Examples, Proxmox3Node) {
  LoadedConfig l = load_example("pve-3node.conf");
  const CorosyncConfig& c = l.config;
  EXPECT_EQ(c.totem.cluster_name.value, "pve");
  EXPECT_EQ(c.totem.config_version.value, 3u);
  ASSERT_EQ(c.nodes.size(), 3u);
  EXPECT_EQ(c.nodes[0].name.value, "uno");
  EXPECT_EQ(c.nodes[1].name.value, "due");
  EXPECT_EQ(c.nodes[2].name.value, "tre");
  EXPECT_EQ(c.nodes[2].id(), NodeId{3});
  DerivedTimers d = derive_timers(c);
  EXPECT_EQ(d.token_ms.value, 3650u);
  EXPECT_EQ(d.consensus_ms.value, 4380u);
  EXPECT_EQ(d.token_retransmit_ms.value, 869u);
  EXPECT_EQ(d.hold_ms.value, 685u);
  EXPECT_EQ(d.links.at(0).ping_interval_ms.value, 912u);
  EXPECT_EQ(d.links.at(0).ping_timeout_ms.value, 1825u);
  std::string show = render_show(c);
  for (const char* line :
       {"\ntoken: 3650 ", "\nconsensus: 4380 ", "\ntoken_retransmit: 869 ", "\nhold: 685 ",
        "\nknet_ping_interval: 912 ", "\nknet_ping_timeout: 1825 "}) {
    EXPECT_THAT(show, HasSubstr(line));
  }
  EXPECT_THAT(show, HasSubstr("cluster_name: pve                # set (line"));
  EXPECT_THAT(show, HasSubstr("join: 50                         # default"));
}

TEST(Examples, Proxmox3NodeRing1) {
  LoadedConfig l = load_example("pve-3node-ring1.conf");
  EXPECT_EQ(l.config.totem.config_version.value, 4u);
  DerivedTimers d = derive_timers(l.config);
  ASSERT_EQ(d.links.size(), 2u);
  EXPECT_EQ(d.token_ms.value, 3650u);
  EXPECT_EQ(d.links.at(1).port.value, 5406u);
  EXPECT_EQ(d.links.at(0).priority.value, 20u);
  EXPECT_EQ(d.links.at(1).priority.value, 10u);
  for (const NodeConfig& n : l.config.nodes)
    EXPECT_NE(n.ring(1), nullptr);
}

TEST(Examples, OtherSizes) {
  EXPECT_EQ(derive_timers(load_example("two-node.conf").config).token_ms.value, 3000u);
  EXPECT_EQ(load_example("two-node.conf").config.quorum.two_node.value, 1u);
  EXPECT_EQ(derive_timers(load_example("five-node.conf").config).token_ms.value, 4950u);
  LoadedConfig eight = load_example("eight-node-nocrypto.conf");
  EXPECT_FALSE(eight.config.totem.crypto_enabled());
  EXPECT_EQ(derive_timers(eight.config).consensus_ms.value, 8280u);
}

}  // namespace
}  // namespace quorate::config
