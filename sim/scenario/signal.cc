#include "sim/scenario/signal.h"

#include <algorithm>

#include "engine/check.h"

namespace quorate::scenario {

void Signal::set(Instant at, bool value) {
  QUORATE_CHECK(changes_.empty() || at >= changes_.back().first);
  if (!changes_.empty() && changes_.back().first == at) changes_.pop_back();
  const bool before = changes_.empty() ? initial_ : changes_.back().second;
  if (before != value) changes_.emplace_back(at, value);
}

bool Signal::at(Instant t) const {
  const auto it = std::upper_bound(changes_.begin(), changes_.end(), t,
                                   [](Instant v, const auto& c) { return v < c.first; });
  return it == changes_.begin() ? initial_ : std::prev(it)->second;
}

std::optional<Instant> Signal::first(bool value, Instant from, Instant until) const {
  if (from > until) return std::nullopt;
  if (at(from) == value) return from;
  for (const auto& [t, v] : changes_) {
    if (t <= from) continue;
    if (t > until) break;
    if (v == value) return t;
  }
  return std::nullopt;
}

std::optional<Instant> Signal::first_rise_after(Instant after) const {
  for (const auto& [t, v] : changes_)
    if (t > after && v) return t;
  return std::nullopt;
}

std::optional<Instant> Signal::last_change_at_or_before(Instant t) const {
  std::optional<Instant> last;
  for (const auto& change : changes_) {
    if (change.first > t) break;
    last = change.first;
  }
  return last;
}

Signal Signal::all_of(const std::vector<const Signal*>& signals) {
  bool initial = true;
  std::vector<Instant> times;
  for (const Signal* s : signals) {
    initial = initial && s->initial_;
    for (const auto& change : s->changes_)
      times.push_back(change.first);
  }
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  Signal out(initial);
  for (const Instant t : times) {
    bool value = true;
    for (const Signal* s : signals)
      value = value && s->at(t);
    out.set(t, value);
  }
  return out;
}

Signal Signal::negated() const {
  Signal out(!initial_);
  for (const auto& [t, v] : changes_)
    out.changes_.emplace_back(t, !v);
  return out;
}

}  // namespace quorate::scenario
