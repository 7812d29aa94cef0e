// make_echo_world: the standard world for the EchoHeartbeat engine (used by `quorate world echo`,
// tests and benchmarks).
//
// Nodes 1..nodes, each running EchoHeartbeat with every other node as a peer on links
// 0..links-1, seeded from stream "node/<id>/engine". Clocks: node k (0-based) gets
// offset_ns = uniform [0, clock_offset_max) from stream "node/<id>/clock" and drift
// drift_ppb_max * (2k - (nodes-1)) / (nodes-1) (evenly spread over [-max, +max]; 0 for one node).
// Network: FixedLatencyNetwork on stream "net". Every node gets kStart at global time 0.
#pragma once

#include <cstdint>
#include <memory>

#include "engine/time.h"
#include "sim/trace.h"
#include "sim/world.h"

namespace quorate::sim {

struct EchoWorldOptions {
  uint64_t seed = 0;
  int nodes = 3;  // 1..kMaxNodeId
  int links = 1;  // 1..kMaxLinks
  Duration interval = Duration::from_s(1);
  Duration latency = Duration::from_us(250);
  double loss_probability = 0.0;
  int64_t drift_ppb_max = 0;                        // |drift| <= Clock::kDriftPpbMax
  Duration clock_offset_max = Duration::from_s(1);  // 0 = all offsets zero
  TraceOptions trace;
};

std::unique_ptr<World> make_echo_world(const EchoWorldOptions& options);

}  // namespace quorate::sim
