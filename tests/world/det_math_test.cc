// det_log: bit-for-bit reference values and agreement with the platform libm within 1 ulp.
#include "engine/det_math.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>

#include "engine/prng.h"

namespace quorate {
namespace {

int64_t ulp_distance(double a, double b) {
  int64_t ia = 0, ib = 0;
  std::memcpy(&ia, &a, sizeof a);
  std::memcpy(&ib, &b, sizeof b);
  if (ia < 0) ia = INT64_MIN - ia;  // map to a monotonic integer line
  if (ib < 0) ib = INT64_MIN - ib;
  return ia > ib ? ia - ib : ib - ia;
}

TEST(DetLog, ReferenceValuesBitForBit) {
  EXPECT_EQ(det_log(1.0), 0.0);
  EXPECT_EQ(det_log(2.0), 0x1.62e42fefa39efp-1);  // ln 2 correctly rounded
  EXPECT_EQ(det_log(0.5), -0x1.62e42fefa39efp-1);
  EXPECT_EQ(det_log(3.0), 0x1.193ea7aad030ap+0);
  EXPECT_EQ(det_log(10.0), 0x1.26bb1bbb55516p+1);
  EXPECT_EQ(det_log(1e-300), -0x1.5963447f87fb5p+9);
  EXPECT_EQ(det_log(1e300), 0x1.5963447f87fb5p+9);
  EXPECT_EQ(det_log(0.999999), -0x1.0c6f82d74d23p-20);
  EXPECT_EQ(det_log(1.000001), 0x1.0c6f713f33a1dp-20);
  EXPECT_EQ(det_log(0x1p-1074), -0x1.74385446d71c3p+9);  // smallest subnormal
}

TEST(DetLog, WithinOneUlpOfLibmOverManyValues) {
  Prng prng(99);
  int64_t worst = 0;
  for (int i = 0; i < 200000; ++i) {
    // Uniform in (0, 1] (the exponential's domain) and log-uniform over the whole range.
    const double u = 1.0 - prng.uniform01();
    const double wide =
        std::ldexp(1.0 + prng.uniform01(), static_cast<int>(prng.uniform_i64(-1070, 1020)));
    for (const double x : {u, wide}) {
      const int64_t d = ulp_distance(det_log(x), std::log(x));
      worst = d > worst ? d : worst;
      ASSERT_LE(d, 1) << "x=" << x;
    }
  }
  RecordProperty("worst_ulp", static_cast<int>(worst));
}

}  // namespace
}  // namespace quorate
