// votequorum behaviour tables: the worked examples of the research brief (§3.3), wait_for_all,
// last_man_standing cascades, auto_tie_breaker, never-decreasing quorum, administration and a
// quorum device in a two-node cluster. The harness runs corosync's sync schedule.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/quorum/quorum_cluster.h"

namespace quorate::quorum::testing {
namespace {

using ::testing::ElementsAre;

constexpr Duration kWindow = Duration::from_ms(10'000);

NodeId n(uint32_t id) {
  return NodeId{id};
}

VotequorumOptions cluster_of(uint32_t count) {
  VotequorumOptions o;
  for (uint32_t id = 1; id <= count; ++id)
    o.nodelist.push_back(NodeVotes{n(id), 1});
  return o;
}

// (quorate, quorum) of every running node, in node id order.
std::vector<std::pair<bool, uint32_t>> states(const QuorumCluster& c,
                                              std::initializer_list<uint32_t> ids) {
  std::vector<std::pair<bool, uint32_t>> out;
  for (uint32_t id : ids)
    out.emplace_back(c.view(n(id)).quorate, c.view(n(id)).quorum);
  return out;
}

std::pair<bool, uint32_t> q(bool quorate, uint32_t quorum) {
  return {quorate, quorum};
}

TEST(WorkedExamples, TwoNodesNeedBoth) {
  QuorumCluster c(cluster_of(2));
  EXPECT_THAT(states(c, {1, 2}), ElementsAre(q(true, 2), q(true, 2)));
  c.split(1, {n(2)});
  EXPECT_THAT(states(c, {1, 2}), ElementsAre(q(false, 2), q(false, 2)));
}

TEST(WorkedExamples, TwoNodeModeSplitLeavesBothQuorate) {
  VotequorumOptions o = cluster_of(2);
  o.two_node = true;
  QuorumCluster c(o);
  EXPECT_THAT(states(c, {1, 2}), ElementsAre(q(true, 1), q(true, 1)));
  c.split(1, {n(2)});  // the fencing race
  EXPECT_THAT(states(c, {1, 2}), ElementsAre(q(true, 1), q(true, 1)));
}

TEST(WorkedExamples, TwoNodeModeBootingAloneWaitsForThePeer) {
  VotequorumOptions o = cluster_of(2);
  o.two_node = true;
  QuorumCluster c(o);
  c.down(n(1));
  EXPECT_TRUE(c.view(n(2)).quorate);  // it has seen its peer: stays quorate with quorum 1
  c.up(1, {n(1)});                    // node 1 reboots cut off from node 2
  EXPECT_FALSE(c.view(n(1)).quorate);
  EXPECT_TRUE(c.node(n(1)).wait_for_all_status());
  c.join(0, {1});
  EXPECT_THAT(states(c, {1, 2}), ElementsAre(q(true, 1), q(true, 1)));
  c.split(1, {n(1)});  // having seen the peer once, each side keeps quorum
  EXPECT_THAT(states(c, {1, 2}), ElementsAre(q(true, 1), q(true, 1)));
}

TEST(WorkedExamples, TwoNodeModeWithAThirdNodeUsesTheNormalFormula) {
  VotequorumOptions o = cluster_of(3);
  o.two_node = true;
  QuorumCluster c(o);
  EXPECT_EQ(c.view(n(1)).quorum, 2u);
  c.down(n(3));  // two members left: two_node forces quorum 1 again
  EXPECT_THAT(states(c, {1, 2}), ElementsAre(q(true, 1), q(true, 1)));
}

TEST(WorkedExamples, ThreeNodesTwoSideWins) {
  QuorumCluster c(cluster_of(3));
  EXPECT_THAT(states(c, {1, 2, 3}), ElementsAre(q(true, 2), q(true, 2), q(true, 2)));
  c.split(1, {n(3)});
  EXPECT_THAT(states(c, {1, 2, 3}), ElementsAre(q(true, 2), q(true, 2), q(false, 2)));
}

TEST(WorkedExamples, ThreeNodesLmsDoesNothingForThreeToTwo) {
  VotequorumOptions o = cluster_of(3);
  o.last_man_standing = true;
  QuorumCluster c(o);
  c.down(n(3));
  c.wait(kWindow);
  EXPECT_EQ(c.view(n(1)).expected_votes, 2u);
  EXPECT_THAT(states(c, {1, 2}), ElementsAre(q(true, 2), q(true, 2)));
  c.down(n(2));  // 2 -> 1 without ATB: inquorate
  EXPECT_FALSE(c.view(n(1)).quorate);
}

TEST(WorkedExamples, ThreeNodesTwoToOneNeedsAtbAndWaitForAll) {
  VotequorumOptions o = cluster_of(3);
  o.last_man_standing = true;
  o.auto_tie_breaker = true;
  o.wait_for_all = true;  // mandatory for ATB with an odd node count
  QuorumCluster c(o);
  c.down(n(3));
  c.wait(kWindow);
  c.down(n(2));
  EXPECT_TRUE(c.view(n(1)).quorate);  // TV 1 == EV 2 / 2, node 1 is the lowest id
}

TEST(WorkedExamples, FourNodesEvenSplitBothInquorate) {
  QuorumCluster c(cluster_of(4));
  EXPECT_EQ(c.view(n(1)).quorum, 3u);
  c.split(1, {n(3), n(4)});
  EXPECT_THAT(states(c, {1, 2, 3, 4}),
              ElementsAre(q(false, 3), q(false, 3), q(false, 3), q(false, 3)));
}

TEST(WorkedExamples, FourNodesAtbGivesTheLowestIdSideQuorum) {
  VotequorumOptions o = cluster_of(4);
  o.auto_tie_breaker = true;
  QuorumCluster c(o);
  c.split(1, {n(3), n(4)});
  EXPECT_THAT(states(c, {1, 2, 3, 4}),
              ElementsAre(q(true, 3), q(true, 3), q(false, 3), q(false, 3)));
}

TEST(WorkedExamples, FourNodesAtbHighestAndNodeList) {
  VotequorumOptions o = cluster_of(4);
  o.auto_tie_breaker = true;
  o.auto_tie_breaker_node = "highest";
  QuorumCluster high(o);
  high.split(1, {n(3), n(4)});
  EXPECT_FALSE(high.view(n(1)).quorate);
  EXPECT_TRUE(high.view(n(4)).quorate);
  o.auto_tie_breaker_node = "3 1";
  QuorumCluster list(o);
  list.split(1, {n(3), n(4)});
  EXPECT_FALSE(list.view(n(1)).quorate);  // node 3, listed first, was here before: it decides
  EXPECT_TRUE(list.view(n(3)).quorate);
}

TEST(WorkedExamples, FourNodesLmsCascadeToOneWithAtb) {
  VotequorumOptions o = cluster_of(4);
  o.last_man_standing = true;
  o.auto_tie_breaker = true;
  QuorumCluster c(o);
  c.down(n(4));
  EXPECT_THAT(states(c, {1}), ElementsAre(q(true, 3)));
  c.wait(kWindow);  // EV 3, quorum 2
  EXPECT_EQ(c.view(n(1)).expected_votes, 3u);
  EXPECT_THAT(states(c, {1}), ElementsAre(q(true, 2)));
  c.down(n(3));
  c.wait(kWindow);  // EV 2, quorum 2
  EXPECT_THAT(states(c, {1, 2}), ElementsAre(q(true, 2), q(true, 2)));
  c.down(n(2));  // TV 1 == EV 2 / 2 and node 1 holds the lowest id
  EXPECT_THAT(states(c, {1}), ElementsAre(q(true, 2)));
}

TEST(WorkedExamples, FiveNodesThreeSideWinsAndAtbCannotRescueTwo) {
  VotequorumOptions o = cluster_of(5);
  o.auto_tie_breaker = true;
  o.wait_for_all = true;
  QuorumCluster c(o);
  c.split(1, {n(1), n(2)});  // the 2-side holds the lowest id, but 5 - 2 = 3 is not < 3
  EXPECT_THAT(states(c, {1, 2, 3, 4, 5}),
              ElementsAre(q(false, 3), q(false, 3), q(true, 3), q(true, 3), q(true, 3)));
}

TEST(WorkedExamples, FiveNodesLmsCascadeToTwo) {
  VotequorumOptions o = cluster_of(5);
  o.last_man_standing = true;
  QuorumCluster c(o);
  c.down(n(5));
  c.down(n(4));
  EXPECT_THAT(states(c, {1}), ElementsAre(q(true, 3)));
  c.wait(kWindow);  // EV 3, quorum 2
  c.down(n(3));
  EXPECT_THAT(states(c, {1, 2}), ElementsAre(q(true, 2), q(true, 2)));
  c.wait(kWindow);
  EXPECT_EQ(c.view(n(1)).expected_votes, 2u);
  c.down(n(2));
  EXPECT_FALSE(c.view(n(1)).quorate);
}

TEST(WorkedExamples, LmsWindowMustElapseBeforeTheNextFailure) {
  VotequorumOptions o = cluster_of(5);
  o.last_man_standing = true;
  QuorumCluster c(o);
  c.down(n(5));
  c.down(n(4));
  c.wait(kWindow - Duration::from_ms(1));  // not yet
  c.down(n(3));
  EXPECT_FALSE(c.view(n(1)).quorate);
  EXPECT_EQ(c.view(n(1)).expected_votes, 5u);
}

TEST(WorkedExamples, QuorumForOneVoteEach) {
  for (const auto& [count, quorum] : std::vector<std::pair<uint32_t, uint32_t>>{
           {2, 2}, {3, 2}, {4, 3}, {5, 3}, {8, 5}, {16, 9}}) {
    QuorumCluster c(cluster_of(count));
    EXPECT_EQ(c.view(n(1)).quorum, quorum) << count << " nodes";
  }
}

TEST(WaitForAll, StartupNeedsEveryNodeOnce) {
  VotequorumOptions o = cluster_of(5);
  o.wait_for_all = true;
  QuorumCluster c(o);
  c.down(n(5));
  c.up(1, {n(5)});  // node 5 restarts alone: waits for all
  EXPECT_FALSE(c.view(n(5)).quorate);
  c.split(1, {n(4)});  // 4 + 5: TV 2, and both are waiting (4 lost quorum)
  EXPECT_FALSE(c.view(n(5)).quorate);
  c.join(0, {1});  // back with quorate non-waiting nodes: the wait is over
  EXPECT_TRUE(c.view(n(5)).quorate);
}

TEST(WaitForAll, ReArmedWhenInquorate) {
  for (const bool wfa : {false, true}) {
    VotequorumOptions o = cluster_of(3);
    o.wait_for_all = wfa;
    QuorumCluster c(o);
    c.split(1, {n(1)});  // {1} loses quorum: WFA re-armed there
    c.down(n(3));        // {2} loses quorum too
    c.join(0, {1});      // {1, 2}: TV 2 >= quorum 2, but both wait for all 3 votes
    EXPECT_EQ(c.view(n(1)).quorate, !wfa) << "wait_for_all " << wfa;
    EXPECT_EQ(c.view(n(2)).quorate, !wfa) << "wait_for_all " << wfa;
  }
}

TEST(WaitForAll, CancelledByTheAdministrator) {
  VotequorumOptions o = cluster_of(3);
  o.wait_for_all = true;
  QuorumCluster c(o);
  c.split(1, {n(1)});
  c.down(n(3));
  c.join(0, {1});
  ASSERT_FALSE(c.view(n(1)).quorate);
  c.cancel_wait_for_all(n(1));
  EXPECT_TRUE(c.view(n(1)).quorate);
  EXPECT_TRUE(c.view(n(2)).quorate);
}

TEST(QuorumNeverDecreases, WithoutAnExplicitReason) {
  QuorumCluster c(cluster_of(5));
  c.down(n(5));
  c.down(n(4));
  EXPECT_THAT(states(c, {1}), ElementsAre(q(true, 3)));
  c.down(n(3));
  EXPECT_THAT(states(c, {1, 2}), ElementsAre(q(false, 3), q(false, 3)));
  c.wait(kWindow * 10);  // time alone changes nothing without LMS
  EXPECT_THAT(states(c, {1, 2}), ElementsAre(q(false, 3), q(false, 3)));
}

TEST(QuorumNeverDecreases, RisesWithTotalVotes) {
  VotequorumOptions o = cluster_of(3);
  o.expected_votes = 2;  // too low: the total votes raise expected votes and quorum
  QuorumCluster c(o);
  EXPECT_EQ(c.view(n(1)).expected_votes, 3u);
  EXPECT_EQ(c.view(n(1)).quorum, 2u);
}

TEST(Administration, SetExpectedLowersQuorumOnlyIfStillQuorate) {
  QuorumCluster c(cluster_of(5));
  c.down(n(5));
  c.down(n(4));
  c.down(n(3));
  ASSERT_FALSE(c.view(n(1)).quorate);
  EXPECT_EQ(c.set_expected(n(1), 9), AdminResult::kInvalidParam);  // quorum 5 > TV 2
  EXPECT_EQ(c.set_expected(n(1), 2), AdminResult::kOk);
  EXPECT_THAT(states(c, {1, 2}), ElementsAre(q(true, 2), q(true, 2)));
  // Below the total votes is accepted too: the total then sets the quorum.
  EXPECT_EQ(c.set_expected(n(1), 1), AdminResult::kOk);
  EXPECT_THAT(states(c, {1, 2}), ElementsAre(q(true, 2), q(true, 2)));
}

TEST(Administration, SetVotes) {
  QuorumCluster c(cluster_of(3));
  EXPECT_EQ(c.set_votes(n(1), n(3), 3), AdminResult::kOk);
  EXPECT_EQ(c.view(n(1)).expected_votes, 5u);  // TV 5 > EV 3 raises it
  EXPECT_EQ(c.view(n(1)).quorum, 3u);
  EXPECT_EQ(c.set_votes(n(1), n(7), 1), AdminResult::kNotFound);
}

TEST(AllowDownscale, LeavingNodeCannotTakeQuorumBelowTheConfiguredExpectedVotes) {
  VotequorumOptions o = cluster_of(5);
  o.allow_downscale = true;
  QuorumCluster c(o);
  c.leave(n(5));
  // corosync lowers every member's expected votes to the member count, but computes quorum
  // from max(ev_barrier, members): the configured 5 still gives quorum 3.
  EXPECT_THAT(states(c, {1, 4}), ElementsAre(q(true, 3), q(true, 3)));
  EXPECT_EQ(c.view(n(1)).expected_votes, 4u);
  c.leave(n(4));
  EXPECT_THAT(states(c, {1, 3}), ElementsAre(q(true, 3), q(true, 3)));
  c.leave(n(3));
  EXPECT_THAT(states(c, {1, 2}), ElementsAre(q(false, 3), q(false, 3)));
  EXPECT_EQ(c.ev_tracking_file(), 5u);
}

TEST(AllowDownscale, WithoutItALeavingNodeIsJustACrash) {
  VotequorumOptions o = cluster_of(5);
  QuorumCluster c(o);
  c.leave(n(5));
  EXPECT_EQ(c.view(n(1)).expected_votes, 5u);
  EXPECT_EQ(c.view(n(1)).quorum, 3u);
}

TEST(LastManStanding, DisabledWhenANodeHasMoreThanOneVote) {
  VotequorumOptions o = cluster_of(3);
  o.nodelist[2].votes = 2;
  o.last_man_standing = true;
  QuorumCluster c(o);
  EXPECT_FALSE(c.node(n(1)).last_man_standing_enabled());
  c.down(n(2));
  c.wait(kWindow);
  EXPECT_EQ(c.view(n(1)).expected_votes, 4u);
}

TEST(Quirks, QuorumIsStoredInEightBits) {
  VotequorumOptions o;
  o.nodelist = {NodeVotes{n(1), 600}};
  QuorumCluster c(o);
  EXPECT_EQ(c.view(n(1)).quorum, (600u / 2 + 1) % 256);  // 301 wraps to 45
  EXPECT_TRUE(c.view(n(1)).quorate);
}

TEST(Qdevice, TwoNodeSplitGoesToOneSide) {
  VotequorumOptions o = cluster_of(2);
  o.device = DeviceOptions{};
  QuorumCluster c(o);
  EXPECT_EQ(c.view(n(1)).expected_votes, 3u);  // 2 nodes + 1 automatic device vote
  EXPECT_THAT(states(c, {1, 2}), ElementsAre(q(true, 2), q(true, 2)));
  c.qdevice(true, {n(1), n(2)});
  EXPECT_TRUE(c.view(n(1)).quorate);
  EXPECT_EQ(c.node(n(1)).info(n(1))->total_votes, 3u);
  c.split(1, {n(2)});  // tie: the arbiter keeps the side with the lowest node id
  EXPECT_THAT(states(c, {1, 2}), ElementsAre(q(true, 2), q(false, 2)));
  c.down(n(1));  // only node 2's partition is left: it gets the vote
  EXPECT_TRUE(c.view(n(2)).quorate);
}

TEST(Qdevice, ArbiterPrefersTheBiggerSideThenTheOneItSupports) {
  QdeviceArbiter arbiter;
  using P = QdeviceArbiter::Partition;
  EXPECT_EQ(arbiter.decide({P{n(1), n(2)}, P{n(3), n(4), n(5)}}), 1u);
  EXPECT_EQ(arbiter.decide({P{n(1), n(3)}, P{n(4), n(5)}}), 1u);  // keeps supporting 4, 5
  EXPECT_EQ(arbiter.decide({P{}, P{n(2)}, P{n(1)}}), 2u);         // new tie: lowest id
  EXPECT_EQ(arbiter.decide({P{}, P{}}), std::nullopt);
}

TEST(Notifications, EverySyncReportsAndChangesOutsideSyncToo) {
  VotequorumOptions o = cluster_of(3);
  o.last_man_standing = true;
  auto started = Votequorum::start(n(1), o);
  Votequorum& vq = std::get<Votequorum>(started);
  const std::vector<NodeId> members = {n(1)};
  vq.sync_init(members, RingId{n(1), 4}, Instant::epoch());
  for (const VqMessage& m : vq.sync_process())
    vq.deliver(n(1), m);
  vq.sync_activate();
  const auto notes = vq.drain_notifications();
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_FALSE(notes[0].quorate);
  EXPECT_THAT(notes[0].members, ElementsAre(n(1)));
  EXPECT_FALSE(vq.wake_time().has_value());  // nobody left: no LMS timer
}

}  // namespace
}  // namespace quorate::quorum::testing
