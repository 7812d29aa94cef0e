// Durations and probabilities as scenario files write them.
#include "sim/scenario/duration_text.h"

#include <gtest/gtest.h>

namespace quorate::scenario {
namespace {

Duration parse(std::string_view text) {
  std::string error;
  const std::optional<Duration> d = parse_duration(text, &error);
  EXPECT_TRUE(d.has_value()) << text << ": " << error;
  return d.value_or(Duration::zero());
}

std::string parse_error(std::string_view text) {
  std::string error;
  EXPECT_FALSE(parse_duration(text, &error).has_value()) << text;
  return error;
}

TEST(DurationText, UnitsAreExact) {
  EXPECT_EQ(parse("30s"), Duration::from_s(30));
  EXPECT_EQ(parse("1500ms"), Duration::from_ms(1500));
  EXPECT_EQ(parse("2m"), Duration::from_s(120));
  EXPECT_EQ(parse("1h"), Duration::from_s(3600));
  EXPECT_EQ(parse("250us"), Duration::from_us(250));
  EXPECT_EQ(parse("10ns"), Duration::from_ns(10));
  EXPECT_EQ(parse("0"), Duration::zero());
  // Decimal fractions without floating point: 0.1 ms is exactly 100000 ns.
  EXPECT_EQ(parse("0.1ms"), Duration::from_us(100));
  EXPECT_EQ(parse("1.4s"), Duration::from_ms(1400));
  EXPECT_EQ(parse("31.7125s"), Duration::from_us(31'712'500));
  EXPECT_EQ(parse("1.5m"), Duration::from_s(90));
}

TEST(DurationText, BadDurationsAreRefusedWithAReason) {
  EXPECT_NE(parse_error("30").find("is not a duration"), std::string::npos);
  EXPECT_NE(parse_error("30 s").find("is not a duration"), std::string::npos);
  EXPECT_NE(parse_error("-1s").find("is not a duration"), std::string::npos);
  EXPECT_NE(parse_error("1.s").find("is not a duration"), std::string::npos);
  EXPECT_NE(parse_error("s").find("is not a duration"), std::string::npos);
  EXPECT_NE(parse_error("3d").find("is not a duration"), std::string::npos);
  EXPECT_EQ(parse_error("0.5ns"), "is finer than 1ns");
  EXPECT_EQ(parse_error("1001h"), "is too long (at most 1000h)");
  EXPECT_EQ(parse_error("99999999999999999999s"), "is too long (at most 1000h)");
}

TEST(DurationText, FormatIsShortAndRoundTrips) {
  EXPECT_EQ(format_duration(Duration::from_s(30)), "30s");
  EXPECT_EQ(format_duration(Duration::from_ms(1500)), "1.5s");
  EXPECT_EQ(format_duration(Duration::from_us(1500)), "1.5ms");
  EXPECT_EQ(format_duration(Duration::from_ns(31'311'837'978)), "31.311837978s");
  EXPECT_EQ(format_duration(Duration::zero()), "0");
  EXPECT_EQ(format_duration(-Duration::from_ms(2)), "-2ms");
  for (const int64_t ns :
       {1LL, 999LL, 1000LL, 123456789LL, 60'000'000'000LL, 3'600'000'000'001LL}) {
    EXPECT_EQ(parse(format_duration(Duration::from_ns(ns))), Duration::from_ns(ns)) << ns;
  }
}

TEST(DurationText, Probabilities) {
  std::string error;
  EXPECT_DOUBLE_EQ(*parse_probability("30%", &error), 0.3);
  EXPECT_DOUBLE_EQ(*parse_probability("0.25", &error), 0.25);
  EXPECT_DOUBLE_EQ(*parse_probability("0", &error), 0.0);
  EXPECT_DOUBLE_EQ(*parse_probability("100%", &error), 1.0);
  for (const char* bad : {"1.5", "101%", "-0.1", "abc", "%", ""}) {
    EXPECT_FALSE(parse_probability(bad, &error).has_value()) << bad;
  }
  EXPECT_NE(error.find("is not a probability"), std::string::npos);
}

}  // namespace
}  // namespace quorate::scenario
