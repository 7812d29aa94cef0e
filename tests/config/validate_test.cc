// Semantic rules corosync -t applies without looking at the host (messages checked against
// corosync 3.1.7).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace quorate::config {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using testing::error_messages;
using ::testing::IsEmpty;
using testing::two_nodes;

constexpr const char* kPE = "parse error in config: ";

std::string pe(const std::string& m) {
  return kPE + m;
}

TEST(Validate, MinimalTwoNodeFileIsValid) {
  EXPECT_THAT(error_messages(two_nodes()), IsEmpty());
}

TEST(Validate, NoInterfaces) {
  EXPECT_THAT(error_messages("totem {\n version: 2\n}\n"),
              ElementsAre(pe("No interfaces defined")));
  EXPECT_THAT(error_messages("totem {\n version: 2\n}\nnodelist {\n}\n"),
              ElementsAre(pe("No interfaces defined")));
}

TEST(Validate, VersionMustBeTwo) {
  std::string v3 = two_nodes();
  v3.replace(v3.find("version: 2"), 10, "version: 3");
  EXPECT_THAT(error_messages(v3),
              ElementsAre(pe("This totem parser can only parse version 2 configurations.")));
  std::string missing = two_nodes();
  missing.replace(missing.find(" version: 2\n"), 12, "");
  EXPECT_THAT(error_messages(missing),
              ElementsAre(pe("This totem parser can only parse version 2 configurations.")));
}

TEST(Validate, MinimumTimeouts) {
  struct Case {
    const char* key;
    const char* message;
  } cases[] = {
      {" token: 20\n", "The token timeout parameter (20 ms) may not be less than (30 ms)."},
      {" join: 20\n", "The join timeout parameter (20 ms) may not be less than (30 ms)."},
      {" merge: 20\n", "The merge timeout parameter (20 ms) may not be less than (30 ms)."},
      {" downcheck: 20\n", "The downcheck timeout parameter (20 ms) may not be less than (30 ms)."},
      {" max_network_delay: 20\n",
       "The max_network_delay parameter (20 ms) may not be less than (30 ms)."},
      {" token_retransmit: 20\n",
       "The token retransmit timeout parameter (20 ms) may not be less than (30 ms)."},
      {" hold: 13\n", "The token hold timeout parameter (13 ms) may not be less than (14 ms)."},
      {" token_warning: 101\n",
       "The token warning parameter (101%) must be between 0 (disabled) and 100."},
      {" consensus: 40\n",
       "The consensus timeout parameter (40 ms) may not be less than join timeout (50 ms)."},
      {" consensus: 20\n join: 20\n",
       "The join timeout parameter (20 ms) may not be less than (30 ms)."},
      {" token_retransmits_before_loss_const: 200\n",
       "Not appropriate token or token_retransmits_before_loss_const value set"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(error_messages(two_nodes(c.key)), Contains(pe(c.message))) << c.key;
  }
  EXPECT_THAT(error_messages(two_nodes(" hold: 14\n token_warning: 0\n token: 0\n")), IsEmpty());
}

TEST(Validate, TokenMinimumUsesLine) {
  Diagnostics ds = testing::check(two_nodes(" token: 20\n"));
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].line, 3);
  EXPECT_EQ(format(ds[0]), "t.conf:3: " + pe("The token timeout parameter (20 ms) may not be less "
                                             "than (30 ms)."));
}

TEST(Validate, LinkMode) {
  EXPECT_THAT(error_messages(two_nodes(" link_mode: foo\n")),
              ElementsAre(pe("The Knet link mode \"foo\" specified is invalid.  It must be "
                             "active, passive or rr.")));
  EXPECT_THAT(error_messages(two_nodes(" link_mode: rr\n")), IsEmpty());
}

std::string nodes(const std::string& body) {
  return "totem {\n version: 2\n}\nnodelist {\n" + body + "}\n";
}

TEST(Validate, KnetNodeIds) {
  std::string base = " node {\n  name: vm\n  nodeid: 1\n  ring0_addr: 127.0.0.1\n }\n";
  EXPECT_THAT(error_messages(nodes(base + " node {\n  ring0_addr: 10.9.9.2\n }\n")),
              ElementsAre("Knet requires an explicit nodeid to be specified for address "
                          "'10.9.9.2'."));
  EXPECT_THAT(error_messages(nodes(base + " node {\n  nodeid: 0\n  ring0_addr: 10.9.9.2\n }\n")),
              ElementsAre("Knet requires an explicit nodeid to be specified for address "
                          "'10.9.9.2'."));
  EXPECT_THAT(
      error_messages(nodes(base + " node {\n  nodeid: 65536\n  ring0_addr: 10.9.9.2\n }\n")),
      ElementsAre("Knet requires nodeid to be less than 65536 for address '10.9.9.2'."));
  EXPECT_THAT(error_messages(nodes(base + " node {\n  nodeid: 1\n  ring0_addr: 10.9.9.2\n }\n")),
              ElementsAre("Nodeid 1 appears twice in corosync.conf"));
}

TEST(Validate, UdpuAutogeneratesIdsAndRejectsDuplicates) {
  std::string f =
      "totem {\n version: 2\n transport: udpu\n}\nnodelist {\n node {\n  ring0_addr: 127.0.0.1\n"
      " }\n node {\n  ring0_addr: 127.0.0.1\n }\n}\n";
  EXPECT_THAT(error_messages(f), ElementsAre("Nodeid 2130706433 appears twice in corosync.conf"));
}

std::string two_links(const std::string& n1_extra, const std::string& n2_extra) {
  return nodes(" node {\n  name: vm\n  nodeid: 1\n  ring0_addr: 127.0.0.1\n" + n1_extra +
               " }\n node {\n  name: due\n  nodeid: 2\n  ring0_addr: 10.9.9.2\n" + n2_extra +
               " }\n");
}

TEST(Validate, LinksPerNode) {
  EXPECT_THAT(error_messages(two_links("  ring1_addr: 127.0.0.1\n", "  ring1_addr: 10.9.8.2\n")),
              IsEmpty());
  EXPECT_THAT(error_messages(two_links("  ring1_addr: 127.0.0.1\n", "")),
              ElementsAre(pe("Not all nodes have the same number of links")));
  std::string unnamed = nodes(
      " node {\n  nodeid: 1\n  ring0_addr: 127.0.0.1\n  ring1_addr: 127.0.0.1\n }\n"
      " node {\n  nodeid: 2\n  ring0_addr: 10.9.9.2\n  ring1_addr: 10.9.8.2\n }\n");
  EXPECT_THAT(error_messages(unnamed),
              ElementsAre(pe("for a multi-link configuration, all nodes must have a 'name' "
                             "attribute")));
  EXPECT_THAT(error_messages(two_links("  ring8_addr: 127.0.0.1\n", "  ring8_addr: 10.9.8.2\n")),
              ElementsAre(pe("interface ring number 8 is bigger than allowed maximum 7")));
  // An interface section with keys for a link no node has counts as a link.
  EXPECT_THAT(error_messages(two_nodes(" interface {\n  linknumber: 1\n  knet_link_priority: 3\n"
                                       " }\n")),
              ElementsAre(pe("Not all nodes have the same number of links")));
  // ... but one with only a linknumber does not.
  EXPECT_THAT(error_messages(two_nodes(" interface {\n  linknumber: 1\n }\n")), IsEmpty());
}

TEST(Validate, MixedFamiliesOnOneLink) {
  EXPECT_THAT(error_messages(nodes(" node {\n  nodeid: 1\n  ring0_addr: 127.0.0.1\n }\n"
                                   " node {\n  nodeid: 2\n  ring0_addr: fe80::2\n }\n")),
              ElementsAre(pe("Nodes for link 0 have different IP families (compared fe80::2 "
                             "with 127.0.0.1)")));
}

TEST(Validate, IpVersionRestrictsLiterals) {
  EXPECT_THAT(error_messages("totem {\n version: 2\n ip_version: ipv6\n}\nnodelist {\n node {\n"
                             "  nodeid: 1\n  ring0_addr: 10.0.0.1\n }\n}\n"),
              ElementsAre("failed to parse node address '10.0.0.1'"));
}

TEST(Validate, InterfaceRules) {
  EXPECT_THAT(error_messages(two_nodes(" interface {\n  ttl: 5\n }\n")),
              ElementsAre(pe("Can only set ttl on multicast transport types for interface 0")));
  EXPECT_THAT(error_messages(two_nodes(" interface {\n  knet_transport: tcp\n }\n")),
              ElementsAre("Unrecognised knet_transport. expected 'udp' or 'sctp'"));
  // The local node has link 0, so corosync replaces mcastport 0 with 5405.
  EXPECT_THAT(error_messages(two_nodes(" interface {\n  mcastport: 0\n }\n")), IsEmpty());
  EXPECT_THAT(error_messages(two_nodes(" ip_version: ipv4\n interface {\n  mcastaddr: ff15::1\n"
                                       " }\n")),
              ElementsAre("failed to parse mcast address 'ff15::1'"));
  EXPECT_THAT(error_messages(two_nodes(" transport: udpu\n interface {\n  knet_link_priority: 4\n"
                                       " }\n")),
              ElementsAre(pe("Can only set link priority on knet transport type for interface 0")));
  EXPECT_THAT(error_messages(two_nodes(" interface {\n  linknumber: 8\n  knet_link_priority: 3\n"
                                       " }\n")),
              Contains(pe("interface ring number 8 is bigger than allowed maximum 7")));
}

TEST(Validate, NonKnetTransports) {
  EXPECT_THAT(error_messages(two_nodes(" transport: foo\n")),
              ElementsAre("Invalid transport type. Should be udpu, udp or knet"));
  EXPECT_THAT(error_messages(two_links("  ring1_addr: 127.0.0.1\n", "  ring1_addr: 10.9.8.2\n")
                                 .replace(8, 0, " transport: udpu\n")),
              ElementsAre(pe("2 is too many configured interfaces for non-Knet transport.")));
  EXPECT_THAT(error_messages(two_nodes(" transport: udpu\n crypto_cipher: aes256\n"
                                       " crypto_hash: sha256\n")),
              ElementsAre(pe("crypto_cipher & crypto_hash are only valid for the Knet "
                             "transport.")));
  EXPECT_THAT(error_messages(two_nodes(" transport: udp\n")),
              ElementsAre(pe("No multicast address specified for interface 0")));
  EXPECT_THAT(error_messages(two_nodes(" transport: udp\n cluster_name: x\n")), IsEmpty());
}

TEST(Validate, Crypto) {
  EXPECT_THAT(error_messages(two_nodes(" crypto_cipher: aes256\n")),
              ElementsAre("crypto_cipher requires crypto_hash with value other than none"));
  EXPECT_THAT(error_messages(two_nodes(" crypto_cipher: aes256\n crypto_hash: sha1\n key: " +
                                       std::string(126, 'k') + "\n")),
              ElementsAre("key is too short"));
  EXPECT_THAT(error_messages(two_nodes(" crypto_cipher: aes256\n crypto_hash: sha1\n key: " +
                                       std::string(127, 'k') + "\n")),
              IsEmpty());
  LoadedConfig l = testing::load(two_nodes(" secauth: on\n"));
  EXPECT_EQ(l.config.totem.crypto_cipher.value, "aes256");
  EXPECT_EQ(l.config.totem.crypto_hash.value, "sha256");
  LoadedConfig l2 = testing::load(two_nodes(" secauth: on\n crypto_cipher: aes128\n"));
  EXPECT_EQ(l2.config.totem.crypto_cipher.value, "aes128");
}

TEST(Validate, Logging) {
  auto logging = [](const std::string& body) {
    return error_messages(two_nodes("", "logging {\n" + body + "}\n"));
  };
  EXPECT_THAT(logging(" to_syslog: maybe\n"), ElementsAre(pe("unknown value for to_syslog.")));
  EXPECT_THAT(logging(" debug: foo\n"), ElementsAre(pe("unknown value for debug.")));
  EXPECT_THAT(logging(" timestamp: foo\n"), ElementsAre(pe("unknown value for timestamp.")));
  EXPECT_THAT(logging(" fileline: yes\n"), ElementsAre(pe("unknown value for fileline.")));
  EXPECT_THAT(logging(" syslog_facility: security\n"),
              ElementsAre(pe("unknown syslog facility specified.")));
  EXPECT_THAT(logging(" syslog_priority: warn\n"),
              ElementsAre(pe("unknown syslog priority specified.")));
  EXPECT_THAT(logging(" logger_subsys {\n  subsys: QUORUM\n  debug: foo\n }\n"),
              ElementsAre(pe("unknown value for debug.")));
  EXPECT_THAT(logging(" to_stderr: on\n debug: trace\n timestamp: hires\n fileline: off\n"
                      " syslog_facility: local7\n syslog_priority: warning\n"),
              IsEmpty());
}

TEST(Validate, ReportsEveryProblemNotJustTheFirst) {
  EXPECT_EQ(error_messages(two_nodes(" token: 20\n join: 20\n link_mode: x\n")).size(), 3u);
}

}  // namespace
}  // namespace quorate::config
