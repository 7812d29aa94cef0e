#include "sim/scenario/duration_text.h"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace quorate::scenario {
namespace {

struct Unit {
  std::string_view suffix;
  int64_t ns;
};
// Longest suffix first so "ms" is not read as "m" + "s".
constexpr std::array<Unit, 6> kUnits = {{
    {"ms", 1'000'000},
    {"us", 1'000},
    {"ns", 1},
    {"s", 1'000'000'000},
    {"m", 60'000'000'000},
    {"h", 3'600'000'000'000},
}};

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// value = whole.frac in `unit_ns`, exactly, or nullopt with *error set.
std::optional<int64_t> scale(std::string_view whole, std::string_view frac, int64_t unit_ns,
                             std::string* error) {
  constexpr int64_t kLimitNs = kMaxScenarioDuration.ns();
  if (whole.size() > 12) {
    *error = "is too long (at most 1000h)";
    return std::nullopt;
  }
  const int64_t w = std::stoll(std::string(whole));
  if (w > kLimitNs / unit_ns) {
    *error = "is too long (at most 1000h)";
    return std::nullopt;
  }
  int64_t total = w * unit_ns;
  int64_t place = unit_ns;
  for (const char c : frac) {
    const int64_t digit = c - '0';
    if (place % 10 != 0) {
      if (digit != 0) {
        *error = "is finer than 1ns";
        return std::nullopt;
      }
      continue;
    }
    place /= 10;
    total += digit * place;
  }
  if (total > kLimitNs) {
    *error = "is too long (at most 1000h)";
    return std::nullopt;
  }
  return total;
}

}  // namespace

std::optional<Duration> parse_duration(std::string_view text, std::string* error) {
  if (text == "0") return Duration::zero();
  for (const Unit& unit : kUnits) {
    if (!text.ends_with(unit.suffix)) continue;
    const std::string_view number = text.substr(0, text.size() - unit.suffix.size());
    const size_t dot = number.find('.');
    const std::string_view whole = number.substr(0, dot);
    const std::string_view frac =
        dot == std::string_view::npos ? std::string_view{} : number.substr(dot + 1);
    if (!all_digits(whole) || (dot != std::string_view::npos && !all_digits(frac))) break;
    const std::optional<int64_t> ns = scale(whole, frac, unit.ns, error);
    if (!ns) return std::nullopt;
    return Duration::from_ns(*ns);
  }
  *error = "is not a duration (a number and a unit: 30s, 1500ms, 2m, 0.1ms, 250us)";
  return std::nullopt;
}

std::optional<double> parse_probability(std::string_view text, std::string* error) {
  const bool percent = text.ends_with('%');
  const std::string number(percent ? text.substr(0, text.size() - 1) : text);
  char* end = nullptr;
  const double value = number.empty() ? -1.0 : std::strtod(number.c_str(), &end);
  const double p = percent ? value / 100.0 : value;
  if (number.empty() || end != number.c_str() + number.size() || !(p >= 0.0 && p <= 1.0)) {
    *error = "is not a probability (a number in [0, 1] or a percentage: 0.3, 30%)";
    return std::nullopt;
  }
  return p;
}

std::string format_duration(Duration d) {
  if (d == Duration::zero()) return "0";
  if (d < Duration::zero()) return "-" + format_duration(-d);
  const int64_t ns = d.ns();
  // Pick the largest unit whose integer part is non-zero, then trim trailing zeros.
  static constexpr std::array<Unit, 4> kShown = {
      {{"s", 1'000'000'000}, {"ms", 1'000'000}, {"us", 1'000}, {"ns", 1}}};
  for (const Unit& unit : kShown) {
    if (ns < unit.ns) continue;
    std::string text = std::to_string(ns / unit.ns);
    int64_t rest = ns % unit.ns;
    if (rest != 0) {
      std::string frac;
      for (int64_t place = unit.ns / 10; place >= 1; place /= 10) {
        frac.push_back(static_cast<char>('0' + rest / place));
        rest %= place;
      }
      while (!frac.empty() && frac.back() == '0')
        frac.pop_back();
      text += "." + frac;
    }
    return text + std::string(unit.suffix);
  }
  return "0";
}

}  // namespace quorate::scenario
