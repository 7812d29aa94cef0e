// The checkers against hand-made traces: each must reject the bad trace made for it (naming the
// nodes, the messages and the time) and accept the good one.
#include <gtest/gtest.h>

#include "engine/ring/ring_events.h"
#include "engine/seam.h"
#include "model/checkers/ring_checkers.h"
#include "sim/trace.h"

namespace quorate::ring::test {
namespace {

using checkers::RingHistory;
using checkers::Violation;

// Builds a trace of ring events with the engine's own event builders.
class TraceBuilder {
 public:
  TraceBuilder& send(int64_t t_ms, uint32_t node, uint64_t msg_id, int64_t payload = 0) {
    return add(t_ms, node, send_event(msg_id, bytes(payload)));
  }
  TraceBuilder& deliver(int64_t t_ms, uint32_t node, uint32_t sender, uint64_t msg_id, RingId ring,
                        uint64_t seq, int64_t payload = 0) {
    return add(t_ms, node,
               deliver_event(NodeId{sender}, msg_id, ring, MsgSeq{seq}, bytes(payload)));
  }
  // A transitional then a regular change to `ring` with `members` (trans = members).
  TraceBuilder& install(int64_t t_ms, uint32_t node, RingId ring, std::vector<NodeId> members,
                        std::vector<NodeId> trans = {}) {
    if (trans.empty()) trans = members;
    add(t_ms, node, confchg_event(ConfType::kTransitional, ring, trans, {}, {}));
    return add(t_ms, node, confchg_event(ConfType::kRegular, ring, members, {}, {}));
  }
  RingHistory history() const { return RingHistory::from_trace(trace_); }

 private:
  static std::vector<std::byte> bytes(int64_t payload) {
    return std::vector<std::byte>(8, static_cast<std::byte>(payload & 0xff));
  }
  TraceBuilder& add(int64_t t_ms, uint32_t node, const Event& e) {
    sim::TraceRecord r{Instant::epoch() + Duration::from_ms(t_ms),
                       NodeId{node},
                       true,
                       Instant::epoch() + Duration::from_ms(t_ms),
                       sim::TraceKind::kEngineEvent,
                       to_string(e.kind),
                       {}};
    for (const EventField& f : e.fields)
      r.fields.push_back(sim::TraceField{f.key, f.value});
    trace_.record(std::move(r));
    return *this;
  }
  sim::Trace trace_;
};

Instant at(int64_t t_ms) {
  return Instant::epoch() + Duration::from_ms(t_ms);
}

const RingId kR1{NodeId{1}, 4};
const RingId kR2{NodeId{1}, 8};
const std::vector<NodeId> k12{NodeId{1}, NodeId{2}};
const std::vector<NodeId> k123{NodeId{1}, NodeId{2}, NodeId{3}};

// Two nodes in ring R1, both deliver 1#1 then 2#1.
TraceBuilder good_pair() {
  TraceBuilder b;
  b.install(0, 1, kR1, k12).install(0, 2, kR1, k12);
  b.send(1, 1, 1).send(1, 2, 1);
  b.deliver(2, 1, 1, 1, kR1, 1).deliver(2, 1, 2, 1, kR1, 2);
  b.deliver(2, 2, 1, 1, kR1, 1).deliver(2, 2, 2, 1, kR1, 2);
  return b;
}

TEST(RingCheckers, AcceptAGoodTrace) {
  const std::vector<Violation> v = checkers::check_all(good_pair().history());
  EXPECT_TRUE(v.empty()) << checkers::describe(v);
}

TEST(RingCheckers, TotalOrderRejectsOppositeOrders) {
  TraceBuilder b;
  b.install(0, 1, kR1, k12).install(0, 2, kR1, k12);
  b.send(1, 1, 1).send(1, 2, 1);
  b.deliver(2, 1, 1, 1, kR1, 1).deliver(2, 1, 2, 1, kR1, 2);
  b.deliver(3, 2, 2, 1, kR1, 1).deliver(3, 2, 1, 1, kR1, 2);
  const std::vector<Violation> v = checkers::check_total_order(b.history());
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].nodes, k12);
  EXPECT_EQ(v[0].at, at(3));
  EXPECT_NE(v[0].describe().find("1#1"), std::string::npos) << v[0].describe();
  EXPECT_NE(v[0].describe().find("2#1"), std::string::npos) << v[0].describe();
  EXPECT_NE(v[0].describe().find("(1.4)"), std::string::npos) << v[0].describe();
}

TEST(RingCheckers, NoCreationRejectsUnsentAndAlteredMessages) {
  TraceBuilder b = good_pair();
  b.deliver(5, 1, 2, 9, kR1, 3);                 // 2#9 never sent
  b.send(6, 1, 2, /*payload=*/1);                // 1#2 sent with payload 1...
  b.deliver(7, 2, 1, 2, kR1, 4, /*payload=*/2);  // ...delivered with payload 2
  const std::vector<Violation> v = checkers::check_no_creation(b.history());
  ASSERT_EQ(v.size(), 2u);
  EXPECT_NE(v[0].what.find("2#9"), std::string::npos);
  EXPECT_EQ(v[0].nodes, std::vector<NodeId>{NodeId{1}});
  EXPECT_NE(v[1].what.find("1#2"), std::string::npos);
  EXPECT_EQ(v[1].at, at(7));
}

TEST(RingCheckers, NoDuplicatesRejectsASecondDelivery) {
  TraceBuilder b = good_pair();
  b.deliver(9, 2, 1, 1, kR1, 3);
  const std::vector<Violation> v = checkers::check_no_duplicates(b.history());
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].nodes, std::vector<NodeId>{NodeId{2}});
  EXPECT_EQ(v[0].at, at(9));
}

TEST(RingCheckers, FifoRejectsASendersMessagesOutOfOrder) {
  TraceBuilder b;
  b.install(0, 1, kR1, {NodeId{1}});
  b.send(1, 1, 1).send(1, 1, 2);
  b.deliver(2, 1, 1, 2, kR1, 1).deliver(2, 1, 1, 1, kR1, 2);
  EXPECT_EQ(checkers::check_fifo(b.history()).size(), 1u);
}

TEST(RingCheckers, DeliveryOutsideItsConfigurationIsRejected) {
  TraceBuilder b;
  b.install(0, 1, kR2, {NodeId{1}});
  b.send(1, 1, 1).deliver(2, 1, 1, 1, kR1, 1);  // ring R1 was never installed here
  EXPECT_EQ(checkers::check_delivery_in_configuration(b.history()).size(), 1u);
  EXPECT_TRUE(checkers::check_delivery_in_configuration(good_pair().history()).empty());
}

// Nodes 1 and 2 both move from R1 to R2, but only node 1 delivered 1#2 in R1.
TEST(RingCheckers, VirtualSynchronyRejectsDifferentSetsAcrossTheSameMove) {
  TraceBuilder b = good_pair();
  b.send(3, 1, 2).deliver(4, 1, 1, 2, kR1, 3);
  b.install(5, 1, kR2, k12).install(6, 2, kR2, k12);
  const std::vector<Violation> v = checkers::check_virtual_synchrony(b.history());
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].nodes, k12);
  EXPECT_NE(v[0].what.find("1#2"), std::string::npos) << v[0].what;
  // Had node 2 delivered it too (as recovery makes it), the move is synchronous.
  TraceBuilder ok = good_pair();
  ok.send(3, 1, 2).deliver(4, 1, 1, 2, kR1, 3).deliver(4, 2, 1, 2, kR1, 3);
  ok.install(5, 1, kR2, k12).install(6, 2, kR2, k12);
  EXPECT_TRUE(checkers::check_virtual_synchrony(ok.history()).empty());
}

TEST(RingCheckers, ConfigChangesRejectDisagreementAndMissingTransitional) {
  TraceBuilder b;
  b.install(0, 1, kR1, k12).install(0, 2, kR1, k123);  // disagree on R1's members
  const std::vector<Violation> v = checkers::check_config_changes(b.history());
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].what.find("{1,2} vs {1,2,3}"), std::string::npos) << v[0].what;
  TraceBuilder c;
  c.install(0, 1, kR1, k12, /*trans=*/k123);  // transitional not within regular
  EXPECT_EQ(checkers::check_config_changes(c.history()).size(), 1u);
  TraceBuilder d;
  d.install(0, 1, kR1, {NodeId{2}});  // node 1 installs a ring it is not in
  EXPECT_FALSE(checkers::check_config_changes(d.history()).empty());
  EXPECT_TRUE(checkers::check_config_changes(good_pair().history()).empty());
}

}  // namespace
}  // namespace quorate::ring::test
