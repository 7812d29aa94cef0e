// VirtualNetwork throughput: frames routed per second through the two-hop path NIC -> switch ->
// NIC, 32 hosts on 2 networks (corosync link0 and link1), random (from, to, link) in a fixed
// pre-drawn sequence, one frame per virtual microsecond. Variants: default impairments
// (constant latency), and every channel with normal jitter + 1 % loss + a 1 Gbit/s queue.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <vector>

#include "engine/prng.h"
#include "sim/net/standard_topology.h"
#include "sim/net/virtual_network.h"

namespace quorate::sim::net {
namespace {

constexpr int kHosts = 32;

struct Flow {
  NodeId from;
  NodeId to;
  LinkId link;
};

std::vector<Flow> make_flows(size_t count) {
  Prng prng(7);
  std::vector<Flow> flows;
  flows.reserve(count);
  while (flows.size() < count) {
    const auto from = static_cast<uint32_t>(prng.uniform_u64(1, kHosts));
    const auto to = static_cast<uint32_t>(prng.uniform_u64(1, kHosts));
    if (from == to) continue;
    flows.push_back(
        Flow{NodeId{from}, NodeId{to}, LinkId{static_cast<uint8_t>(prng.uniform_u64(0, 1))}});
  }
  return flows;
}

VirtualNetwork make_network(bool impaired) {
  StandardTopologyOptions topo;
  topo.hosts = kHosts;
  topo.networks = {"link0", "link1"};
  topo.links = 2;
  VirtualNetworkOptions options;
  options.seed = 1;
  if (impaired) {
    options.default_impairments.latency =
        Latency::normal(Duration::from_us(50), Duration::from_us(5));
    options.default_impairments.loss_probability = 0.01;
    options.default_impairments.rate_bps = 1'000'000'000;
    options.default_impairments.queue_frames = 1000;
  }
  return VirtualNetwork(make_standard_topology(topo), options);
}

void run(benchmark::State& state, bool impaired) {
  VirtualNetwork net = make_network(impaired);
  const std::vector<Flow> flows = make_flows(4096);
  const std::vector<std::byte> payload(200);
  RouteDecision decision;
  Instant now;
  size_t i = 0;
  uint64_t delivered = 0;
  for (auto _ : state) {
    const Flow& f = flows[i++ & 4095];
    now += Duration::from_us(1);
    decision.clear();
    net.route(Transmission{now, f.from, f.link, f.to, payload, i}, decision);
    delivered += decision.arrivals.size();
    benchmark::DoNotOptimize(decision.arrivals.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["delivered_ratio"] =
      static_cast<double>(delivered) / static_cast<double>(state.iterations());
}

void BM_TwoHopConstantLatency(benchmark::State& state) {
  run(state, false);
}
BENCHMARK(BM_TwoHopConstantLatency);

void BM_TwoHopJitterLossQueue(benchmark::State& state) {
  run(state, true);
}
BENCHMARK(BM_TwoHopJitterLossQueue);

}  // namespace
}  // namespace quorate::sim::net
