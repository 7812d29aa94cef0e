// Durations, instants and probabilities as scenario files write them.
//
// Durations: a decimal number and a unit, no space: "30s", "1500ms", "2m", "0.1ms", "250us",
// "10ns", "1h"; a bare "0" is zero. Parsed exactly with integer arithmetic (no floating point),
// so "0.1ms" is 100000 ns on every machine; a value finer than 1 ns or beyond 1000 h is refused.
// Probabilities: "30%" or a plain number in [0, 1] ("0.3").
//
// Pure functions; the error text (when a parse fails) is one lower-case phrase without the
// file position, which the caller adds.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/time.h"

namespace quorate::scenario {

inline constexpr Duration kMaxScenarioDuration = Duration::from_s(1000 * 3600);

std::optional<Duration> parse_duration(std::string_view text, std::string* error);
std::optional<double> parse_probability(std::string_view text, std::string* error);

// The shortest exact text: "30s", "1.5s", "31.7125s", "1500us" -> "1.5ms", "0" for zero.
// Negative durations get a leading '-'. parse_duration(format_duration(d)) == d.
std::string format_duration(Duration d);
inline std::string format_instant(Instant t) {
  return format_duration(t.since_epoch());
}

}  // namespace quorate::scenario
