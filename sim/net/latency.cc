#include "sim/net/latency.h"

#include <cmath>
#include <limits>

#include "engine/check.h"

namespace quorate::sim::net {

Latency Latency::constant(Duration value) {
  Latency l;
  l.base = value;
  return l;
}

Latency Latency::uniform(Duration low, Duration high) {
  QUORATE_CHECK(high >= low);
  Latency l;
  l.shape = LatencyShape::kUniform;
  l.base = low;
  l.spread = high - low;
  return l;
}

Latency Latency::normal(Duration mean, Duration stddev) {
  Latency l;
  l.shape = LatencyShape::kNormal;
  l.base = mean;
  l.spread = stddev;
  return l;
}

Latency Latency::pareto(Duration minimum, double alpha, Duration cap) {
  Latency l;
  l.shape = LatencyShape::kPareto;
  l.base = minimum;
  l.pareto_alpha = alpha;
  l.cap = cap;
  return l;
}

Latency Latency::per_interval(Duration interval) const {
  Latency l = *this;
  l.jitter = JitterMode::kPerInterval;
  l.jitter_interval = interval;
  return l;
}

void Latency::validate() const {
  QUORATE_CHECK(base >= Duration::zero() && spread >= Duration::zero());
  QUORATE_CHECK(cap >= Duration::zero());
  QUORATE_CHECK(pareto_alpha > 0.0 && std::isfinite(pareto_alpha));
  QUORATE_CHECK(jitter_interval > Duration::zero());
}

namespace {

Duration clamp_ns(double ns, Duration cap) {
  if (!(ns > 0.0)) return Duration::zero();  // also catches NaN
  if (ns >= static_cast<double>(cap.ns())) return cap;
  return Duration::from_ns(static_cast<int64_t>(ns));  // truncation toward zero
}

}  // namespace

Duration Latency::sample(Prng& prng) const {
  switch (shape) {
    case LatencyShape::kConstant:
      return base < cap ? base : cap;
    case LatencyShape::kUniform: {
      const Duration d = Duration::from_ns(prng.uniform_i64(base.ns(), base.ns() + spread.ns()));
      return d < cap ? d : cap;
    }
    case LatencyShape::kNormal:
      return clamp_ns(prng.normal(static_cast<double>(base.ns()), static_cast<double>(spread.ns())),
                      cap);
    case LatencyShape::kPareto: {
      const double e = prng.exponential(1.0);
      return clamp_ns(static_cast<double>(base.ns()) * det_exp(e / pareto_alpha), cap);
    }
  }
  QUORATE_UNREACHABLE();
}

double det_exp(double x) {
  QUORATE_CHECK(std::isfinite(x));
  if (x > 709.0) return std::numeric_limits<double>::infinity();
  if (x < -745.0) return 0.0;
  // ln 2 split so that k * kLn2Hi is exact for |k| < 2^11 (fdlibm's constants).
  constexpr double kLn2Hi = 6.93147180369123816490e-01;
  constexpr double kLn2Lo = 1.90821492927058770002e-10;
  constexpr double kInvLn2 = 1.44269504088896338700e+00;
  const double k = std::floor(x * kInvLn2 + 0.5);
  const double r = (x - k * kLn2Hi) - k * kLn2Lo;
  // Taylor series of e^r to degree 13, Horner form: |r| <= 0.347, remainder < 2^-60.
  double sum = 1.0 / 6227020800.0;  // 1/13!
  constexpr double kInvFactorials[] = {1.0 / 479001600.0,
                                       1.0 / 39916800.0,
                                       1.0 / 3628800.0,
                                       1.0 / 362880.0,
                                       1.0 / 40320.0,
                                       1.0 / 5040.0,
                                       1.0 / 720.0,
                                       1.0 / 120.0,
                                       1.0 / 24.0,
                                       1.0 / 6.0,
                                       1.0 / 2.0,
                                       1.0,
                                       1.0};
  for (const double c : kInvFactorials)
    sum = sum * r + c;
  return std::ldexp(sum, static_cast<int>(k));
}

}  // namespace quorate::sim::net
