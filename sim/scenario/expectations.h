// Evaluating expectations on a finished run's Observations.
//
// Forms (on the predicate's atoms; the predicate holds where every atom holds):
// - at T:            holds at T.
// - by T:            holds at some instant of [from, T] (from: the latest event at or before T,
//                    unless given).
// - always [F, U]:   holds at every instant of [F, U].
// - eventually [F,U]: holds at some instant of [F, U].
// - becomes [A, B]:  for EVERY atom, the first change to true after the anchor (the latest
//                    event at or before A) lies in [A, B]; an atom already true at the anchor,
//                    or turning true too early, too late or never, fails.
// A failure names the atom responsible and a virtual time: where it stopped holding (always),
// where it turned true (becomes), or the end of the window.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/time.h"
#include "sim/scenario/observations.h"
#include "sim/scenario/scenario_format.h"

namespace quorate::scenario {

struct ExpectationOutcome {
  std::string text;  // Expectation::text
  SourcePos pos;
  bool passed = false;
  std::string reason;  // why it failed (empty when passed)
  Instant at;          // the virtual time the reason is about
  // For a failure: canonical trace lines of engine events around `at` (filled by the runner).
  std::vector<std::string> context;
};

ExpectationOutcome evaluate(const Expectation& expectation, const Observations& observations);

}  // namespace quorate::scenario
