// Running a scenario: build the world for a seed, run it to the scenario's duration, evaluate
// every expectation on the trace, and report (with the trace hash and the repro command).
//
// Determinism: the result is a pure function of (scenario, seed, binary); the same seed gives
// the same trace hash. check_scenario_determinism() runs it twice and compares hash chains.
//
// Lifetime: RunOptions::trace_stream is borrowed for the call.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "sim/determinism.h"
#include "sim/scenario/expectations.h"
#include "sim/scenario/scenario_format.h"
#include "sim/world.h"

namespace quorate::scenario {

struct RunOptions {
  std::optional<uint64_t> seed;          // unset: the scenario's own seed
  std::ostream* trace_stream = nullptr;  // every canonical trace line as it is recorded
  bool link_status = false;              // fill RunResult::link_status at the end of the run
};

// The link layer's status text of one node at the end of a run (links::status_text, like
// `corosync-cfgtool -n`).
struct NodeLinkStatus {
  NodeId node;
  std::string text;
};

struct RunResult {
  std::string name;
  std::string file;
  uint64_t seed = 0;
  uint64_t trace_hash = 0;
  uint64_t trace_records = 0;
  Duration simulated;
  sim::WorldStats stats;
  std::vector<ExpectationOutcome> outcomes;  // in file order
  std::vector<NodeLinkStatus> link_status;   // with RunOptions::link_status; ascending node id

  bool passed() const;
  int failed_count() const;
  // "quorate run FILE --seed N"
  std::string repro() const;
};

RunResult run_scenario(const Scenario& scenario, const RunOptions& options = {});

sim::DeterminismReport check_scenario_determinism(const Scenario& scenario, uint64_t seed);

}  // namespace quorate::scenario
