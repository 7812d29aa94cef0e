// Totem ring throughput in simulation: 3 and 16 RingEngines over a fault-free network (100 us
// one-way), every node submitting 1 KiB messages faster than the ring can order them, so flow
// control (window_size 50, max_messages 17) sets the pace. Counters:
// - delivered/s: deliveries (summed over nodes) per second of WALL time (simulator speed);
// - msgs_per_virtual_s: distinct messages ordered per second of VIRTUAL time (ring throughput);
// - s_per_delivery: wall time per delivery, i.e. the simulation cost of one delivered message.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <string>

#include "engine/links/link_options.h"
#include "engine/ring/ring_engine.h"
#include "sim/world.h"

namespace quorate::ring {
namespace {

constexpr Duration kLatency = Duration::from_us(100);
constexpr Duration kWarmup = Duration::from_s(20);   // links up (up to ~10 s for 16 nodes), ring
constexpr Duration kSlice = Duration::from_ms(500);  // virtual time per benchmark iteration

class FixedNet final : public sim::Network {
 public:
  void route(const sim::Transmission& t, sim::RouteDecision& decision) override {
    decision.arrivals.push_back(t.sent_at + kLatency);
  }
};

std::unique_ptr<sim::World> ring_world(int nodes) {
  sim::TraceOptions trace;
  trace.records_max = 0;  // hash and chain only: keep memory flat
  auto world = std::make_unique<sim::World>(sim::WorldOptions{1, trace});
  world->set_network(std::make_unique<FixedNet>());
  const RingOptions ring = corosync_ring_defaults(nodes);
  for (int i = 1; i <= nodes; ++i) {
    RingEngineOptions o;
    o.layer.self = NodeId{static_cast<uint32_t>(i)};
    for (int p = 1; p <= nodes; ++p)
      if (p != i) o.layer.peers.push_back(NodeId{static_cast<uint32_t>(p)});
    o.layer.links[0] = links::corosync_link_defaults(ring.token);
    o.layer.seed = world->stream_seed("node/" + std::to_string(i) + "/links");
    o.ring = ring;
    o.app.traffic_interval = Duration::from_us(500);  // 2000 msgs/s per node offered
    o.app.traffic_start = kWarmup - Duration::from_s(2);
    o.app.traffic_bytes = 1024;
    world->add_node(o.layer.self, sim::Clock{}, std::make_unique<RingEngine>(o));
    world->schedule_command(Instant::epoch(), o.layer.self, Command{CommandKind::kStart});
  }
  return world;
}

void BM_RingThroughput(benchmark::State& state) {
  const int nodes = static_cast<int>(state.range(0));
  auto world = ring_world(nodes);
  uint64_t delivered = 0;
  world->observe_events([&](Instant, NodeId, Instant, const Event& e) {
    delivered += e.kind == EventKind::kRingDeliver ? 1 : 0;
  });
  world->run_until(Instant::epoch() + kWarmup);
  delivered = 0;
  Instant t = world->now();
  const Instant start = t;
  for (auto _ : state) {
    t += kSlice;
    world->run_until(t);
  }
  const double virtual_s = static_cast<double>((t - start).ns()) / 1e9;
  state.counters["delivered/s"] =
      benchmark::Counter(static_cast<double>(delivered), benchmark::Counter::kIsRate);
  state.counters["msgs_per_virtual_s"] = static_cast<double>(delivered) / nodes / virtual_s;
  state.counters["s_per_delivery"] = benchmark::Counter(
      static_cast<double>(delivered), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

BENCHMARK(BM_RingThroughput)->Arg(3)->Arg(16)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace quorate::ring
