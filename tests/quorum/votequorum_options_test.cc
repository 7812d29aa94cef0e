// votequorum start-up rules (votequorum_readconfig): errors with corosync's messages, the
// disabling rules, defaults and the automatic device votes.
#include "engine/quorum/votequorum_options.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace quorate::quorum {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

VotequorumOptions nodes(std::initializer_list<uint32_t> votes) {
  VotequorumOptions o;
  uint32_t id = 1;
  for (uint32_t v : votes)
    o.nodelist.push_back(NodeVotes{NodeId{id++}, v});
  return o;
}

std::string error_of(const VotequorumOptions& o, NodeId local = NodeId{1}) {
  const ResolveResult r = resolve_options(o, local);
  const auto* e = std::get_if<StartupError>(&r);
  return e == nullptr ? std::string() : e->message;
}

ResolvedOptions ok(const VotequorumOptions& o, NodeId local = NodeId{1}, uint32_t barrier = 0) {
  ResolveResult r = resolve_options(o, local, barrier);
  EXPECT_TRUE(std::holds_alternative<ResolvedOptions>(r)) << error_of(o, local);
  return std::holds_alternative<ResolvedOptions>(r) ? std::get<ResolvedOptions>(r)
                                                    : ResolvedOptions{};
}

DeviceOptions device(std::optional<uint32_t> votes = std::nullopt) {
  DeviceOptions d;
  d.votes = votes;
  return d;
}

// Every start-up refusal, with corosync's exact message.
struct ErrorCase {
  const char* name;
  VotequorumOptions options;
  const char* message;
};

class StartupErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(StartupErrors, RefusesWithCorosyncMessage) {
  EXPECT_EQ(error_of(GetParam().options), GetParam().message);
}

std::vector<ErrorCase> error_cases() {
  std::vector<ErrorCase> cases;
  VotequorumOptions o = nodes({1, 1});
  o.nodelist.clear();
  cases.push_back({"NoNodelistNoExpected", o,
                   "configuration error: nodelist or quorum.expected_votes must be configured!"});
  o = nodes({1, 1});
  o.two_node = true;
  o.device = device();
  cases.push_back({"TwoNodeAndDevice", o,
                   "configuration error: two_node and quorum device cannot be configured at the "
                   "same time!"});
  o = nodes({1, 1, 1});
  o.auto_tie_breaker = true;
  o.last_man_standing = true;
  cases.push_back({"AtbLmsOdd", o,
                   "configuration error: auto_tie_breaker & last_man_standing not available in "
                   "odd sized cluster"});
  o = nodes({1, 1, 1, 1});
  o.last_man_standing = true;
  o.device = device();
  cases.push_back({"DeviceLms", o,
                   "configuration error: quorum.device is not compatible with last_man_standing"});
  o = nodes({1, 1, 1, 1});
  o.auto_tie_breaker = true;
  o.device = device();
  cases.push_back({"DeviceAtb", o,
                   "configuration error: quorum.device is not compatible with auto_tie_breaker"});
  o = nodes({1, 1, 1, 1});
  o.allow_downscale = true;
  o.device = device();
  cases.push_back({"DeviceDownscale", o,
                   "configuration error: quorum.device is not compatible with allow_downscale"});
  o = nodes({1, 1, 1});
  o.expected_votes = 5;
  o.device = device();
  cases.push_back({"DeviceVotesWithExpected", o,
                   "configuration error: quorum.device.votes must be specified when "
                   "quorum.expected_votes is set"});
  o = nodes({1, 2, 1});
  o.device = device();
  cases.push_back({"DeviceVotesUnevenNodes", o,
                   "configuration error: quorum.device.votes must be specified when not all "
                   "nodes votes 1"});
  o = nodes({1, 1, 1});
  o.expected_votes = 4;
  o.device = device(3);
  cases.push_back({"DeviceVotesTooHigh", o,
                   "configuration error: quorum.device.votes is too high or expected_votes is "
                   "too low"});
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Votequorum, StartupErrors, ::testing::ValuesIn(error_cases()),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(VotequorumOptions, DefaultsFromTheNodelist) {
  const ResolvedOptions r = ok(nodes({1, 2, 3}), NodeId{2});
  EXPECT_EQ(r.votes, 2u);
  EXPECT_EQ(r.expected_votes, 6u);
  EXPECT_EQ(r.node_count, 3u);
  EXPECT_FALSE(r.wait_for_all);
  EXPECT_EQ(r.last_man_standing_window, Duration::from_ms(10'000));
  EXPECT_EQ(r.atb, AtbMode::kNone);
}

TEST(VotequorumOptions, ExpectedVotesOverridesTheNodelistSum) {
  VotequorumOptions o = nodes({1, 1, 1});
  o.expected_votes = 7;
  EXPECT_EQ(ok(o).expected_votes, 7u);
}

TEST(VotequorumOptions, WithoutNodelistVotesComeFromQuorumVotes) {
  VotequorumOptions o;
  o.expected_votes = 4;
  o.votes = 2;
  const ResolvedOptions r = ok(o);
  EXPECT_EQ(r.votes, 2u);
  EXPECT_EQ(r.expected_votes, 4u);
}

TEST(VotequorumOptions, LocalNodeMissingFromNodelistCountsAsNoNodelist) {
  VotequorumOptions o = nodes({1, 1});
  EXPECT_THAT(error_of(o, NodeId{9}), HasSubstr("nodelist or quorum.expected_votes"));
  o.expected_votes = 2;
  EXPECT_EQ(ok(o, NodeId{9}).votes, 1u);
}

TEST(VotequorumOptions, TwoNodeTurnsOnWaitForAllUnlessSetExplicitly) {
  VotequorumOptions o = nodes({1, 1});
  o.two_node = true;
  EXPECT_TRUE(ok(o).wait_for_all);
  o.wait_for_all = false;
  EXPECT_FALSE(ok(o).wait_for_all);
  EXPECT_TRUE(ok(o).two_node);
}

TEST(VotequorumOptions, AutoTieBreakerDisablesTwoNode) {
  VotequorumOptions o = nodes({1, 1});
  o.two_node = true;
  o.auto_tie_breaker = true;
  const ResolvedOptions r = ok(o);
  EXPECT_FALSE(r.two_node);
  EXPECT_EQ(r.atb, AtbMode::kLowest);
  EXPECT_TRUE(r.wait_for_all);  // still auto-set by the configured two_node
  EXPECT_THAT(
      r.log, ElementsAre("two_node and auto_tie_breaker are both specified but are not compatible.",
                         "two_node has been disabled, please fix your corosync.conf"));
}

TEST(VotequorumOptions, AutoTieBreakerOffOnOddVotesWithoutWaitForAll) {
  VotequorumOptions o = nodes({1, 1, 1});
  o.auto_tie_breaker = true;
  ResolvedOptions r = ok(o);
  EXPECT_EQ(r.atb, AtbMode::kNone);
  EXPECT_THAT(r.log.back(), HasSubstr("Therefore auto_tie_breaker has been disabled"));
  o.wait_for_all = true;
  EXPECT_EQ(ok(o).atb, AtbMode::kLowest);
  // The parity is that of the nodelist votes, not of the node count or expected_votes.
  o = nodes({1, 1, 2});
  o.auto_tie_breaker = true;
  o.expected_votes = 5;
  EXPECT_EQ(ok(o).atb, AtbMode::kLowest);
}

TEST(VotequorumOptions, TieBreakerNodeStrings) {
  std::vector<NodeId> list;
  EXPECT_EQ(parse_atb_nodes("lowest", list), AtbMode::kLowest);
  EXPECT_EQ(parse_atb_nodes("highest", list), AtbMode::kHighest);
  EXPECT_EQ(parse_atb_nodes("3 1 2", list), AtbMode::kList);
  EXPECT_THAT(list, ElementsAre(NodeId{3}, NodeId{1}, NodeId{2}));
  EXPECT_EQ(parse_atb_nodes("2 x 3", list), AtbMode::kList);  // strtol stops at "x"
  EXPECT_THAT(list, ElementsAre(NodeId{2}));
  EXPECT_EQ(parse_atb_nodes("Lowest", list), AtbMode::kNone);
  EXPECT_EQ(parse_atb_nodes("0 1", list), AtbMode::kNone);
}

TEST(VotequorumOptions, InvalidTieBreakerNodeDisablesAtb) {
  VotequorumOptions o = nodes({1, 1, 1, 1});
  o.auto_tie_breaker = true;
  o.auto_tie_breaker_node = "first";
  const ResolvedOptions r = ok(o);
  EXPECT_EQ(r.atb, AtbMode::kNone);
  EXPECT_THAT(r.log.front(), HasSubstr("auto_tie_breaker_nodes is not valid"));
}

TEST(VotequorumOptions, TieBreakerNodeWithoutAtbIsOnlyAWarning) {
  VotequorumOptions o = nodes({1, 1, 1, 1});
  o.auto_tie_breaker_node = "highest";
  const ResolvedOptions r = ok(o);
  EXPECT_EQ(r.atb, AtbMode::kNone);
  EXPECT_THAT(r.log,
              ElementsAre("auto_tie_breaker_node: is meaningless if auto_tie_breaker is set to 0"));
}

TEST(VotequorumOptions, DeviceVotesAutomaticNMinusOne) {
  VotequorumOptions o = nodes({1, 1, 1});
  o.device = device();
  const ResolvedOptions r = ok(o);
  EXPECT_TRUE(r.have_qdevice);
  EXPECT_EQ(r.qdevice_votes, 2u);
  EXPECT_EQ(r.expected_votes, 5u);  // 2N - 1
}

TEST(VotequorumOptions, DeviceVotesExplicitWithExpectedVotes) {
  VotequorumOptions o = nodes({1, 1, 1});
  o.expected_votes = 5;
  o.device = device(3);  // 5 - 3 = 2 is enough
  const ResolvedOptions r = ok(o);
  EXPECT_EQ(r.qdevice_votes, 3u);
  EXPECT_EQ(r.expected_votes, 5u);
}

TEST(VotequorumOptions, DeviceWithEmptyModelIsNotConfigured) {
  VotequorumOptions o = nodes({1, 1});
  o.two_node = true;
  o.device = device();
  o.device->model.clear();
  EXPECT_FALSE(ok(o).have_qdevice);
}

TEST(VotequorumOptions, AllowDownscaleImpliesTrackingAndTheBarrierReplacesExpectedVotes) {
  VotequorumOptions o = nodes({1, 1, 1});
  o.allow_downscale = true;
  o.expected_votes = 2;
  EXPECT_TRUE(ok(o).ev_tracking);
  EXPECT_EQ(ok(o, NodeId{1}, 0).expected_votes, 3u);  // barrier 0: the nodelist sum
  EXPECT_EQ(ok(o, NodeId{1}, 7).expected_votes, 7u);  // the persisted barrier wins
}

}  // namespace
}  // namespace quorate::quorum
