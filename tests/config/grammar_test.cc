// The corosync.conf grammar: exact corosync 3.1.7 messages and line numbers (each case was
// checked against `corosync -t`).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/conf_parser.h"
#include "test_util.h"

namespace quorate::config {
namespace {

using ::testing::ElementsAre;
using testing::parse_errors;

TEST(Grammar, AcceptsSectionsKeysCommentsBlanks) {
  ParsedFile p = parse_conf_text("# c\n\ntotem {\n  version: 2\n}\n");
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p.tree.nodes.size(), 3u);
  EXPECT_EQ(p.tree.nodes[0].kind, ConfNode::Kind::kComment);
  EXPECT_EQ(p.tree.nodes[0].text, "# c");
  EXPECT_EQ(p.tree.nodes[1].kind, ConfNode::Kind::kBlank);
  const ConfNode& totem = p.tree.nodes[2];
  EXPECT_TRUE(totem.is_section("totem"));
  EXPECT_EQ(totem.line, 3);
  EXPECT_EQ(totem.close_line, 5);
  ASSERT_EQ(totem.children.size(), 1u);
  EXPECT_EQ(totem.children[0].name, "version");
  EXPECT_EQ(totem.children[0].value, "2");
  EXPECT_EQ(totem.children[0].line, 4);
}

TEST(Grammar, InlineHashIsPartOfTheValue) {
  EXPECT_THAT(parse_errors("totem {\n version: 2\n token: 5000 # x\n}\n"),
              ElementsAre("3: Value of key \"totem.token\" is expected to be integer in range "
                          "(0..4294967295), but \"5000 # x\" was given"));
  ParsedFile p = parse_conf_text("totem {\n cluster_name: a # b\n}\n");
  EXPECT_EQ(p.tree.nodes[0].children[0].value, "a # b");
}

TEST(Grammar, SplitsAtFirstColonAndTrims) {
  ParsedFile p = parse_conf_text("totem {\n\t cluster_name :  a:b:c \t\n}\n");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.tree.nodes[0].children[0].name, "cluster_name");
  EXPECT_EQ(p.tree.nodes[0].children[0].value, "a:b:c");
}

TEST(Grammar, StructuralErrorsWithLines) {
  EXPECT_THAT(parse_errors("totem {\n version = 2\n}\n"),
              ElementsAre("2: Line is not opening or closing section or key value"));
  EXPECT_THAT(parse_errors("totem { x\n}\n"),
              ElementsAre("1: Extra characters after opening bracket '{'"));
  EXPECT_THAT(parse_errors("{\n}\n"),
              ElementsAre("1: Missing section name before opening bracket '{'"));
  EXPECT_THAT(parse_errors("totem {\n} x\n"),
              ElementsAre("2: Extra characters before or after closing bracket '}'"));
  EXPECT_THAT(parse_errors("totem {\n}\n}\n"), ElementsAre("3: Unexpected closing brace"));
  EXPECT_THAT(parse_errors("totem {\n version: 2\n\nquorum {\n}\n"),
              ElementsAre("5: Missing closing brace"));
  // '{' anywhere makes a section line, even inside what looks like a value.
  EXPECT_THAT(parse_errors("totem {\n cluster_name: a{b\n}\n"),
              ElementsAre("2: Extra characters after opening bracket '{'"));
}

TEST(Grammar, LineLengthLimitIs510Characters) {
  std::string ok = "totem {\n cluster_name: " + std::string(510 - 15, 'a') + "\n}\n";
  EXPECT_TRUE(parse_conf_text(ok).ok());
  std::string bad = "totem {\n cluster_name: " + std::string(511 - 15, 'a') + "\n}\n";
  EXPECT_THAT(parse_errors(bad), ElementsAre("2: Line too long"));
  // Also on an unterminated last line.
  EXPECT_THAT(parse_errors("# " + std::string(509, 'a')), ElementsAre("1: Line too long"));
  EXPECT_TRUE(parse_conf_text("# " + std::string(508, 'a')).ok());
}

TEST(Grammar, CrLfAndTrailingBlanksAreStripped) {
  ParsedFile p = parse_conf_text("totem {\r\n version: 2 \t\r\n}\r\n");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.tree.nodes[0].children[0].value, "2");
}

TEST(Grammar, SectionNameVariants) {
  ParsedFile p = parse_conf_text("totem{\n}\nquorum: {\n}\n");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.tree.nodes[0].name, "totem");
  EXPECT_EQ(p.tree.nodes[1].name, "quorum");
}

TEST(Grammar, CaseSensitiveNamesAndUnknownKeysKept) {
  LoadedConfig l = testing::load("Totem {\n version: 2\n}\nfoo {\n bar: baz\n}\n");
  ASSERT_TRUE(l.parsed_ok());
  EXPECT_TRUE(l.view.has("Totem.version"));
  EXPECT_FALSE(l.view.has("totem.version"));
  ASSERT_TRUE(l.view.has("foo.bar"));
  EXPECT_EQ(l.view.get("foo.bar")->value, "baz");
  EXPECT_EQ(l.view.get("foo.bar")->line, 5);
}

TEST(Grammar, LastKeyWinsAndSectionsMerge) {
  LoadedConfig l =
      testing::load("totem {\n token: 1000\n token: 2000\n}\ntotem {\n cluster_name: x\n}\n");
  ASSERT_TRUE(l.parsed_ok());
  EXPECT_EQ(l.view.get("totem.token")->value, "2000");
  EXPECT_EQ(l.view.get("totem.token")->line, 3);
  EXPECT_EQ(l.view.get("totem.cluster_name")->value, "x");
}

TEST(Grammar, TypedRangesUseCorosyncWording) {
  EXPECT_THAT(parse_errors("totem {\n token: 3s\n}\n"),
              ElementsAre("2: Value of key \"totem.token\" is expected to be integer in range "
                          "(0..4294967295), but \"3s\" was given"));
  EXPECT_THAT(parse_errors("totem {\n interface {\n  knet_link_priority: 300\n }\n}\n"),
              ElementsAre("3: Value of key \"totem.interface.knet_link_priority\" is expected to "
                          "be integer in range (0..255), but \"300\" was given"));
  EXPECT_THAT(parse_errors("totem {\n interface {\n  mcastport: 70000\n }\n}\n"),
              ElementsAre("3: Value of key \"totem.interface.mcastport\" is expected to be "
                          "integer in range (0..65535), but \"70000\" was given"));
  EXPECT_THAT(parse_errors("nodelist {\n node {\n }\n node {\n  nodeid: x\n }\n}\n"),
              ElementsAre("5: Value of key \"nodelist.node.1.nodeid\" is expected to be integer "
                          "in range (0..4294967295), but \"x\" was given"));
  EXPECT_THAT(parse_errors("quorum {\n two_node: -1\n}\n"),
              ElementsAre("2: Value of key \"quorum.two_node\" is expected to be integer in "
                          "range (0..255), but \"-1\" was given"));
  EXPECT_THAT(parse_errors("totem {\n knet_compression_level: 2147483648\n}\n"),
              ElementsAre("2: Value of key \"totem.knet_compression_level\" is expected to be "
                          "integer in range (-2147483648..2147483647), but \"2147483648\" was "
                          "given"));
  EXPECT_THAT(parse_errors("totem {\n config_version: abc\n}\n"),
              ElementsAre("2: Value of key \"totem.config_version\" is expected to be unsigned "
                          "integer, but \"abc\" was given"));
  // strtol rules: a sign is fine, hex is not, "" is not.
  EXPECT_TRUE(parse_errors("totem {\n token: +5000\n}\n").empty());
  EXPECT_EQ(parse_errors("totem {\n token: 0x10\n}\n").size(), 1u);
  EXPECT_EQ(parse_errors("totem {\n token:\n}\n").size(), 1u);
  // Typing depends on the full path: nested unknown sections stay strings.
  EXPECT_TRUE(parse_errors("totem {\n foo {\n  token: 3s\n }\n}\n").empty());
}

TEST(Grammar, EnumeratedValuesAtParseTime) {
  EXPECT_THAT(parse_errors("totem {\n ip_version: foo\n}\n"),
              ElementsAre("2: Invalid ip_version type"));
  EXPECT_THAT(parse_errors("totem {\n crypto_cipher: des\n}\n"),
              ElementsAre("2: Invalid cipher type. Should be none, aes256, aes192 or aes128"));
  EXPECT_THAT(parse_errors("totem {\n crypto_hash: crc\n}\n"),
              ElementsAre("2: Invalid hash type. Should be none, md5, sha1, sha256, sha384 or "
                          "sha512"));
  EXPECT_THAT(parse_errors("totem {\n crypto_model: gcrypt\n}\n"),
              ElementsAre("2: Invalid crypto model. Should be nss or openssl"));
  EXPECT_THAT(parse_errors("totem {\n knet_compression_model: none\n}\n"),
              ElementsAre("2: Invalid compression model. Should be zlib, lz4, lz4hc, lzo2, lzma, "
                          "bzip2 or zstd"));
  EXPECT_THAT(parse_errors("system {\n sched_rr: maybe\n}\n"),
              ElementsAre("2: Invalid system.sched_rr value"));
}

TEST(Grammar, KeyNamesMustFitCmap) {
  EXPECT_THAT(parse_errors("totem {\n tok@en: 1\n}\n"),
              ElementsAre("2: Can't store key \"totem.tok@en\" into icmap, returned error is "
                          "CS_ERR_NAME_TOO_LONG"));
  EXPECT_THAT(parse_errors("ab: c\n"),
              ElementsAre("1: Can't store key \"ab\" into icmap, returned error is "
                          "CS_ERR_NAME_TOO_LONG"));
  EXPECT_TRUE(parse_errors("totem {\n a_b-c/d.e: 1\n}\n").empty());
  // Empty section names are only checked when a key is stored under them.
  EXPECT_TRUE(parse_errors("to tem {\n}\n").empty());
}

TEST(Grammar, SpecialSections) {
  EXPECT_THAT(parse_errors("logging {\n logger_subsys {\n  debug: on\n }\n}\n"),
              ElementsAre("4: No subsys key in logger_subsys directive"));
  EXPECT_THAT(parse_errors("uidgid {\n user: x\n}\n"),
              ElementsAre("2: uidgid: Only uid and gid are allowed items"));
  LoadedConfig l =
      testing::load("logging {\n logger_subsys {\n  subsys: QUORUM\n  debug: on\n }\n}\n");
  ASSERT_TRUE(l.parsed_ok());
  EXPECT_EQ(l.view.get("logging.logger_subsys.QUORUM.debug")->value, "on");
}

TEST(Grammar, NodelistAndInterfaceIndices) {
  LoadedConfig l = testing::load(
      "totem {\n interface {\n  linknumber: 1\n  knet_link_priority: 5\n  foo: bar\n }\n}\n"
      "nodelist {\n node {\n  ring0_addr: a\n }\n node {\n  ring0_addr: b\n }\n}\n");
  ASSERT_TRUE(l.parsed_ok());
  EXPECT_EQ(l.view.get("totem.interface.1.knet_link_priority")->value, "5");
  EXPECT_FALSE(l.view.has("totem.interface.1.linknumber"));
  EXPECT_TRUE(l.view.has("totem.interface.foo"));
  EXPECT_EQ(l.view.get("nodelist.node.0.ring0_addr")->value, "a");
  EXPECT_EQ(l.view.get("nodelist.node.1.ring0_addr")->value, "b");
  EXPECT_EQ(l.view.get("nodelist.node.1.ring0_addr")->line, 13);
}

TEST(Grammar, ParsingIsPureAndStopsAtFirstStructuralError) {
  std::string text = "totem {\n x = 1\n y = 2\n}\n";
  ParsedFile a = parse_conf_text(text, "a.conf");
  ParsedFile b = parse_conf_text(text, "a.conf");
  ASSERT_EQ(a.errors.size(), 1u);
  EXPECT_EQ(format(a.errors[0]), "a.conf:2: Line is not opening or closing section or key value");
  EXPECT_TRUE(same_content(a.tree, b.tree));
}

}  // namespace
}  // namespace quorate::config

namespace quorate::config {
namespace {

// corosync 3.1.7 ends the enclosing node/interface/logger_subsys at every nested '}'.
TEST(Grammar, NestedSubsectionsEndTheirSpecialSectionLikeCorosync317) {
  LoadedConfig l =
      testing::load("nodelist {\n node {\n  name: a\n  foo {\n   x: y\n  }\n  nodeid: 1\n }\n}\n");
  ASSERT_TRUE(l.parsed_ok());
  EXPECT_EQ(l.view.get("nodelist.node.0.name")->value, "a");
  EXPECT_EQ(l.view.get("nodelist.node.0.x")->value, "y");
  EXPECT_EQ(l.view.get("nodelist.node.1.nodeid")->value, "1");
  EXPECT_THAT(parse_errors("logging {\n logger_subsys {\n  subsys: QUORUM\n  foo {\n  }\n }\n}\n"),
              ElementsAre("6: No subsys key in logger_subsys directive"));
}

}  // namespace
}  // namespace quorate::config

namespace quorate::config {
namespace {

// "totem.token: 10" at the top level is a string key in corosync: not range-checked, and
// ignored by the typed read (the token stays 3000).
TEST(Grammar, DottedKeysBypassTypedChecksAndAreIgnoredByTypedReads) {
  LoadedConfig l = testing::load("totem.token: 10\ntotem {\n version: 2\n token.x: abc\n}\n");
  ASSERT_TRUE(l.parsed_ok());
  EXPECT_EQ(l.view.get("totem.token")->value, "10");
  EXPECT_FALSE(l.view.get("totem.token")->typed);
  EXPECT_EQ(l.config.totem.timers.token_ms.value, 3000u);
  EXPECT_FALSE(l.config.totem.timers.token_ms.is_set());
  EXPECT_TRUE(testing::load("totem {\n token: 10\n}\n").view.get("totem.token")->typed);
}

}  // namespace
}  // namespace quorate::config

namespace quorate::config {
namespace {

TEST(Grammar, NodeSubsectionKeysLandOnTheNodeLikeCorosync317) {
  LoadedConfig l = testing::load(
      "nodelist {\n node {\n  ring0_addr: 127.0.0.1\n  foo {\n   ring0_addr: 10.1.1.1\n  }\n"
      " }\n}\n");
  ASSERT_TRUE(l.parsed_ok());
  EXPECT_EQ(l.view.get("nodelist.node.0.ring0_addr")->value, "10.1.1.1");
  EXPECT_THAT(parse_errors("nodelist {\n node {\n  foo {\n   nodeid: abc\n  }\n }\n}\n"),
              ElementsAre("4: Value of key \"nodelist.node.0.nodeid\" is expected to be integer "
                          "in range (0..4294967295), but \"abc\" was given"));
}

}  // namespace
}  // namespace quorate::config
