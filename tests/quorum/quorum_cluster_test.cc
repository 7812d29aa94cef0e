#include "tests/quorum/quorum_cluster.h"

#include <gtest/gtest.h>

namespace quorate::quorum::testing {
namespace {

TEST(QuorumCluster, ThreeNodesStartQuorate) {
  VotequorumOptions o;
  o.nodelist = {{NodeId{1}, 1}, {NodeId{2}, 1}, {NodeId{3}, 1}};
  QuorumCluster c(o);
  for (const NodeView& v : c.views()) {
    EXPECT_TRUE(v.quorate);
    EXPECT_EQ(v.quorum, 2u);
  }
}

}  // namespace
}  // namespace quorate::quorum::testing
