// votequorum conflicts: warnings by default, errors with strict.
#include "config/quorum_checks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace quorate::config {
namespace {

using ::testing::HasSubstr;

std::string with_quorum(const std::string& body, int nodes = 2) {
  std::string f = "totem {\n version: 2\n}\nnodelist {\n";
  for (int i = 1; i <= nodes; ++i) {
    f += " node {\n  name: n" + std::to_string(i) + "\n  nodeid: " + std::to_string(i) +
         "\n  ring0_addr: 10.0.0." + std::to_string(i) + "\n }\n";
  }
  return f + "}\nquorum {\n provider: corosync_votequorum\n" + body + "}\n";
}

std::vector<Diagnostic> quorum_findings(const std::string& text, bool strict) {
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : testing::check(text, strict)) {
    if (d.origin == Origin::kQuorum) out.push_back(d);
  }
  return out;
}

TEST(QuorumChecks, TwoNodeWithDeviceIsWarningOrStrictError) {
  std::string f = with_quorum(" two_node: 1\n device {\n  model: net\n }\n");
  auto warn = quorum_findings(f, false);
  ASSERT_EQ(warn.size(), 1u);
  EXPECT_EQ(warn[0].severity, Severity::kWarning);
  EXPECT_THAT(warn[0].message,
              HasSubstr("two_node and quorum device cannot be configured at the same time!"));
  EXPECT_FALSE(has_errors(testing::check(f, false)));
  EXPECT_TRUE(has_errors(testing::check(f, true)));
}

TEST(QuorumChecks, DeviceConflicts) {
  for (const char* opt : {"last_man_standing", "auto_tie_breaker", "allow_downscale"}) {
    auto ds = quorum_findings(with_quorum(" " + std::string(opt) +
                                              ": 1\n wait_for_all: 1\n device {\n  model: net\n"
                                              " }\n",
                                          4),
                              true);
    ASSERT_FALSE(ds.empty()) << opt;
    EXPECT_THAT(ds[0].message, HasSubstr(std::string(opt) + " and quorum device"));
  }
  auto votes = quorum_findings(
      with_quorum(" expected_votes: 3\n device {\n  model: net\n  votes: 2\n }\n", 3), true);
  ASSERT_EQ(votes.size(), 1u);
  EXPECT_THAT(votes[0].message, HasSubstr("must be at least 2"));
  auto missing =
      quorum_findings(with_quorum(" expected_votes: 5\n device {\n  model: net\n }\n", 3), true);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_THAT(missing[0].message, HasSubstr("quorum.device.votes must be set"));
}

TEST(QuorumChecks, AtbAndLmsInOddCluster) {
  auto ds = quorum_findings(with_quorum(" auto_tie_breaker: 1\n last_man_standing: 1\n", 3), true);
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].message,
            "auto_tie_breaker & last_man_standing not available in odd sized cluster");
  EXPECT_TRUE(quorum_findings(with_quorum(" auto_tie_breaker: 1\n last_man_standing: 1\n", 4), true)
                  .empty());
  EXPECT_TRUE(quorum_findings(with_quorum(" auto_tie_breaker: 1\n last_man_standing: 1\n"
                                          " wait_for_all: 1\n",
                                          3),
                              true)
                  .empty());
}

TEST(QuorumChecks, TwoNodeNotes) {
  EXPECT_TRUE(quorum_findings(with_quorum(" two_node: 1\n"), true).empty());
  auto atb = quorum_findings(with_quorum(" two_node: 1\n auto_tie_breaker: 1\n"), true);
  ASSERT_EQ(atb.size(), 1u);
  EXPECT_THAT(atb[0].message, HasSubstr("two_node is disabled"));
  EXPECT_EQ(quorum_findings(with_quorum(" two_node: 1\n", 3), true).size(), 1u);
  LoadedConfig l = testing::load(with_quorum(" two_node: 1\n"));
  EXPECT_EQ(l.config.quorum.wait_for_all.value, 1u);  // auto-set by two_node
  EXPECT_EQ(l.config.quorum.wait_for_all.origin, ValueSource::kDerived);
}

TEST(QuorumChecks, ExpectedVotes) {
  EXPECT_EQ(effective_expected_votes(testing::load(with_quorum("", 5)).config), 5u);
  EXPECT_EQ(effective_expected_votes(testing::load(with_quorum(" expected_votes: 7\n", 5)).config),
            7u);
}

}  // namespace
}  // namespace quorate::config
