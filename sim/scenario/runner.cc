#include "sim/scenario/runner.h"

#include <algorithm>

#include "engine/links/link_engine.h"
#include "sim/scenario/observations.h"
#include "sim/scenario/world_builder.h"

namespace quorate::scenario {
namespace {

constexpr size_t kContextRecords = 6;

// The engine-event records closest to `at` (at most kContextRecords, in trace order).
std::vector<std::string> context_around(const sim::Trace& trace, Instant at) {
  std::vector<const sim::TraceRecord*> events;
  for (const sim::TraceRecord& r : trace.records())
    if (r.kind == sim::TraceKind::kEngineEvent) events.push_back(&r);
  const auto after =
      std::lower_bound(events.begin(), events.end(), at,
                       [](const sim::TraceRecord* r, Instant t) { return r->global < t; });
  auto first = after;
  auto last = after;
  while (static_cast<size_t>(last - first) < kContextRecords &&
         (first != events.begin() || last != events.end())) {
    if (first != events.begin()) --first;
    if (last != events.end() && static_cast<size_t>(last - first) < kContextRecords) ++last;
  }
  std::vector<std::string> lines;
  for (auto it = first; it != last; ++it) {
    std::string line = sim::canonical(**it);
    line.pop_back();  // the newline
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace

bool RunResult::passed() const {
  return failed_count() == 0;
}

int RunResult::failed_count() const {
  int failed = 0;
  for (const ExpectationOutcome& o : outcomes)
    failed += o.passed ? 0 : 1;
  return failed;
}

std::string RunResult::repro() const {
  return "quorate run " + file + " --seed " + std::to_string(seed);
}

RunResult run_scenario(const Scenario& scenario, const RunOptions& options) {
  const uint64_t seed = options.seed.value_or(scenario.seed);
  sim::TraceOptions trace;
  trace.stream = options.trace_stream;
  BuiltWorld built = build_world(scenario, seed, trace);
  built.world->run_until(scenario.end());
  RunResult result;
  result.name = scenario.name;
  result.file = scenario.file;
  result.seed = seed;
  result.trace_hash = built.world->trace().hash();
  result.trace_records = built.world->trace().count();
  result.simulated = built.world->now() - Instant::epoch();
  result.stats = built.world->stats();
  const Observations observations = Observations::from_trace(built.world->trace());
  for (const Expectation& e : scenario.expectations) {
    ExpectationOutcome outcome = evaluate(e, observations);
    if (!outcome.passed) outcome.context = context_around(built.world->trace(), outcome.at);
    result.outcomes.push_back(std::move(outcome));
  }
  if (options.link_status) {
    for (const NodeId id : built.world->node_ids()) {
      const auto* engine = dynamic_cast<const links::LinkEngine*>(&built.world->engine(id));
      if (engine != nullptr)
        result.link_status.push_back({id, links::status_text(engine->layer().status())});
    }
  }
  built.world->trace().stream_to(nullptr);
  return result;
}

sim::DeterminismReport check_scenario_determinism(const Scenario& scenario, uint64_t seed) {
  return sim::check_determinism([&scenario](uint64_t s) { return build_world(scenario, s).world; },
                                seed, scenario.end());
}

}  // namespace quorate::scenario
