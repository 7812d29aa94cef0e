// Latency shapes: bounds and moments for fixed seeds; det_exp against libm.
#include "sim/net/latency.h"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/prng.h"

namespace quorate::sim::net {
namespace {

constexpr int kSamples = 100'000;

struct Moments {
  double mean_ns = 0;
  double stddev_ns = 0;
  Duration min = Duration::max();
  Duration max = Duration::zero();
  int above = 0;  // samples above the threshold given to measure()
};

Moments measure(const Latency& latency, uint64_t seed, Duration threshold = Duration::max()) {
  Prng prng(seed);
  Moments m;
  double sum = 0, sum_sq = 0;
  for (int i = 0; i < kSamples; ++i) {
    const Duration d = latency.sample(prng);
    sum += static_cast<double>(d.ns());
    sum_sq += static_cast<double>(d.ns()) * static_cast<double>(d.ns());
    m.min = std::min(m.min, d);
    m.max = std::max(m.max, d);
    if (d > threshold) ++m.above;
  }
  m.mean_ns = sum / kSamples;
  m.stddev_ns = std::sqrt(sum_sq / kSamples - m.mean_ns * m.mean_ns);
  return m;
}

TEST(Latency, ConstantDrawsNothing) {
  Prng prng(3);
  const Prng before = prng;
  EXPECT_EQ(Latency::constant(Duration::from_us(70)).sample(prng), Duration::from_us(70));
  EXPECT_EQ(prng.state(), before.state());
}

TEST(Latency, UniformStaysInRangeWithMidpointMean) {
  const Moments m = measure(Latency::uniform(Duration::from_ms(1), Duration::from_ms(3)), 5);
  EXPECT_GE(m.min, Duration::from_ms(1));
  EXPECT_LE(m.max, Duration::from_ms(3));
  EXPECT_NEAR(m.mean_ns, 2e6, 1e4);
  EXPECT_NEAR(m.stddev_ns, 2e6 / std::sqrt(12.0), 1e4);
}

TEST(Latency, NormalHasItsMeanAndStddevAndNeverGoesNegative) {
  const Moments m = measure(Latency::normal(Duration::from_ms(1), Duration::from_us(100)), 7);
  EXPECT_NEAR(m.mean_ns, 1e6, 2e3);
  EXPECT_NEAR(m.stddev_ns, 1e5, 2e3);
  const Moments wide = measure(Latency::normal(Duration::from_us(10), Duration::from_us(100)), 7);
  EXPECT_EQ(wide.min, Duration::zero());  // clamped at 0
}

TEST(Latency, ParetoIsHeavyTailedWithTheoreticalMeanAndTail) {
  // x_m = 1 ms, alpha = 3: mean 1.5 ms, P(X > 2 ms) = 2^-3.
  const Latency pareto = Latency::pareto(Duration::from_ms(1), 3.0, Duration::from_s(1));
  const Moments m = measure(pareto, 11, Duration::from_ms(2));
  EXPECT_GE(m.min, Duration::from_ms(1));
  EXPECT_NEAR(m.mean_ns, 1.5e6, 2e4);
  EXPECT_NEAR(static_cast<double>(m.above) / kSamples, 0.125, 0.004);
  EXPECT_GT(m.max, Duration::from_ms(10));  // the tail reaches 10x the minimum
  const Latency capped = Latency::pareto(Duration::from_ms(1), 0.5, Duration::from_ms(50));
  EXPECT_EQ(measure(capped, 11).max, Duration::from_ms(50));
}

TEST(Latency, SameSeedSameSamples) {
  const Latency l = Latency::pareto(Duration::from_us(100), 1.5, Duration::from_s(1));
  Prng a(42), b(42);
  for (int i = 0; i < 1000; ++i)
    ASSERT_EQ(l.sample(a), l.sample(b));
}

TEST(DetExp, AgreesWithLibmToAFewUlps) {
  EXPECT_EQ(det_exp(0.0), 1.0);
  Prng prng(13);
  for (int i = 0; i < 100'000; ++i) {
    const double x = (prng.uniform01() - 0.5) * 100.0;
    const double want = std::exp(x);
    ASSERT_NEAR(det_exp(x), want, want * 4e-16) << x;
  }
  EXPECT_TRUE(std::isinf(det_exp(710.0)));
  EXPECT_EQ(det_exp(-800.0), 0.0);
}

}  // namespace
}  // namespace quorate::sim::net
