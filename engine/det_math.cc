#include "engine/det_math.h"

#include <cmath>

#include "engine/check.h"

namespace quorate {
namespace {

// fdlibm e_log.c constants (Sun Microsystems, 1993). ln2_hi has its low 32 bits zero, so
// k * ln2_hi is exact for |k| < 2^20.
constexpr double kLn2Hi = 6.93147180369123816490e-01;  // 0x3fe62e42 fee00000
constexpr double kLn2Lo = 1.90821492927058770002e-10;  // 0x3dea39ef 35793c76
constexpr double kLg1 = 6.666666666666735130e-01;
constexpr double kLg2 = 3.999999999940941908e-01;
constexpr double kLg3 = 2.857142874366239149e-01;
constexpr double kLg4 = 2.222219843214978396e-01;
constexpr double kLg5 = 1.818357216161805012e-01;
constexpr double kLg6 = 1.531383769920937332e-01;
constexpr double kLg7 = 1.479819860511658591e-01;
constexpr double kSqrtHalf = 0.70710678118654752440;

}  // namespace

double det_log(double x) {
  QUORATE_CHECK_MSG(x > 0.0 && std::isfinite(x), "det_log domain is (0, inf)");
  int k = 0;
  double m = std::frexp(x, &k);  // x = m * 2^k, m in [0.5, 1); exact, subnormals included.
  if (m < kSqrtHalf) {
    m *= 2.0;  // exact
    k -= 1;
  }
  QUORATE_CHECK(m >= kSqrtHalf && m < 2.0 * kSqrtHalf);
  const double f = m - 1.0;  // exact (Sterbenz)
  const double s = f / (2.0 + f);
  const double z = s * s;
  const double w = z * z;
  const double t1 = w * (kLg2 + w * (kLg4 + w * kLg6));
  const double t2 = z * (kLg1 + w * (kLg3 + w * (kLg5 + w * kLg7)));
  const double r = t2 + t1;
  const double hfsq = 0.5 * f * f;
  const double dk = static_cast<double>(k);
  return dk * kLn2Hi - ((hfsq - (s * (hfsq + r) + dk * kLn2Lo)) - f);
}

}  // namespace quorate
