// Signal: the step functions expectations are evaluated on.
#include "sim/scenario/signal.h"

#include <gtest/gtest.h>

namespace quorate::scenario {
namespace {

Instant t(int64_t ms) {
  return Instant::epoch() + Duration::from_ms(ms);
}

TEST(Signal, ValueIsTheLastChangeAtOrBefore) {
  Signal s(false);
  s.set(t(10), true);
  s.set(t(20), false);
  EXPECT_FALSE(s.at(t(9)));
  EXPECT_TRUE(s.at(t(10)));
  EXPECT_TRUE(s.at(t(19)));
  EXPECT_FALSE(s.at(t(20)));
  EXPECT_EQ(s.last_change_at_or_before(t(15)), t(10));
  EXPECT_EQ(s.last_change_at_or_before(t(5)), std::nullopt);
}

TEST(Signal, SameInstantLastWinsAndNoOpChangesCollapse) {
  Signal s(false);
  s.set(t(10), true);
  s.set(t(10), false);  // a glitch inside one instant is not a change
  s.set(t(12), false);
  EXPECT_TRUE(s.changes().empty());
  s.set(t(15), true);
  s.set(t(16), true);
  ASSERT_EQ(s.changes().size(), 1U);
  EXPECT_EQ(s.changes()[0].first, t(15));
}

TEST(Signal, FirstAndRise) {
  Signal s(true);
  s.set(t(10), false);
  s.set(t(30), true);
  EXPECT_EQ(s.first(true, t(0), t(100)), t(0));
  EXPECT_EQ(s.first(true, t(11), t(100)), t(30));
  EXPECT_EQ(s.first(true, t(11), t(29)), std::nullopt);
  EXPECT_EQ(s.first(false, t(0), t(100)), t(10));
  EXPECT_EQ(s.first_rise_after(t(0)), t(30));
  EXPECT_EQ(s.first_rise_after(t(30)), std::nullopt);
}

TEST(Signal, ConjunctionAndNegation) {
  Signal a(false), b(false);
  a.set(t(10), true);
  b.set(t(20), true);
  a.set(t(40), false);
  const Signal both = Signal::all_of({&a, &b});
  EXPECT_FALSE(both.at(t(15)));
  EXPECT_TRUE(both.at(t(20)));
  EXPECT_FALSE(both.at(t(40)));
  const Signal not_a = a.negated();
  EXPECT_TRUE(not_a.at(t(0)));
  EXPECT_FALSE(not_a.at(t(10)));
  EXPECT_TRUE(Signal::all_of({}).at(t(0)));
}

}  // namespace
}  // namespace quorate::scenario
