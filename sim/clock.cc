#include "sim/clock.h"

#include <algorithm>

#include "engine/check.h"

namespace quorate::sim {
namespace {

__extension__ typedef __int128 Int128;
constexpr int64_t kBillion = 1'000'000'000;

void check_drift(int64_t drift_ppb) {
  QUORATE_CHECK_MSG(drift_ppb >= -Clock::kDriftPpbMax && drift_ppb <= Clock::kDriftPpbMax,
                    "clock drift out of range (+-1e8 ppb)");
}

// ceil(a / b) for b > 0.
Int128 ceil_div(Int128 a, Int128 b) {
  QUORATE_CHECK(b > 0);
  const Int128 q = a / b;  // truncates toward zero
  return (a % b != 0 && a > 0) ? q + 1 : q;
}

}  // namespace

Clock::Clock(Duration offset, int64_t drift_ppb) {
  check_drift(drift_ppb);
  segments_.push_back(Segment{Instant::epoch(), Instant::epoch() + offset, drift_ppb});
}

const Clock::Segment& Clock::segment_at(Instant global) const {
  QUORATE_CHECK_MSG(global >= Instant::epoch(), "global time before the simulation start");
  // Last segment with global_start <= global; segments_[0] starts at 0 so one always exists.
  auto it = std::upper_bound(segments_.begin(), segments_.end(), global,
                             [](Instant g, const Segment& s) { return g < s.global_start; });
  QUORATE_CHECK(it != segments_.begin());
  return *(it - 1);
}

Instant Clock::local_in(const Segment& segment, Instant global) {
  const int64_t d = (global - segment.global_start).ns();
  QUORATE_CHECK(d >= 0);
  const Int128 scaled = Int128{d} * (kBillion + segment.drift_ppb) / kBillion;  // floor: d >= 0
  QUORATE_CHECK(scaled >= 0 && scaled <= INT64_MAX);
  return segment.local_start + Duration::from_ns(static_cast<int64_t>(scaled));
}

Instant Clock::to_local(Instant global) const {
  const Instant local = local_in(segment_at(global), global);
  QUORATE_CHECK(local >= segments_.front().local_start);
  return local;
}

Instant Clock::to_global(Instant local) const {
  // First segment that reaches `local` before the next one starts (the last always qualifies).
  size_t i = 0;
  while (i + 1 < segments_.size() &&
         local_in(segments_[i], segments_[i + 1].global_start - Duration::from_ns(1)) < local) {
    ++i;
  }
  const Segment& s = segments_[i];
  const Int128 target = Int128{(local - s.local_start).ns()};
  Int128 d = ceil_div(target * kBillion, kBillion + s.drift_ppb);
  if (d < 0) d = 0;
  QUORATE_CHECK(d <= INT64_MAX - s.global_start.ns());
  const Instant global = s.global_start + Duration::from_ns(static_cast<int64_t>(d));
  QUORATE_CHECK_MSG(to_local(global) >= local, "a wake-up would fire early");
  QUORATE_CHECK(global == Instant::epoch() || to_local(global - Duration::from_ns(1)) < local);
  return global;
}

void Clock::append(Segment segment) {
  QUORATE_CHECK_MSG(segment.global_start > segments_.back().global_start,
                    "clock changes must be appended in increasing global time");
  check_drift(segment.drift_ppb);
  QUORATE_CHECK(segment.local_start >= to_local(segment.global_start));
  segments_.push_back(segment);
}

void Clock::set_drift_at(Instant global, int64_t drift_ppb) {
  append(Segment{global, to_local(global), drift_ppb});
}

void Clock::step_forward_at(Instant global, Duration step) {
  QUORATE_CHECK_MSG(step >= Duration::zero(), "local time never steps backwards");
  append(Segment{global, to_local(global) + step, segment_at(global).drift_ppb});
}

}  // namespace quorate::sim
