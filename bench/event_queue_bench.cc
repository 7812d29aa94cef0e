// EventQueue throughput: steady state at 1e6 pending events (pop one, push one at a random later
// time) and fill-then-drain of 1e6 events; plus whole-world events/s for the echo engine.
#include <benchmark/benchmark.h>

#include <cstdint>

#include "engine/prng.h"
#include "sim/echo_world.h"
#include "sim/event_queue.h"

namespace quorate::sim {
namespace {

// Same size as the World's queue payload (action, node, id).
struct Payload {
  uint8_t action = 0;
  uint32_t node = 0;
  uint64_t id = 0;
};

constexpr int64_t kHorizonNs = 1'000'000'000;

void BM_SteadyStatePopPush(benchmark::State& state) {
  const auto pending = static_cast<size_t>(state.range(0));
  Prng prng(1);
  EventQueue<Payload> queue;
  queue.reserve(pending + 1);
  for (size_t i = 0; i < pending; ++i) {
    queue.push(Instant::from_ns(prng.uniform_i64(0, kHorizonNs)), Payload{0, 1, i});
  }
  for (auto _ : state) {
    const auto entry = queue.pop();
    benchmark::DoNotOptimize(entry.payload.id);
    queue.push(entry.at + Duration::from_ns(prng.uniform_i64(1, kHorizonNs)), entry.payload);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["pending"] = static_cast<double>(queue.size());
}
BENCHMARK(BM_SteadyStatePopPush)->Arg(1'000)->Arg(1'000'000);

void BM_FillDrain(benchmark::State& state) {
  const auto count = static_cast<size_t>(state.range(0));
  Prng prng(2);
  EventQueue<Payload> queue;
  queue.reserve(count);
  for (auto _ : state) {
    for (size_t i = 0; i < count; ++i) {
      queue.push(Instant::from_ns(prng.uniform_i64(0, kHorizonNs)), Payload{0, 1, i});
    }
    while (!queue.empty())
      benchmark::DoNotOptimize(queue.pop().payload.id);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(count));
}
BENCHMARK(BM_FillDrain)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// Whole world: 5 nodes, 2 links, 10 ms ping interval, 1 % loss, drifting clocks; reports world
// events (queue entries) per second and simulated seconds per wall second.
void BM_EchoWorld(benchmark::State& state) {
  uint64_t events = 0;
  for (auto _ : state) {
    EchoWorldOptions options;
    options.nodes = 5;
    options.links = 2;
    options.interval = Duration::from_ms(10);
    options.loss_probability = 0.01;
    options.drift_ppb_max = 20'000;
    options.trace.records_max = 0;  // hash only, like a swarm run
    auto world = make_echo_world(options);
    world->run_until(Instant::epoch() + Duration::from_s(10));
    events += world->stats().events_processed;
  }
  state.SetItemsProcessed(static_cast<int64_t>(events));
  state.counters["sim_s_per_wall_s"] = benchmark::Counter(
      10.0 * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EchoWorld)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace quorate::sim
