// corosync-quorumtool -s style status text.
#include "engine/quorum/quorum_status.h"

#include <gtest/gtest.h>

#include "tests/quorum/quorum_cluster.h"

namespace quorate::quorum::testing {
namespace {

VotequorumOptions three_nodes() {
  VotequorumOptions o;
  for (uint32_t id = 1; id <= 3; ++id)
    o.nodelist.push_back(NodeVotes{NodeId{id}, 1});
  return o;
}

StatusOptions named(uint32_t count) {
  StatusOptions s;
  for (uint32_t id = 1; id <= count; ++id)
    s.names[NodeId{id}] = "node" + std::to_string(id);
  return s;
}

TEST(QuorumStatus, QuorateThreeNodeCluster) {
  QuorumCluster c(three_nodes());
  EXPECT_EQ(quorum_status_text(c.node(NodeId{1}), named(3)),
            "Quorum information\n"
            "------------------\n"
            "Quorum provider:  corosync_votequorum\n"
            "Nodes:            3\n"
            "Node ID:          1\n"
            "Ring ID:          1.c\n"
            "Quorate:          Yes\n"
            "\n"
            "Votequorum information\n"
            "----------------------\n"
            "Expected votes:   3\n"
            "Highest expected: 3\n"
            "Total votes:      3\n"
            "Quorum:           2  \n"
            "Flags:            Quorate \n"
            "\n"
            "Membership information\n"
            "----------------------\n"
            "    Nodeid      Votes Name\n"
            "         1          1 node1 (local)\n"
            "         2          1 node2\n"
            "         3          1 node3\n");
}

TEST(QuorumStatus, InquorateSideShowsActivityBlockedAndItsFlags) {
  VotequorumOptions o = three_nodes();
  o.wait_for_all = true;
  o.last_man_standing = true;
  QuorumCluster c(o);
  c.split(1, {NodeId{3}});
  StatusOptions s = named(3);
  s.date = "Wed Nov 25 15:00:00 2026";
  EXPECT_EQ(quorum_status_text(c.node(NodeId{3}), s),
            "Quorum information\n"
            "------------------\n"
            "Date:             Wed Nov 25 15:00:00 2026\n"
            "Quorum provider:  corosync_votequorum\n"
            "Nodes:            1\n"
            "Node ID:          3\n"
            "Ring ID:          3.4\n"
            "Quorate:          No\n"
            "\n"
            "Votequorum information\n"
            "----------------------\n"
            "Expected votes:   3\n"
            "Highest expected: 3\n"
            "Total votes:      1\n"
            "Quorum:           2 Activity blocked\n"
            "Flags:            WaitForAll LastManStanding \n"
            "\n"
            "Membership information\n"
            "----------------------\n"
            "    Nodeid      Votes Name\n"
            "         3          1 node3 (local)\n");
}

TEST(QuorumStatus, TwoNodeFlag) {
  VotequorumOptions o = three_nodes();
  o.nodelist.pop_back();
  o.two_node = true;
  QuorumCluster c(o);
  const std::string text = quorum_status_text(c.node(NodeId{2}), named(2));
  EXPECT_NE(text.find("Flags:            2Node Quorate WaitForAll \n"), std::string::npos) << text;
  EXPECT_NE(text.find("Quorum:           1  \n"), std::string::npos) << text;
}

TEST(QuorumStatus, QuorumDeviceColumnAndLine) {
  VotequorumOptions o = three_nodes();
  o.nodelist.pop_back();
  o.device = DeviceOptions{};
  QuorumCluster c(o);
  c.qdevice(true, {NodeId{1}, NodeId{2}});
  const std::string text = quorum_status_text(c.node(NodeId{1}), named(2));
  EXPECT_NE(text.find("Total votes:      3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Flags:            Quorate Qdevice \n"), std::string::npos) << text;
  EXPECT_NE(text.find("Membership information\n"
                      "----------------------\n"
                      "    Nodeid      Votes    Qdevice Name\n"
                      "         1          1    A,V,NMW node1 (local)\n"
                      "         2          1    A,V,NMW node2\n"
                      "         0          1            Qdevice\n"),
            std::string::npos)
      << text;
  c.split(1, {NodeId{2}});  // node 2's side loses the device's vote
  const std::string lost = quorum_status_text(c.node(NodeId{2}), named(2));
  EXPECT_NE(lost.find("         2          1   A,NV,NMW node2 (local)\n"
                      "         0          0            Qdevice (votes 1)\n"),
            std::string::npos)
      << lost;
}

}  // namespace
}  // namespace quorate::quorum::testing
