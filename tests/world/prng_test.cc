// PRNG: published reference vectors, seeding, streams, distribution bounds and sanity.
#include "engine/prng.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace quorate {
namespace {

// Independent transcription of the reference C code (prng.di.unimi.it), for cross-checks.
struct ReferenceXoshiro {
  uint64_t s[4];
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t next() {
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
  }
};

uint64_t reference_splitmix(uint64_t& x) {
  uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

TEST(Prng, XoshiroMatchesPublishedVectorFromState1234) {
  Prng prng = Prng::from_state({1, 2, 3, 4});
  const uint64_t expected[] = {11520ULL,
                               0ULL,
                               1509978240ULL,
                               1215971899390074240ULL,
                               1216172134540287360ULL,
                               607988272756665600ULL,
                               16172922978634559625ULL,
                               8476171486693032832ULL,
                               10595114339597558777ULL,
                               2904607092377533576ULL};
  for (const uint64_t e : expected)
    EXPECT_EQ(prng.next_u64(), e);
}

TEST(Prng, SplitmixMatchesPublishedVectorFromZero) {
  uint64_t state = 0;
  EXPECT_EQ(splitmix64_next(state), 0xe220a8397b1dcdafULL);
  EXPECT_EQ(splitmix64_next(state), 0x6e789e6aa1b965f4ULL);
  EXPECT_EQ(splitmix64_next(state), 0x06c45d188009454fULL);
  EXPECT_EQ(splitmix64_next(state), 0xf88bb8a8724c81ecULL);
}

TEST(Prng, Seed0ReferenceOutputs) {
  // Seeding from splitmix64(0): the state is the four published splitmix64 outputs above.
  Prng prng(0);
  EXPECT_EQ(prng.state()[0], 0xe220a8397b1dcdafULL);
  EXPECT_EQ(prng.state()[3], 0xf88bb8a8724c81ecULL);
  EXPECT_EQ(prng.next_u64(), 0x99ec5f36cb75f2b4ULL);
  EXPECT_EQ(prng.next_u64(), 0xbf6e1f784956452aULL);
  EXPECT_EQ(prng.next_u64(), 0x1a5f849d4933e6e0ULL);
  EXPECT_EQ(prng.next_u64(), 0x6aa594f1262d2d2cULL);
}

TEST(Prng, MatchesIndependentTranscriptionForManySeeds) {
  for (uint64_t seed : {0ULL, 1ULL, 42ULL, 0xdeadbeefULL, ~0ULL}) {
    uint64_t sm = seed;
    ReferenceXoshiro ref{};
    for (uint64_t& word : ref.s)
      word = reference_splitmix(sm);
    Prng prng(seed);
    for (int i = 0; i < 1000; ++i)
      ASSERT_EQ(prng.next_u64(), ref.next()) << seed << " " << i;
  }
}

TEST(Prng, Fnv1a64ReferenceValues) {
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ULL);
}

TEST(Prng, StreamReferenceValues) {
  EXPECT_EQ(stream_seed(42, "net"), 0x26dd737bb5b0ce17ULL);
  Prng net = Prng::for_stream(42, "net");
  EXPECT_EQ(net.next_u64(), 0x1505e6ecdeec7f62ULL);
  EXPECT_EQ(net.next_u64(), 0xcd1479580c0741eeULL);
  EXPECT_EQ(net.next_u64(), 0x29883617b7c74dbdULL);
}

TEST(Prng, StreamsAreIndependentOfOtherStreams) {
  // A stream's numbers depend only on (root, name): creating and draining other streams,
  // before or after, never changes it.
  Prng alone = Prng::for_stream(7, "node/3/engine");
  std::vector<uint64_t> expected;
  for (int i = 0; i < 16; ++i)
    expected.push_back(alone.next_u64());

  Prng net = Prng::for_stream(7, "net");
  for (int i = 0; i < 1000; ++i)
    net.next_u64();
  Prng added = Prng::for_stream(7, "node/4/engine");  // a new component
  added.next_u64();
  Prng again = Prng::for_stream(7, "node/3/engine");
  for (int i = 0; i < 16; ++i)
    EXPECT_EQ(again.next_u64(), expected[i]);

  EXPECT_NE(stream_seed(7, "node/3/engine"), stream_seed(7, "node/4/engine"));
  EXPECT_NE(stream_seed(7, "net"), stream_seed(8, "net"));
}

TEST(Prng, DistributionReferenceValuesBitForBit) {
  Prng prng(7);
  EXPECT_EQ(prng.uniform01(), 0x1.66b1f5ee9df2ep-1);
  EXPECT_EQ(prng.uniform01(), 0x1.1d70f6593d20ap-2);
  EXPECT_EQ(prng.uniform_u64(1, 6), 1U);
  EXPECT_EQ(prng.uniform_u64(0, 1000000), 631056U);
  EXPECT_EQ(prng.exponential(2.0), 0x1.2c7cef3fd9f67p+3);
  EXPECT_EQ(prng.normal(1.0, 3.0), -0x1.a48f57777d56ap+0);
}

TEST(Prng, Uniform01IsTop53BitsOfTheRawOutput) {
  uint64_t sm = 7;
  ReferenceXoshiro ref{};
  for (uint64_t& word : ref.s)
    word = reference_splitmix(sm);
  Prng prng(7);
  for (int i = 0; i < 1000; ++i) {
    ASSERT_EQ(prng.uniform01(), std::ldexp(static_cast<double>(ref.next() >> 11), -53));
  }
}

TEST(Prng, UniformIntegerBoundsAndFullRange) {
  Prng prng(3);
  for (int i = 0; i < 10000; ++i) {
    const uint64_t v = prng.uniform_u64(10, 12);
    ASSERT_GE(v, 10U);
    ASSERT_LE(v, 12U);
    const int64_t s = prng.uniform_i64(-5, 5);
    ASSERT_GE(s, -5);
    ASSERT_LE(s, 5);
  }
  EXPECT_EQ(prng.uniform_u64(9, 9), 9U);
  EXPECT_EQ(prng.uniform_i64(INT64_MIN, INT64_MIN), INT64_MIN);
  prng.uniform_u64(0, UINT64_MAX);  // full range: no division by zero
  prng.uniform_i64(INT64_MIN, INT64_MAX);
}

TEST(Prng, UniformIntegerIsUnbiased) {
  // 3 buckets over 300k draws: each within 1% of 100k (sd ~ 258).
  Prng prng(11);
  int counts[3] = {};
  for (int i = 0; i < 300000; ++i)
    ++counts[prng.uniform_u64(0, 2)];
  for (const int c : counts)
    EXPECT_NEAR(c, 100000, 1000);
}

TEST(Prng, DistributionMeansWithinTolerance) {
  Prng prng(2024);
  constexpr int kN = 200000;
  double sum_u = 0, sum_exp = 0, sum_n = 0, sum_n2 = 0;
  int heads = 0;
  for (int i = 0; i < kN; ++i) {
    const double u = prng.uniform01();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum_u += u;
    const double e = prng.exponential(5.0);
    ASSERT_GE(e, 0.0);
    sum_exp += e;
    const double n = prng.normal(10.0, 2.0);
    sum_n += n;
    sum_n2 += (n - 10.0) * (n - 10.0);
    heads += prng.bernoulli(0.3) ? 1 : 0;
  }
  EXPECT_NEAR(sum_u / kN, 0.5, 0.005);
  EXPECT_NEAR(sum_exp / kN, 5.0, 0.05);
  EXPECT_NEAR(sum_n / kN, 10.0, 0.02);
  EXPECT_NEAR(std::sqrt(sum_n2 / kN), 2.0, 0.02);
  EXPECT_NEAR(static_cast<double>(heads) / kN, 0.3, 0.005);
}

TEST(Prng, BernoulliExtremesAndOneDrawPerCall) {
  Prng a(5), b(5);
  for (int i = 0; i < 1000; ++i) {
    EXPECT_FALSE(a.bernoulli(0.0));
    EXPECT_TRUE(b.bernoulli(1.0));
  }
  EXPECT_EQ(a.next_u64(), b.next_u64());  // both consumed exactly 1000 draws
}

}  // namespace
}  // namespace quorate
