#include "engine/prng.h"

#include <cmath>

#include "engine/check.h"
#include "engine/det_math.h"

namespace quorate {
namespace {

constexpr uint64_t rotl(uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

}  // namespace

Prng::Prng(uint64_t seed) {
  uint64_t sm = seed;
  for (uint64_t& word : s_)
    word = splitmix64_next(sm);
  // splitmix64 is a bijection of its counter, so four consecutive outputs are never all zero.
  QUORATE_CHECK((s_[0] | s_[1] | s_[2] | s_[3]) != 0);
}

Prng Prng::for_stream(uint64_t root_seed, std::string_view name) {
  QUORATE_CHECK_MSG(!name.empty(), "a stream needs a stable name");
  return Prng(stream_seed(root_seed, name));
}

Prng Prng::from_state(const State& state) {
  QUORATE_CHECK_MSG((state[0] | state[1] | state[2] | state[3]) != 0, "all-zero xoshiro state");
  Prng prng;
  prng.s_ = state;
  return prng;
}

uint64_t Prng::next_u64() {
  const uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

uint64_t Prng::uniform_u64(uint64_t lo, uint64_t hi) {
  QUORATE_CHECK(lo <= hi);
  const uint64_t span = hi - lo + 1;  // 0 means the full 2^64 range.
  if (span == 0) return next_u64();
  // Accept r only in the largest multiple of span that fits in 2^64: [threshold, 2^64).
  const uint64_t threshold = (0 - span) % span;
  uint64_t r = next_u64();
  while (r < threshold)
    r = next_u64();
  const uint64_t value = lo + r % span;
  QUORATE_CHECK(value >= lo && value <= hi);
  return value;
}

int64_t Prng::uniform_i64(int64_t lo, int64_t hi) {
  QUORATE_CHECK(lo <= hi);
  // Shift to unsigned by flipping the sign bit: an order-preserving bijection.
  constexpr uint64_t kSign = uint64_t{1} << 63;
  const uint64_t u =
      uniform_u64(static_cast<uint64_t>(lo) ^ kSign, static_cast<uint64_t>(hi) ^ kSign);
  return static_cast<int64_t>(u ^ kSign);
}

double Prng::uniform01() {
  const double u = static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
  QUORATE_CHECK(u >= 0.0 && u < 1.0);
  return u;
}

bool Prng::bernoulli(double p) {
  QUORATE_CHECK_MSG(!std::isnan(p), "probability is NaN");
  const double u = uniform01();
  return u < p;
}

double Prng::exponential(double mean) {
  QUORATE_CHECK(mean > 0.0 && std::isfinite(mean));
  const double one_minus_u = 1.0 - uniform01();  // (0, 1]: log is finite.
  const double value = -mean * det_log(one_minus_u);
  QUORATE_CHECK(value >= 0.0);
  return value;
}

double Prng::normal(double mean, double stddev) {
  QUORATE_CHECK(stddev >= 0.0 && std::isfinite(stddev) && std::isfinite(mean));
  double u = 0.0;
  double s = 0.0;
  do {
    u = 2.0 * uniform01() - 1.0;
    const double v = 2.0 * uniform01() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double scale = std::sqrt(-2.0 * det_log(s) / s);  // sqrt is correctly rounded (IEEE).
  return mean + stddev * (u * scale);
}

}  // namespace quorate
