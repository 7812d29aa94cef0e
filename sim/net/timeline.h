// Timeline<T>: a value that changes at given virtual instants (a schedule of changes).
//
// value_at(t) is the value of the latest change at or before t, or the initial value if none.
// Changes may be added in any order; a change at an instant that already has one replaces it.
// The network decides each frame once, when it is routed; a change is seen by every frame
// routed after the change was added (see VirtualNetwork's "changes" contract).
//
// Lookups are O(1) when nothing was ever scheduled and O(log n) otherwise; the common case of a
// part that never changes costs one branch.
#pragma once

#include <algorithm>
#include <utility>
#include <vector>

#include "engine/check.h"
#include "engine/time.h"

namespace quorate::sim::net {

template <typename T>
class Timeline {
 public:
  explicit Timeline(T initial = T{}) : initial_(std::move(initial)) {}

  void set(Instant at, T value) {
    const auto it = std::lower_bound(changes_.begin(), changes_.end(), at,
                                     [](const Change& c, Instant t) { return c.at < t; });
    if (it != changes_.end() && it->at == at) {
      it->value = std::move(value);
    } else {
      changes_.insert(it, Change{at, std::move(value)});
    }
  }

  const T& value_at(Instant t) const {
    if (changes_.empty()) [[likely]]
      return initial_;
    const auto it = std::upper_bound(changes_.begin(), changes_.end(), t,
                                     [](Instant time, const Change& c) { return time < c.at; });
    if (it == changes_.begin()) return initial_;
    return std::prev(it)->value;
  }

  const T& initial() const { return initial_; }
  size_t change_count() const { return changes_.size(); }
  // The instants at which the value changes, ascending (for tests and pictures).
  std::vector<Instant> change_times() const {
    std::vector<Instant> times;
    times.reserve(changes_.size());
    for (const Change& c : changes_)
      times.push_back(c.at);
    return times;
  }

 private:
  struct Change {
    Instant at;
    T value;
  };
  T initial_;
  std::vector<Change> changes_;  // strictly increasing `at`
};

}  // namespace quorate::sim::net
