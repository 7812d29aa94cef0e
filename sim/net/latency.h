// Latency: the delay a frame spends on one direction of one cable (propagation plus whatever
// the distribution models), sampled deterministically from the channel's own PRNG stream.
//
// Shapes (all clamped to [0, cap]):
// - kConstant: base.
// - kUniform:  uniform integer nanoseconds in [base, base + spread].
// - kNormal:   Normal(mean = base, stddev = spread), Marsaglia polar (engine/prng.h).
// - kPareto:   Pareto(x_m = base, alpha): base * U^(-1/alpha), heavy-tailed (netem's "pareto").
//              Mean alpha * base / (alpha - 1) for alpha > 1; P(X > k * base) = k^-alpha.
//              Computed as base * det_exp(E / alpha) with E ~ Exp(1) (det_log) and det_exp below.
// Jitter:
// - kPerPacket: every frame draws its own sample: frames can overtake each other (reordering).
// - kPerInterval: one sample per interval [k*interval, (k+1)*interval) of the frame's entry
//   time, derived statelessly from (stream seed, k), so it does not depend on frame order; the
//   channel also keeps FIFO order (a frame never arrives before one that entered earlier), so
//   there is no reordering.
#pragma once

#include <cstdint>

#include "engine/prng.h"
#include "engine/time.h"

namespace quorate::sim::net {

enum class LatencyShape : uint8_t { kConstant, kUniform, kNormal, kPareto };
enum class JitterMode : uint8_t { kPerPacket, kPerInterval };

struct Latency {
  LatencyShape shape = LatencyShape::kConstant;
  Duration base = Duration::zero();     // constant value / uniform low / normal mean / pareto x_m
  Duration spread = Duration::zero();   // uniform width / normal stddev; >= 0
  double pareto_alpha = 2.0;            // > 0
  Duration cap = Duration::from_s(60);  // every sample is clamped to [0, cap]
  JitterMode jitter = JitterMode::kPerPacket;
  Duration jitter_interval = Duration::from_ms(10);  // kPerInterval only; > 0

  static Latency constant(Duration value);
  static Latency uniform(Duration low, Duration high);
  static Latency normal(Duration mean, Duration stddev);
  static Latency pareto(Duration minimum, double alpha, Duration cap);
  Latency per_interval(Duration interval) const;  // the same shape, sampled per interval

  // Checks the parameters (QUORATE_CHECK).
  void validate() const;
  // One sample (ignores the jitter mode). Draws nothing for kConstant.
  Duration sample(Prng& prng) const;
};

// e^x built from + - * / and ldexp only (Cody-Waite reduction by ln 2, degree-13 Taylor
// polynomial on |r| <= ln2/2; relative error a few ulp), so it is bit-identical on every
// IEEE platform compiled with -ffp-contract=off. Precondition: x finite; x > 709 returns +inf.
double det_exp(double x);

}  // namespace quorate::sim::net
