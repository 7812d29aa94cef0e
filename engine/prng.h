// Deterministic pseudo-random numbers: one fixed, documented algorithm, split into named streams.
//
// Algorithm (never change it without updating the reference values in tests/world/prng_test.cc;
// every recorded seed and trace hash depends on it):
// - Generator: xoshiro256** 1.0 (Blackman and Vigna,
// https://prng.di.unimi.it/xoshiro256starstar.c).
//   From the state {1, 2, 3, 4} it yields 11520, 0, 1509978240, 1215971899390074240, ...
// - Seeding: the four state words are the first four outputs of splitmix64
//   (https://prng.di.unimi.it/splitmix64.c) started at the 64-bit seed. splitmix64 from 0 yields
//   0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f, 0xf88bb8a8724c81ec.
// - Streams: stream_seed(root, name) = splitmix64_mix(root ^ splitmix64_mix(fnv1a64(name))).
//   A component's stream depends only on the root seed and its own stable name ("net",
//   "node/3/engine"), so adding a component never shifts another component's numbers.
// - fnv1a64 is FNV-1a 64 (offset basis 0xcbf29ce484222325, prime 0x100000001b3). Never use
//   std::hash or absl::Hash for anything that reaches a seed or a trace: they vary per process.
//
// Distributions are written on the raw 64-bit output only, with integer arithmetic or IEEE
// operations that are correctly rounded everywhere (+ - * / sqrt) plus det_log (engine/det_math.h),
// so the same seed gives the same numbers bit for bit on every conforming platform. Code using
// them must be compiled with -ffp-contract=off (engine/ and sim/ are).
//
// A Prng is a value: copying it forks an identical sequence. It is not thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace quorate {

// FNV-1a 64 over the bytes of `text`. Stable across processes, builds and platforms.
constexpr uint64_t fnv1a64(std::string_view text, uint64_t hash = 0xcbf29ce484222325ULL) {
  for (const char c : text) {
    hash ^= static_cast<uint8_t>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

// The splitmix64 output function (finalizer) applied to one value.
constexpr uint64_t splitmix64_mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// One splitmix64 step: advances `state` by the golden gamma and returns the mixed value.
constexpr uint64_t splitmix64_next(uint64_t& state) {
  state += 0x9e3779b97f4a7c15ULL;
  return splitmix64_mix(state);
}

// The seed of the named stream `name` under `root_seed` (see the header comment).
constexpr uint64_t stream_seed(uint64_t root_seed, std::string_view name) {
  return splitmix64_mix(root_seed ^ splitmix64_mix(fnv1a64(name)));
}

class Prng {
 public:
  using State = std::array<uint64_t, 4>;

  // Seeds the state from splitmix64(seed). Every seed, including 0, gives a valid state.
  explicit Prng(uint64_t seed);
  // The generator of stream `name` under `root_seed`; equal to Prng(stream_seed(root, name)).
  static Prng for_stream(uint64_t root_seed, std::string_view name);
  // Exact state, for reference tests and checkpoints. Precondition: not all four words zero.
  static Prng from_state(const State& state);

  // Raw xoshiro256** output.
  uint64_t next_u64();
  // Uniform integer in [lo, hi] (inclusive), by rejection: no modulo bias. Precondition lo <= hi.
  uint64_t uniform_u64(uint64_t lo, uint64_t hi);
  int64_t uniform_i64(int64_t lo, int64_t hi);
  // Uniform double in [0, 1): the top 53 bits of one output times 2^-53.
  double uniform01();
  // True with probability p; p <= 0 never draws true, p >= 1 always does. Draws exactly one
  // output whatever p is, so changing a probability never shifts the rest of the stream.
  bool bernoulli(double p);
  // Exponential with the given mean (> 0): -mean * det_log(1 - u). One output per call.
  double exponential(double mean);
  // Normal(mean, stddev >= 0) by the Marsaglia polar method. The second value of each pair is
  // discarded (no hidden spare state), so the number of outputs drawn is data-dependent but
  // deterministic.
  double normal(double mean, double stddev);

  const State& state() const { return s_; }

 private:
  Prng() = default;
  State s_{};
};

}  // namespace quorate
