// Signal: a boolean step function of virtual time, the common currency of expectations.
//
// Every predicate (link up, host reachable; later: member of the ring, quorate, fenced) is
// turned into one Signal per atom (per node pair, per node) from the trace; the expectation
// forms (at, by, always, eventually, becomes) are then evaluated on Signals only, so a new
// predicate only has to say how to build its signals.
//
// Semantics: the value at t is the value after every change at instants <= t (several changes
// at one instant: the last wins). Before the first change the value is `initial`.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "engine/time.h"

namespace quorate::scenario {

class Signal {
 public:
  explicit Signal(bool initial = false) : initial_(initial) {}

  // Precondition: `at` >= every earlier set().
  void set(Instant at, bool value);

  bool at(Instant t) const;
  // The first instant in [from, until] where the value is `value`, or nullopt.
  std::optional<Instant> first(bool value, Instant from, Instant until) const;
  // The first instant > after where the value changes from false to true, or nullopt.
  std::optional<Instant> first_rise_after(Instant after) const;
  // The last change at or before t, or nullopt (the value there is `initial`).
  std::optional<Instant> last_change_at_or_before(Instant t) const;

  // The conjunction of several signals (true where every one is true). Empty input: true.
  static Signal all_of(const std::vector<const Signal*>& signals);
  // The negation.
  Signal negated() const;

  const std::vector<std::pair<Instant, bool>>& changes() const { return changes_; }
  bool initial() const { return initial_; }

 private:
  bool initial_ = false;
  std::vector<std::pair<Instant, bool>> changes_;  // strictly increasing times, alternating values
};

}  // namespace quorate::scenario
