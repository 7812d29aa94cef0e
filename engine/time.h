// Virtual and real time as strong types.
//
// Contract:
// - A Duration is a signed span of integer nanoseconds; an Instant is a point on one clock's
//   timeline, also integer nanoseconds since that clock's epoch (0 = the start of a simulation,
//   or an arbitrary origin of CLOCK_MONOTONIC in the socket backend).
// - Instant - Instant = Duration; Instant + Duration = Instant; Instant + Instant does not exist.
// - No conversion to or from floating point happens implicitly: protocol code that needs corosync's
//   float arithmetic does it explicitly where the formula lives.
// - Overflow is not checked: int64 nanoseconds span 292 years, far beyond any run.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>

namespace quorate {

class Duration {
 public:
  constexpr Duration() = default;

  static constexpr Duration from_ns(int64_t ns) { return Duration(ns); }
  static constexpr Duration from_us(int64_t us) { return Duration(us * 1'000); }
  static constexpr Duration from_ms(int64_t ms) { return Duration(ms * 1'000'000); }
  static constexpr Duration from_s(int64_t s) { return Duration(s * 1'000'000'000); }
  static constexpr Duration zero() { return Duration(0); }
  static constexpr Duration max() { return Duration(std::numeric_limits<int64_t>::max()); }

  constexpr int64_t ns() const { return ns_; }
  // Truncating conversions (toward zero), like integer division in C.
  constexpr int64_t us() const { return ns_ / 1'000; }
  constexpr int64_t ms() const { return ns_ / 1'000'000; }
  constexpr int64_t s() const { return ns_ / 1'000'000'000; }

  constexpr Duration operator+(Duration o) const { return Duration(ns_ + o.ns_); }
  constexpr Duration operator-(Duration o) const { return Duration(ns_ - o.ns_); }
  constexpr Duration operator-() const { return Duration(-ns_); }
  constexpr Duration operator*(int64_t k) const { return Duration(ns_ * k); }
  constexpr Duration operator/(int64_t k) const { return Duration(ns_ / k); }
  constexpr Duration& operator+=(Duration o) {
    ns_ += o.ns_;
    return *this;
  }
  constexpr Duration& operator-=(Duration o) {
    ns_ -= o.ns_;
    return *this;
  }
  constexpr auto operator<=>(const Duration&) const = default;

 private:
  constexpr explicit Duration(int64_t ns) : ns_(ns) {}
  int64_t ns_ = 0;
};

class Instant {
 public:
  constexpr Instant() = default;

  static constexpr Instant from_ns(int64_t ns) { return Instant(ns); }
  static constexpr Instant epoch() { return Instant(0); }
  static constexpr Instant max() { return Instant(std::numeric_limits<int64_t>::max()); }

  constexpr int64_t ns() const { return ns_; }
  constexpr Duration since_epoch() const { return Duration::from_ns(ns_); }

  constexpr Instant operator+(Duration d) const { return Instant(ns_ + d.ns()); }
  constexpr Instant operator-(Duration d) const { return Instant(ns_ - d.ns()); }
  constexpr Duration operator-(Instant o) const { return Duration::from_ns(ns_ - o.ns_); }
  constexpr Instant& operator+=(Duration d) {
    ns_ += d.ns();
    return *this;
  }
  constexpr auto operator<=>(const Instant&) const = default;

 private:
  constexpr explicit Instant(int64_t ns) : ns_(ns) {}
  int64_t ns_ = 0;
};

}  // namespace quorate
