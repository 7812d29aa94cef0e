// Clock: one node's local monotonic clock as an exact function of global simulated time.
//
// The clock is piecewise linear in global time. Each segment starts at a global instant G_i with
// local value L_i and runs at rate (1 + drift_ppb_i / 1e9):
//     local(g) = L_i + floor((g - G_i) * (1e9 + drift_ppb_i) / 1e9)     for G_i <= g < G_{i+1}
// computed in 128-bit integers, so there is no floating-point drift accumulation and the value at
// any g is independent of the path that led there. The first segment starts at global 0 with
// L_0 = offset ("local = offset + global * (1 + ppm/1e6)" with ppm = drift_ppb / 1000).
//
// Changes: set_drift_at() starts a new segment continuing from local(g) with a new rate;
// step_forward_at() starts one that jumps ahead. Backward steps do not exist here: an engine's
// local time never goes backwards (engine/seam.h). Changes are appended in increasing global
// order; a driver must append a change before it converts any instant at or after it (the World
// applies clock settings before a run; rescheduling pending wake-ups across a later change is
// future work, see sim/world.h).
//
// Invariants: local() is non-decreasing in g (strictly increasing when every drift >= 0);
// to_global(l) is the SMALLEST global instant g >= 0 with local(g) >= l, so a wake-up requested
// for local time l and scheduled at to_global(l) never fires early.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/time.h"

namespace quorate::sim {

class Clock {
 public:
  // Rate bounds: +-10% is far beyond any real oscillator (tens of ppm) and keeps the math safe.
  static constexpr int64_t kDriftPpbMax = 100'000'000;

  // The ideal clock: local == global.
  Clock() : Clock(Duration::zero(), 0) {}
  Clock(Duration offset, int64_t drift_ppb);

  Instant to_local(Instant global) const;
  // Smallest global g >= 0 with to_local(g) >= local (see header comment).
  Instant to_global(Instant local) const;

  // From `global` on, run at the new rate, continuing from to_local(global).
  void set_drift_at(Instant global, int64_t drift_ppb);
  // At `global`, jump forward by `step` (>= 0), keeping the current rate.
  void step_forward_at(Instant global, Duration step);

  Duration offset() const { return segments_.front().local_start.since_epoch(); }
  int64_t drift_ppb_at(Instant global) const { return segment_at(global).drift_ppb; }
  size_t segment_count() const { return segments_.size(); }

 private:
  struct Segment {
    Instant global_start;
    Instant local_start;
    int64_t drift_ppb = 0;
  };
  const Segment& segment_at(Instant global) const;
  static Instant local_in(const Segment& segment, Instant global);
  void append(Segment segment);

  std::vector<Segment> segments_;  // global_start strictly increasing; segments_[0] at global 0
};

}  // namespace quorate::sim
