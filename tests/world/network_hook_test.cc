// The World's scheduling hook for networks (sim/network.h NetworkScheduler): events run in the
// one (time, seq) queue with deliveries and wake-ups, are traced as state:net.<label>, can be
// cancelled, and note() traces the network's own records.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/echo_heartbeat.h"
#include "sim/world.h"

namespace quorate::sim {
namespace {

Instant at_ms(int64_t ms) {
  return Instant::epoch() + Duration::from_ms(ms);
}

// A fixed 1 ms network that, once attached, ticks every 10 ms and logs what it saw.
class TickingNetwork final : public Network {
 public:
  void attach(NetworkScheduler& scheduler) override {
    scheduler_ = &scheduler;
    schedule_tick(at_ms(10));
    cancelled_ = scheduler.schedule(at_ms(15), NodeId{}, "net.never",
                                    [this](Instant) { log.push_back("never"); });
  }
  void route(const Transmission& tx, RouteDecision& decision) override {
    log.push_back("route@" + std::to_string(tx.sent_at.since_epoch().ms()));
    decision.arrivals.push_back(tx.sent_at + Duration::from_ms(1));
  }
  void schedule_tick(Instant at) {
    scheduler_->schedule(at, NodeId{2}, "net.tick", [this](Instant now) {
      EXPECT_EQ(now, scheduler_->now());
      log.push_back("tick@" + std::to_string(now.since_epoch().ms()));
      if (now == at_ms(10)) {
        EXPECT_TRUE(scheduler_->cancel(cancelled_));
      }
      EXPECT_FALSE(scheduler_->cancel(cancelled_));  // already cancelled
      scheduler_->note(NodeId{2}, "net.seen", {{"ticks", ++ticks_}});
      if (now < at_ms(30)) schedule_tick(now + Duration::from_ms(10));
    });
  }
  std::vector<std::string> log;

 private:
  NetworkScheduler* scheduler_ = nullptr;
  NetEventId cancelled_;
  int64_t ticks_ = 0;
};

TEST(NetworkHook, EventsShareTheQueueAreTracedAndCancellable) {
  World world(WorldOptions{1, {}});
  auto network = std::make_unique<TickingNetwork>();
  TickingNetwork* net = network.get();
  world.set_network(std::move(network));
  for (uint32_t k = 1; k <= 2; ++k) {
    EchoHeartbeatOptions o{NodeId{k}, {NodeId{3 - k}}, {LinkId{0}}, Duration::from_ms(20), k};
    world.add_node(NodeId{k}, Clock(), std::make_unique<EchoHeartbeat>(std::move(o)));
  }
  world.inject_packet(at_ms(10), NodeId{1}, LinkId{0}, NodeId{2}, std::vector<std::byte>(3));
  world.run_until(at_ms(40));
  // attach() ran in set_network, before the injection: the tick at 10 ms holds the earlier
  // sequence number and runs before the injected packet's delivery at the same instant.
  ASSERT_GE(net->log.size(), 3U);
  EXPECT_EQ(net->log[0], "tick@10");
  EXPECT_EQ(net->log[1], "tick@20");
  EXPECT_EQ(net->log[2], "tick@30");
  EXPECT_EQ(world.stats().network_events, 3U);
  std::vector<std::string> lines;
  for (const TraceRecord& r : world.trace().records()) {
    if (r.kind == TraceKind::kState && r.label.starts_with("net.")) lines.push_back(canonical(r));
  }
  ASSERT_EQ(lines.size(), 6U);
  EXPECT_EQ(lines[0], "10000000 n2 - state:net.tick ev=1\n");
  EXPECT_EQ(lines[1], "10000000 n2 - state:net.seen ticks=1\n");
  EXPECT_EQ(lines[5], "30000000 n2 - state:net.seen ticks=3\n");
  // The malformed injected packet reached node 2 after the tick of the same instant.
  bool recv_after_tick = false;
  for (size_t i = 0; i + 1 < world.trace().records().size(); ++i) {
    const TraceRecord& r = world.trace().records()[i];
    if (r.kind == TraceKind::kPacketDelivered && r.global == at_ms(10)) {
      recv_after_tick = world.trace().records()[i - 1].label == "net.seen";
    }
  }
  EXPECT_TRUE(recv_after_tick);
}

TEST(NetworkHookDeath, LabelsMustStartWithNet) {
  struct BadNetwork final : Network {
    void attach(NetworkScheduler& s) override {
      s.schedule(Instant::epoch(), NodeId{}, "tick", [](Instant) {});
    }
    void route(const Transmission&, RouteDecision&) override {}
  };
  World world(WorldOptions{1, {}});
  EXPECT_DEATH(world.set_network(std::make_unique<BadNetwork>()), "net\\.");
}

}  // namespace
}  // namespace quorate::sim
