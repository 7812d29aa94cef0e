// A ring forms from singletons as the knet links come up, and delivers in total order.
#include <gtest/gtest.h>

#include <map>

#include "model/checkers/ring_checkers.h"
#include "tests/ring/ring_cluster.h"

namespace quorate::ring::test {
namespace {

// Every node's deliveries as (sender, msg_id), in order.
std::map<NodeId, std::vector<checkers::MsgKey>> delivered(const checkers::RingHistory& h) {
  std::map<NodeId, std::vector<checkers::MsgKey>> out;
  for (const auto& [id, nh] : h.nodes)
    for (const checkers::HistoryItem& item : nh.items)
      if (const auto* d = std::get_if<checkers::DeliverRec>(&item)) out[id].push_back(d->msg);
  return out;
}

size_t sends(const checkers::RingHistory& h) {
  size_t n = 0;
  for (const auto& [id, nh] : h.nodes)
    n += nh.sends.size();
  return n;
}

void form_and_deliver(int nodes) {
  RingClusterOptions o;
  o.nodes = nodes;
  o.app.traffic_interval = ms(50);
  o.app.traffic_start = ms(8000);  // after the links are up and the ring has formed
  o.app.traffic_limit = 40;
  RingCluster c(o);
  std::vector<NodeId> everyone = c.all();
  const std::optional<Instant> formed = c.run_until_converged(everyone, at_ms(8000));
  ASSERT_TRUE(formed.has_value()) << "no ring of " << nodes << " within 8 s";
  c.run_until(at_ms(8000 + 40 * 50 + 2000));
  EXPECT_TRUE(c.converged(everyone));
  const checkers::RingHistory h = c.history();
  const std::vector<checkers::Violation> v = checkers::check_all(h);
  EXPECT_TRUE(v.empty()) << checkers::describe(v);
  EXPECT_EQ(sends(h), static_cast<size_t>(40 * nodes));
  const auto d = delivered(h);
  ASSERT_EQ(d.size(), static_cast<size_t>(nodes));
  for (const auto& [id, seq] : d) {
    EXPECT_EQ(seq.size(), static_cast<size_t>(40 * nodes)) << "node " << id.value;
    EXPECT_EQ(seq, d.begin()->second) << "node " << id.value << " delivered another order";
  }
}

TEST(RingForm, ThreeNodesFormAndDeliverInTotalOrder) {
  form_and_deliver(3);
}

TEST(RingForm, FiveNodesFormAndDeliverInTotalOrder) {
  form_and_deliver(5);
}

TEST(RingForm, SingleNodeFormsASingletonRingAtOnce) {
  RingClusterOptions o;
  o.nodes = 1;
  o.app.traffic_interval = ms(10);
  o.app.traffic_limit = 5;
  RingCluster c(o);
  c.run_until(at_ms(1));
  EXPECT_TRUE(c.converged({node(1)}));
  c.run_until(at_ms(1000));
  const checkers::RingHistory h = c.history();
  EXPECT_TRUE(checkers::check_all(h).empty()) << checkers::describe(checkers::check_all(h));
  EXPECT_EQ(delivered(h)[node(1)].size(), 5u);
}

}  // namespace
}  // namespace quorate::ring::test

namespace quorate::ring::test {
namespace {

// An idle ring: after seqno_unchanged_const quiet rotations the rep holds the token for `hold`
// per rotation, so over a quiet window it holds about window / hold times (never more).
// A message queued by a non-rep then sends TOKEN_HOLD_CANCEL: the rep releases the token at
// once and the message is delivered everywhere within a few LAN hops, far below `hold`.
TEST(RingHold, IdleRepHoldsTheTokenAndAHoldCancelReleasesIt) {
  RingCluster c(RingClusterOptions{});
  ASSERT_TRUE(c.run_until_converged(c.all(), at_ms(8000)));
  const RingOptions& o = c.ring_options();
  c.run_until(at_ms(10000));
  const uint64_t held_before = c.engine(node(1)).totem().stats().tokens_held;
  const uint64_t held_before_2 = c.engine(node(2)).totem().stats().tokens_held;  // as a singleton
  c.run_until(at_ms(20000));
  const uint64_t held = c.engine(node(1)).totem().stats().tokens_held - held_before;
  EXPECT_LE(held, static_cast<uint64_t>(ms(10000).ns() / o.hold.ns()) + 1);
  EXPECT_GE(held, static_cast<uint64_t>(ms(10000).ns() / (o.hold + ms(5)).ns()) - 1);
  EXPECT_EQ(c.engine(node(2)).totem().stats().tokens_held, held_before_2) << "only the rep holds";
  const Instant send = at_ms(20000) + o.hold / 2;  // in the middle of a hold
  c.engine(node(2)).send_at(send, std::vector<std::byte>(100, std::byte{7}));
  c.run_until(send + o.hold);
  const checkers::RingHistory h = c.history();
  for (NodeId id : c.all()) {
    const auto& items = h.nodes.at(id).items;
    ASSERT_FALSE(items.empty());
    const auto* d = std::get_if<checkers::DeliverRec>(&items.back());
    ASSERT_NE(d, nullptr) << "node " << id.value;
    EXPECT_EQ(d->msg, (checkers::MsgKey{node(2), 1}));
    EXPECT_LT(d->at - send, ms(5)) << "node " << id.value << " waited for the hold timer";
  }
}

}  // namespace
}  // namespace quorate::ring::test
