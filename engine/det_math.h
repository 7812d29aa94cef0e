// Deterministic transcendental functions.
//
// std::log and friends are not required to be correctly rounded, and glibc, musl, MSVC and
// macOS libm differ in the last bit for some inputs. Anything whose result reaches a trace (random
// delays, distributions) uses these instead. They are built only from + - * / and frexp/ldexp,
// which IEEE 754 defines exactly, so they return the same bits everywhere provided the compiler
// does not contract a*b+c into an FMA: build with -ffp-contract=off (engine/ and sim/ do).
#pragma once

namespace quorate {

// Natural logarithm. Precondition: x > 0 and finite (checked). Algorithm: the fdlibm e_log.c
// reduction x = 2^k * (1 + f) with sqrt(2)/2 <= 1 + f < sqrt(2), and its degree-14 minimax
// polynomial for log(1+f); error below 1 ulp of the true value.
double det_log(double x);

}  // namespace quorate
