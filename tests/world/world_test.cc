// World: the echo engine end to end, delivery and timer semantics, broadcast, drops, injection.
#include "sim/world.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "engine/echo_heartbeat.h"
#include "sim/echo_world.h"
#include "sim/fixed_latency_network.h"

namespace quorate::sim {
namespace {

Instant at_s(int64_t s) {
  return Instant::epoch() + Duration::from_s(s);
}
Instant at_ns(int64_t ns) {
  return Instant::from_ns(ns);
}

struct RttLog {
  std::vector<int64_t> rtt_ns;
  uint64_t malformed = 0;
};

void collect(World& world, RttLog& log) {
  world.observe_events([&log](Instant, NodeId, Instant, const Event& event) {
    if (event.kind == EventKind::kEchoRtt) log.rtt_ns.push_back(event.field("rtt_ns"));
    if (event.kind == EventKind::kEchoMalformed) ++log.malformed;
  });
}

EchoHeartbeat& echo(World& world, uint32_t id) {
  return dynamic_cast<EchoHeartbeat&>(world.engine(NodeId{id}));
}

TEST(WorldEcho, RttIsTwiceTheLatencyOnIdealClocks) {
  EchoWorldOptions options;
  options.seed = 3;
  options.nodes = 4;
  options.links = 2;
  options.latency = Duration::from_us(300);
  auto world = make_echo_world(options);
  RttLog log;
  collect(*world, log);
  world->run_until(at_s(10));
  // 10 s at 1 s interval, first round within [0, 1 s): 10 rounds x 3 peers x 2 links per node;
  // the last round's pongs may still be in flight only if it started after 10 s - 600 us.
  ASSERT_GE(log.rtt_ns.size(), 4U * 9 * 3 * 2);
  for (const int64_t rtt : log.rtt_ns)
    ASSERT_EQ(rtt, 600'000);
  EXPECT_EQ(world->stats().packets_dropped, 0U);
  EXPECT_EQ(echo(*world, 1).counters().malformed, 0U);
  EXPECT_EQ(world->stats().packets_sent,
            world->stats().packets_delivered + world->pending_events() - 4 /* wake-ups */);
}

TEST(WorldEcho, DriftScalesMeasuredRtt) {
  EchoWorldOptions options;
  options.nodes = 3;  // drifts -1000, 0, +1000 ppm
  options.drift_ppb_max = 1'000'000;
  options.latency = Duration::from_ms(1);
  auto world = make_echo_world(options);
  std::map<uint32_t, std::vector<int64_t>> by_node;
  world->observe_events([&by_node](Instant, NodeId node, Instant, const Event& event) {
    if (event.kind == EventKind::kEchoRtt) by_node[node.value].push_back(event.field("rtt_ns"));
  });
  world->run_until(at_s(5));
  ASSERT_EQ(by_node.size(), 3U);
  // 2 ms of global time measured on a clock running at 1 -+ 0.001: 1'998'000 / 2'000'000 /
  // 2'002'000 ns, +-1 ns of flooring.
  const std::map<uint32_t, int64_t> expected = {{1, 1'998'000}, {2, 2'000'000}, {3, 2'002'000}};
  for (const auto& [node, rtts] : by_node) {
    for (const int64_t rtt : rtts)
      ASSERT_NEAR(rtt, expected.at(node), 1) << "node " << node;
  }
}

TEST(WorldEcho, LossReducesPongs) {
  EchoWorldOptions options;
  options.seed = 9;
  options.nodes = 5;
  options.loss_probability = 0.3;
  auto world = make_echo_world(options);
  world->run_until(at_s(200));
  uint64_t pings = 0, pongs = 0;
  for (uint32_t id = 1; id <= 5; ++id) {
    pings += echo(*world, id).counters().pings_sent;
    pongs += echo(*world, id).counters().pongs_received;
  }
  // Both legs must survive: expected fraction 0.7 * 0.7 = 0.49 (~4000 pings, sd ~ 0.008).
  const double fraction = static_cast<double>(pongs) / static_cast<double>(pings);
  EXPECT_NEAR(fraction, 0.49, 0.04);
  const WorldStats& stats = world->stats();
  EXPECT_EQ(stats.packets_dropped, stats.drops_by_reason[static_cast<int>(DropReason::kLoss)]);
  EXPECT_NEAR(static_cast<double>(stats.packets_dropped) / static_cast<double>(stats.packets_sent),
              0.3, 0.03);
}

TEST(WorldEcho, InjectedMalformedPacketsAreCountedNotFatal) {
  EchoWorldOptions options;
  auto world = make_echo_world(options);
  RttLog log;
  collect(*world, log);
  world->inject_packet(at_ns(500), NodeId{2}, LinkId{0}, NodeId{1}, {std::byte{1}, std::byte{2}});
  std::vector<std::byte> forged(24, std::byte{0xff});
  world->inject_packet(at_ns(600), NodeId{9}, LinkId{7}, NodeId{1}, forged);
  world->run_until(at_s(3));
  EXPECT_EQ(echo(*world, 1).counters().malformed, 2U);
  EXPECT_EQ(log.malformed, 2U);
  EXPECT_FALSE(log.rtt_ns.empty());  // the run went on
  int traced = 0;
  for (const TraceRecord& r : world->trace().records()) {
    traced += (r.kind == TraceKind::kEngineEvent && r.label == "echo.malformed") ? 1 : 0;
  }
  EXPECT_EQ(traced, 2);
}

// A scriptable engine for seam-level tests of the world.
class ScriptEngine final : public Engine {
 public:
  using Hook = std::function<void(Instant now, Outputs& out)>;
  Hook on_start, on_wake;
  std::vector<std::pair<NodeId, Instant>> received;  // (from, local now)
  std::vector<Instant> woken;

  void on_packet(LinkId, NodeId from, std::span<const std::byte>, Instant now, Outputs&) override {
    received.emplace_back(from, now);
  }
  void on_timer(Instant now, Outputs& out) override {
    woken.push_back(now);
    if (on_wake) on_wake(now, out);
  }
  void on_command(const Command&, Instant now, Outputs& out) override {
    if (on_start) on_start(now, out);
  }
};

struct ScriptWorld {
  std::unique_ptr<World> world = std::make_unique<World>(WorldOptions{1, {}});
  std::map<uint32_t, ScriptEngine*> engines;  // borrowed; owned by the world

  explicit ScriptWorld(int nodes, Clock clock = Clock()) {
    world->set_network(std::make_unique<FixedLatencyNetwork>(
        FixedLatencyOptions{Duration::from_us(10), 0.0}, world->stream("net")));
    for (uint32_t id = 1; id <= static_cast<uint32_t>(nodes); ++id) {
      auto engine = std::make_unique<ScriptEngine>();
      engines[id] = engine.get();
      world->add_node(NodeId{id}, clock, std::move(engine));
    }
  }
};

TEST(World, BroadcastReachesEveryOtherNodeInIdOrder) {
  ScriptWorld sw(4);
  sw.engines[2]->on_start = [](Instant, Outputs& out) {
    out.send(LinkId{0}, kBroadcast, {std::byte{1}});
  };
  sw.world->schedule_command(at_ns(0), NodeId{2}, Command{});
  sw.world->run_until_idle(100);
  EXPECT_TRUE(sw.engines[2]->received.empty());
  for (uint32_t id : {1u, 3u, 4u})
    ASSERT_EQ(sw.engines[id]->received.size(), 1U);
  std::vector<int64_t> order;
  for (const TraceRecord& r : sw.world->trace().records()) {
    if (r.kind == TraceKind::kPacketDelivered) order.push_back(r.node.value);
  }
  EXPECT_EQ(order, (std::vector<int64_t>{1, 3, 4}));
}

TEST(World, WakeRequestReplacesAndCancelRemoves) {
  ScriptWorld sw(1);
  ScriptEngine& e = *sw.engines[1];
  e.on_start = [](Instant now, Outputs& out) {
    out.wake_at(now + Duration::from_ms(5));
    out.wake_at(now + Duration::from_ms(2));  // replaces within the batch
  };
  int wakes = 0;
  e.on_wake = [&wakes](Instant now, Outputs& out) {
    if (++wakes == 1) out.wake_at(now + Duration::from_ms(10));
    if (wakes == 1) out.wake_at(now + Duration::from_ms(1));  // replaces: 1 ms, not 10
  };
  sw.world->schedule_command(at_ns(0), NodeId{1}, Command{});
  sw.world->run_until_idle(100);
  ASSERT_EQ(e.woken.size(), 2U);
  EXPECT_EQ(e.woken[0], at_ns(2'000'000));
  EXPECT_EQ(e.woken[1], at_ns(3'000'000));

  ScriptWorld cancelled(1);
  cancelled.engines[1]->on_start = [](Instant now, Outputs& out) {
    out.wake_at(now + Duration::from_ms(1));
    out.cancel_wake();
  };
  cancelled.world->schedule_command(at_ns(0), NodeId{1}, Command{});
  EXPECT_TRUE(cancelled.world->run_until_idle(100));
  EXPECT_TRUE(cancelled.engines[1]->woken.empty());
}

TEST(World, WakeUpsOnDriftingClocksAreNeverEarly) {
  for (int64_t drift_ppb : {-99'999'999LL, -333'333LL, 0LL, 7LL, 123'457LL, 99'999'999LL}) {
    ScriptWorld sw(1, Clock(Duration::from_ns(12345), drift_ppb));
    ScriptEngine& e = *sw.engines[1];
    std::vector<Instant> requested;
    auto schedule = [&requested](Instant now, Outputs& out) {
      requested.push_back(now + Duration::from_ns(999'983));
      out.wake_at(requested.back());
    };
    e.on_start = schedule;
    e.on_wake = [&](Instant now, Outputs& out) {
      if (requested.size() < 200) schedule(now, out);
    };
    sw.world->schedule_command(at_ns(0), NodeId{1}, Command{});
    sw.world->run_until_idle(1000);
    ASSERT_EQ(e.woken.size(), requested.size());
    for (size_t i = 0; i < requested.size(); ++i) {
      ASSERT_GE(e.woken[i], requested[i]);
      // At most one global nanosecond late, in local units (< 2 ns for rates up to 1.1).
      ASSERT_LE((e.woken[i] - requested[i]).ns(), 1) << drift_ppb;
    }
  }
}

TEST(World, EnginesSeeLocalTime) {
  ScriptWorld sw(2, Clock(Duration::from_s(100), 0));
  sw.engines[1]->on_start = [](Instant, Outputs& out) {
    out.send(LinkId{0}, NodeId{2}, {std::byte{1}});
  };
  sw.world->schedule_command(at_ns(1000), NodeId{1}, Command{});
  sw.world->run_until(at_s(1));
  ASSERT_EQ(sw.engines[2]->received.size(), 1U);
  EXPECT_EQ(sw.engines[2]->received[0].second, at_s(100) + Duration::from_ns(11'000));
  EXPECT_EQ(sw.world->now(), at_s(1));
}

TEST(World, UnknownDestinationIsDroppedAndTraced) {
  ScriptWorld sw(1);
  sw.engines[1]->on_start = [](Instant, Outputs& out) {
    out.send(LinkId{0}, NodeId{42}, {std::byte{1}});
  };
  sw.world->schedule_command(at_ns(0), NodeId{1}, Command{});
  sw.world->run_until_idle(10);
  EXPECT_EQ(sw.world->stats().drops_by_reason[static_cast<int>(DropReason::kUnknownNode)], 1U);
  const TraceRecord& last = sw.world->trace().records().back();
  EXPECT_EQ(canonical(last), "0 n42 - drop:unknown-node link=0 from=1 pkt=1\n");
}

TEST(World, RunUntilStopsAtTheBoundaryInclusive) {
  ScriptWorld sw(2);
  sw.engines[1]->on_start = [](Instant, Outputs& out) {
    out.send(LinkId{0}, NodeId{2}, {std::byte{1}});
  };
  sw.world->schedule_command(at_ns(0), NodeId{1}, Command{});
  EXPECT_EQ(sw.world->run_until(at_ns(9'999)), 1U);  // the command only
  EXPECT_TRUE(sw.engines[2]->received.empty());
  EXPECT_EQ(sw.world->run_until(at_ns(10'000)), 1U);  // delivery exactly at the boundary
  EXPECT_EQ(sw.engines[2]->received.size(), 1U);
}

}  // namespace
}  // namespace quorate::sim
