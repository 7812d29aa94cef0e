// Partitions: symmetric, one-way, non-transitive; host level and NIC level; heal at a time.
#include <gtest/gtest.h>

#include "net_test_util.h"
#include "sim/net/virtual_network.h"

namespace quorate::sim::net {
namespace {

using testing::at_ms;
using testing::last_reason;
using testing::make_network;
using testing::nic_of;
using testing::send;

bool ok(VirtualNetwork& net, int64_t ms, uint32_t from, uint32_t to, uint8_t link = 0) {
  return !send(net, at_ms(ms), from, to, link).arrivals.empty();
}

TEST(Partition, SymmetricCutBetweenTwoInstants) {
  const auto net = make_network();
  net->cut_both(at_ms(10), NodeId{1}, NodeId{2});
  net->heal_both(at_ms(20), NodeId{1}, NodeId{2});
  EXPECT_TRUE(ok(*net, 9, 1, 2));
  EXPECT_FALSE(ok(*net, 10, 1, 2));
  EXPECT_EQ(last_reason(*net), NetDropReason::kPartition);
  EXPECT_FALSE(ok(*net, 10, 2, 1));
  EXPECT_FALSE(ok(*net, 15, 2, 1, 1));  // host level: every network
  EXPECT_TRUE(ok(*net, 15, 1, 3));
  EXPECT_TRUE(ok(*net, 20, 1, 2));
  EXPECT_TRUE(ok(*net, 20, 2, 1));
}

TEST(Partition, OneWayCutKeepsTheReverseDirection) {
  const auto net = make_network();
  net->cut(at_ms(0), NodeId{1}, NodeId{2});
  EXPECT_FALSE(ok(*net, 1, 1, 2));
  EXPECT_TRUE(ok(*net, 1, 2, 1));
}

TEST(Partition, NonTransitiveMesh) {
  const auto net = make_network();
  net->cut_both(at_ms(0), NodeId{1}, NodeId{3});
  EXPECT_TRUE(ok(*net, 1, 1, 2));
  EXPECT_TRUE(ok(*net, 1, 2, 1));
  EXPECT_TRUE(ok(*net, 1, 2, 3));
  EXPECT_TRUE(ok(*net, 1, 3, 2));
  EXPECT_FALSE(ok(*net, 1, 1, 3));
  EXPECT_FALSE(ok(*net, 1, 3, 1));
}

TEST(Partition, GroupsCutEveryCrossPairAndHealAllRestores) {
  const auto net = make_network(5);
  net->partition(at_ms(0), {{NodeId{1}, NodeId{2}}, {NodeId{3}, NodeId{4}, NodeId{5}}});
  net->heal_all(at_ms(50));
  for (uint32_t a = 1; a <= 5; ++a) {
    for (uint32_t b = 1; b <= 5; ++b) {
      if (a == b) continue;
      const bool same_side = (a <= 2) == (b <= 2);
      EXPECT_EQ(ok(*net, 1, a, b), same_side) << a << "->" << b;
    }
  }
  for (uint32_t a = 1; a <= 5; ++a) {
    for (uint32_t b = 1; b <= 5; ++b) {
      if (a != b) {
        EXPECT_TRUE(ok(*net, 50, a, b));
      }
    }
  }
}

TEST(Partition, NicLevelCutAffectsOneNetworkOnly) {
  const auto net = make_network();
  net->cut_nics(at_ms(0), nic_of(*net, 1, "eth0"), nic_of(*net, 2, "eth0"));
  EXPECT_FALSE(ok(*net, 1, 1, 2, 0));
  EXPECT_EQ(last_reason(*net), NetDropReason::kPartition);
  EXPECT_TRUE(ok(*net, 1, 2, 1, 0));  // one-way
  EXPECT_TRUE(ok(*net, 1, 1, 2, 1));  // link1 uses eth1
  net->heal_nics(at_ms(5), nic_of(*net, 1, "eth0"), nic_of(*net, 2, "eth0"));
  EXPECT_TRUE(ok(*net, 5, 1, 2, 0));
}

}  // namespace
}  // namespace quorate::sim::net
