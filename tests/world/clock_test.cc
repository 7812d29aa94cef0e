// Clock: offset and drift mapping in both directions, never early, rate and step changes.
#include "sim/clock.h"

#include <gtest/gtest.h>

#include "engine/prng.h"

namespace quorate::sim {
namespace {

Instant at_ns(int64_t ns) {
  return Instant::from_ns(ns);
}

TEST(Clock, IdealClockIsIdentity) {
  const Clock clock;
  for (int64_t ns : {0LL, 1LL, 123456789LL, 10'000'000'000LL}) {
    EXPECT_EQ(clock.to_local(at_ns(ns)), at_ns(ns));
    EXPECT_EQ(clock.to_global(at_ns(ns)), at_ns(ns));
  }
}

TEST(Clock, OffsetAndDriftInIntegers) {
  const Clock clock(Duration::from_ms(5), 50'000);  // +5 ms, +50 ppm
  EXPECT_EQ(clock.to_local(at_ns(0)), at_ns(5'000'000));
  // 1 s global -> 1 s + 50 us local, plus the offset.
  EXPECT_EQ(clock.to_local(at_ns(1'000'000'000)), at_ns(5'000'000 + 1'000'050'000));
  // 3 ns * 1.00005 = 3.00015 -> floor 3.
  EXPECT_EQ(clock.to_local(at_ns(3)), at_ns(5'000'003));
  // Far in the future: exact, no float accumulation. 1e6 s * 50 ppm = 50 s.
  EXPECT_EQ(clock.to_local(at_ns(1'000'000'000'000'000)),
            at_ns(5'000'000 + 1'000'000'000'000'000 + 50'000'000'000));
}

TEST(Clock, SlowClockMapsAndInverts) {
  const Clock clock(Duration::zero(), -100'000);  // -100 ppm
  EXPECT_EQ(clock.to_local(at_ns(1'000'000'000)), at_ns(999'900'000));
  EXPECT_EQ(clock.to_global(at_ns(999'900'000)), at_ns(1'000'000'000));
}

TEST(Clock, InverseIsSmallestGlobalNeverEarly) {
  Prng prng(17);
  for (int c = 0; c < 50; ++c) {
    const Clock clock(Duration::from_ns(prng.uniform_i64(-1'000'000, 1'000'000'000)),
                      prng.uniform_i64(-Clock::kDriftPpbMax, Clock::kDriftPpbMax));
    for (int i = 0; i < 200; ++i) {
      const Instant local =
          clock.to_local(at_ns(0)) + Duration::from_ns(prng.uniform_i64(0, 1'000'000'000'000));
      const Instant global = clock.to_global(local);
      ASSERT_GE(clock.to_local(global), local);  // never early
      if (global > at_ns(0)) {
        ASSERT_LT(clock.to_local(global - Duration::from_ns(1)), local);
      }
    }
  }
}

TEST(Clock, LocalBeforeOffsetMapsToStart) {
  const Clock clock(Duration::from_s(10), 0);
  EXPECT_EQ(clock.to_global(at_ns(0)), at_ns(0));
  EXPECT_EQ(clock.to_global(at_ns(10'000'000'001)), at_ns(1));
}

TEST(Clock, DriftChangeIsContinuous) {
  Clock clock(Duration::zero(), 0);
  clock.set_drift_at(at_ns(1'000'000'000), 1'000'000);  // +1000 ppm from t = 1 s
  EXPECT_EQ(clock.segment_count(), 2U);
  EXPECT_EQ(clock.to_local(at_ns(999'999'999)), at_ns(999'999'999));
  EXPECT_EQ(clock.to_local(at_ns(1'000'000'000)), at_ns(1'000'000'000));
  EXPECT_EQ(clock.to_local(at_ns(2'000'000'000)), at_ns(2'001'000'000));
  EXPECT_EQ(clock.to_global(at_ns(2'001'000'000)), at_ns(2'000'000'000));
  EXPECT_EQ(clock.to_global(at_ns(500)), at_ns(500));
  EXPECT_EQ(clock.drift_ppb_at(at_ns(5)), 0);
  EXPECT_EQ(clock.drift_ppb_at(at_ns(1'500'000'000)), 1'000'000);
}

TEST(Clock, ForwardStepSkipsLocalTimes) {
  Clock clock(Duration::zero(), 0);
  clock.step_forward_at(at_ns(1000), Duration::from_ns(500));
  EXPECT_EQ(clock.to_local(at_ns(999)), at_ns(999));
  EXPECT_EQ(clock.to_local(at_ns(1000)), at_ns(1500));
  // Local times inside the jump are first reached at the step itself.
  EXPECT_EQ(clock.to_global(at_ns(1000)), at_ns(1000));
  EXPECT_EQ(clock.to_global(at_ns(1200)), at_ns(1000));
  EXPECT_EQ(clock.to_global(at_ns(1500)), at_ns(1000));
  EXPECT_EQ(clock.to_global(at_ns(1501)), at_ns(1001));
  EXPECT_EQ(clock.to_global(at_ns(999)), at_ns(999));
}

TEST(Clock, RandomisedPiecewiseNeverEarly) {
  Prng prng(23);
  Clock clock(Duration::from_us(3), 20'000);
  int64_t t = 0;
  for (int k = 0; k < 20; ++k) {
    t += prng.uniform_i64(1, 1'000'000'000);
    if (prng.bernoulli(0.5)) {
      clock.set_drift_at(at_ns(t), prng.uniform_i64(-200'000, 200'000));
    } else {
      clock.step_forward_at(at_ns(t), Duration::from_ns(prng.uniform_i64(0, 1'000'000)));
    }
  }
  Instant previous = clock.to_local(at_ns(0));
  for (int64_t g = 0; g < t + 1'000'000'000; g += 9'999'991) {
    const Instant local = clock.to_local(at_ns(g));
    ASSERT_GE(local, previous);  // monotonic
    previous = local;
    const Instant back = clock.to_global(local);
    ASSERT_LE(back, at_ns(g));
    ASSERT_GE(clock.to_local(back), local);
  }
}

TEST(ClockDeath, RejectsOutOfOrderChangesAndBackwardSteps) {
  Clock clock;
  clock.set_drift_at(at_ns(100), 5);
  EXPECT_DEATH(clock.set_drift_at(at_ns(50), 5), "increasing global time");
  EXPECT_DEATH(clock.step_forward_at(at_ns(200), Duration::from_ns(-1)), "never steps backwards");
  EXPECT_DEATH(Clock(Duration::zero(), 200'000'000), "drift out of range");
}

}  // namespace
}  // namespace quorate::sim
