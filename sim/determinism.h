// Determinism check: build the same world twice from the same seed, run both, compare traces.
//
// This is the FoundationDB "unseed" check made precise: instead of one final number it compares
// the trace hash chains (sim/trace.h), so a divergence is located at its first record. Typical
// causes it catches: a heap address or std::random_device value reaching a packet or a timer,
// iteration over a hash container, an uninitialised field, a wall-clock read.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "engine/time.h"
#include "sim/trace.h"
#include "sim/world.h"

namespace quorate::sim {

// Builds a complete world (nodes, network, scheduled commands) from a seed. Must not run it.
using WorldFactory = std::function<std::unique_ptr<World>(uint64_t seed)>;

struct Divergence {
  uint64_t index = 0;  // first record index whose chained hash differs (0-based)
  // Canonical lines at `index` without the newline; "<end of trace>" when a run has fewer
  // records, "<not retained>" when TraceOptions::records_max dropped it.
  std::string line_a;
  std::string line_b;
};

struct DeterminismReport {
  uint64_t hash_a = 0;
  uint64_t hash_b = 0;
  uint64_t records_a = 0;
  uint64_t records_b = 0;
  std::optional<Divergence> divergence;  // set iff the traces differ

  bool identical() const { return !divergence.has_value(); }
  // One line when identical, three (summary, run A line, run B line) when not.
  std::string describe() const;
};

// Compares two finished traces record by record (through their hash chains).
DeterminismReport compare_traces(const Trace& a, const Trace& b);

// Runs factory(seed) twice, each until global time `until`, and compares the traces.
DeterminismReport check_determinism(const WorldFactory& factory, uint64_t seed, Instant until);

}  // namespace quorate::sim
