#include "sim/determinism.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>

#include "engine/check.h"

namespace quorate::sim {
namespace {

std::string line_at(const Trace& trace, uint64_t index) {
  if (index >= trace.count()) return "<end of trace>";
  if (index >= trace.records().size()) return "<not retained>";
  std::string line = canonical(trace.records()[index]);
  QUORATE_CHECK(!line.empty() && line.back() == '\n');
  line.pop_back();
  return line;
}

std::string hex(uint64_t value) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "%016" PRIx64, value);
  return buffer;
}

}  // namespace

std::string DeterminismReport::describe() const {
  if (identical()) {
    return "deterministic: " + std::to_string(records_a) + " records, trace hash " + hex(hash_a);
  }
  return "NOT deterministic: traces differ first at record " + std::to_string(divergence->index) +
         " (run A: " + std::to_string(records_a) + " records, hash " + hex(hash_a) +
         "; run B: " + std::to_string(records_b) + " records, hash " + hex(hash_b) +
         ")\n  A: " + divergence->line_a + "\n  B: " + divergence->line_b;
}

DeterminismReport compare_traces(const Trace& a, const Trace& b) {
  DeterminismReport report{a.hash(), b.hash(), a.count(), b.count(), std::nullopt};
  const std::vector<uint64_t>& chain_a = a.chain();
  const std::vector<uint64_t>& chain_b = b.chain();
  const auto mismatch =
      std::mismatch(chain_a.begin(), chain_a.end(), chain_b.begin(), chain_b.end());
  const auto index = static_cast<uint64_t>(mismatch.first - chain_a.begin());
  if (mismatch.first == chain_a.end() && mismatch.second == chain_b.end()) {
    QUORATE_CHECK(a.hash() == b.hash());
    return report;
  }
  report.divergence = Divergence{index, line_at(a, index), line_at(b, index)};
  return report;
}

DeterminismReport check_determinism(const WorldFactory& factory, uint64_t seed, Instant until) {
  std::unique_ptr<World> run_a = factory(seed);
  QUORATE_CHECK(run_a != nullptr && run_a->seed() == seed);
  run_a->run_until(until);
  std::unique_ptr<World> run_b = factory(seed);
  QUORATE_CHECK(run_b != nullptr && run_b->seed() == seed);
  run_b->run_until(until);
  return compare_traces(run_a->trace(), run_b->trace());
}

}  // namespace quorate::sim
