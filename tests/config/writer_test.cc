// Writer round trips and edits.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "config/conf_writer.h"
#include "config/derived_timers.h"
#include "test_util.h"

namespace quorate::config {
namespace {

// Typed configurations are equal when everything show prints is equal.
std::string typed_fingerprint(const CorosyncConfig& c);

void expect_round_trip(const std::string& text, const std::string& what) {
  LoadedConfig a = testing::load(text);
  ASSERT_TRUE(a.parsed_ok()) << what;
  std::string written = write_conf(a.parsed.tree);
  LoadedConfig b = testing::load(written);
  ASSERT_TRUE(b.parsed_ok()) << what << "\n" << written;
  EXPECT_TRUE(same_content(a.parsed.tree, b.parsed.tree)) << what;
  EXPECT_EQ(write_conf(b.parsed.tree), written) << what;  // a fixed point
  EXPECT_EQ(typed_fingerprint(a.config), typed_fingerprint(b.config)) << what;
  std::vector<std::string> keys_a, keys_b;
  for (const auto& [k, e] : a.view.keys())
    keys_a.push_back(k + "=" + e.value);
  for (const auto& [k, e] : b.view.keys())
    keys_b.push_back(k + "=" + e.value);
  EXPECT_EQ(keys_a, keys_b) << what;
}

}  // namespace
}  // namespace quorate::config

#include "config/config_show.h"

namespace quorate::config {
namespace {

std::string typed_fingerprint(const CorosyncConfig& c) {
  // Line numbers legitimately change; strip them.
  std::string s = render_show(c), out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 6, "(line ") == 0) {
      i = s.find(')', i);
      continue;
    }
    out += s[i];
  }
  return out;
}

TEST(Writer, RoundTripsEveryExample) {
  std::string dir = std::string(QUORATE_SOURCE_DIR) + "/scenarios/corosync";
  int seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".conf") continue;
    std::string error;
    std::optional<std::string> text = read_text_file(entry.path().string(), &error);
    ASSERT_TRUE(text.has_value()) << error;
    expect_round_trip(*text, entry.path().string());
    ++seen;
  }
  EXPECT_GE(seen, 5);
}

TEST(Writer, RoundTripsOddButValidInput) {
  expect_round_trip(
      "# top\n\n\ttotem{\n  token :5000\r\n  # inner comment\n  a: b # c\n"
      "  empty:\n  foo {\n  }\n}\ntotem {\n token: 6000\n}\n",
      "odd");
}

TEST(Writer, SetKeyChangesLastOccurrenceAndKeepsComments) {
  LoadedConfig l = testing::load("# keep me\ntotem {\n token: 1\n token: 2\n}\n");
  set_key(l.parsed.tree, "totem", "token", "5000");
  set_key(l.parsed.tree, "quorum.device", "model", "net");
  std::string out = write_conf(l.parsed.tree);
  EXPECT_EQ(out,
            "# keep me\ntotem {\n  token: 1\n  token: 5000\n}\nquorum {\n  device {\n"
            "    model: net\n  }\n}\n");
}

TEST(Writer, BumpConfigVersion) {
  LoadedConfig l = testing::load("totem {\n config_version: 3\n}\n");
  uint64_t v = 0;
  ASSERT_TRUE(bump_config_version(l.parsed.tree, &v).ok);
  EXPECT_EQ(v, 4u);
  EXPECT_EQ(testing::load(write_conf(l.parsed.tree)).config.totem.config_version.value, 4u);
  LoadedConfig none = testing::load("totem {\n version: 2\n}\n");
  ASSERT_TRUE(bump_config_version(none.parsed.tree, &v).ok);
  EXPECT_EQ(v, 1u);
  LoadedConfig bad = testing::load("totem {\n config_version: x\n}\n");
  EditResult r = bump_config_version(bad.parsed.tree, &v);
  EXPECT_FALSE(r.ok);
  EXPECT_THAT(r.error, ::testing::HasSubstr("is not a number"));
}

TEST(Writer, AddLinkTurnsTheProxmoxExampleIntoItsRing1Version) {
  std::string dir = std::string(QUORATE_SOURCE_DIR) + "/scenarios/corosync/";
  std::string error;
  LoadedConfig one = testing::load(*read_text_file(dir + "pve-3node.conf", &error));
  LoadedConfig two = testing::load(*read_text_file(dir + "pve-3node-ring1.conf", &error));
  ASSERT_TRUE(add_link(one.parsed.tree, 1, {"10.20.20.1", "10.20.20.2", "10.20.20.3"},
                       {{"knet_link_priority", "10"}})
                  .ok);
  uint64_t v = 0;
  ASSERT_TRUE(bump_config_version(one.parsed.tree, &v).ok);
  EXPECT_EQ(v, 4u);
  // Link 0's interface section is the first one in totem.
  ConfNode* link0 =
      sections_named(sections_named(one.parsed.tree.nodes, "totem").front()->children, "interface")
          .front();
  link0->children.push_back(ConfNode::key_value("knet_link_priority", "20"));
  LoadedConfig edited = testing::load(write_conf(one.parsed.tree));
  ASSERT_TRUE(edited.parsed_ok());
  for (const auto& [k, e] : two.view.keys()) {
    ASSERT_TRUE(edited.view.has(k)) << k;
    EXPECT_EQ(edited.view.get(k)->value, e.value) << k;
  }
  EXPECT_EQ(edited.view.keys().size(), two.view.keys().size());
  EXPECT_TRUE(testing::error_messages(write_conf(one.parsed.tree)).empty());
}

TEST(Writer, AddLinkRejectsBadRequests) {
  LoadedConfig l = testing::load(testing::two_nodes());
  EXPECT_FALSE(add_link(l.parsed.tree, 1, {"10.0.0.1"}).ok);  // 1 address, 2 nodes
  EXPECT_FALSE(add_link(l.parsed.tree, 0, {"a", "b"}).ok);    // ring0 exists
  EXPECT_FALSE(add_link(l.parsed.tree, 8, {"a", "b"}).ok);
  EXPECT_TRUE(same_content(l.parsed.tree, testing::load(testing::two_nodes()).parsed.tree));
}

}  // namespace
}  // namespace quorate::config
