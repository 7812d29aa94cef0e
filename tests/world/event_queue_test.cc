// EventQueue: (time, insertion sequence) order, ties, lazy exact cancellation, stale handles.
#include "sim/event_queue.h"

#include <gtest/gtest.h>

#include <vector>

#include "engine/prng.h"

namespace quorate::sim {
namespace {

Instant at_ns(int64_t ns) {
  return Instant::from_ns(ns);
}

std::vector<int> drain(EventQueue<int>& queue) {
  std::vector<int> out;
  while (!queue.empty())
    out.push_back(queue.pop().payload);
  return out;
}

TEST(EventQueue, PopsByTimeThenInsertionOrder) {
  EventQueue<int> queue;
  queue.push(at_ns(30), 1);
  queue.push(at_ns(10), 2);
  queue.push(at_ns(20), 3);
  queue.push(at_ns(10), 4);  // tie with 2: pushed later, pops later
  queue.push(at_ns(10), 5);
  EXPECT_EQ(queue.size(), 5U);
  EXPECT_EQ(queue.next_time(), at_ns(10));
  EXPECT_EQ(drain(queue), (std::vector<int>{2, 4, 5, 3, 1}));
}

TEST(EventQueue, ManyTiesKeepFifoOrder) {
  EventQueue<int> queue;
  for (int i = 0; i < 1000; ++i)
    queue.push(at_ns(7), i);
  const std::vector<int> out = drain(queue);
  for (int i = 0; i < 1000; ++i)
    ASSERT_EQ(out[i], i);
}

TEST(EventQueue, SequenceNumbersAreInsertionOrder) {
  EventQueue<int> queue;
  queue.push(at_ns(5), 0);
  queue.push(at_ns(1), 1);
  EXPECT_EQ(queue.pop().seq, 1U);
  EXPECT_EQ(queue.pop().seq, 0U);
  EXPECT_EQ(queue.pushed_total(), 2U);
}

TEST(EventQueue, CancelRemovesExactlyThatEntry) {
  EventQueue<int> queue;
  queue.push(at_ns(1), 1);
  const EventHandle h2 = queue.push(at_ns(2), 2);
  const EventHandle h3 = queue.push(at_ns(1), 3);
  queue.push(at_ns(3), 4);
  EXPECT_TRUE(queue.cancel(h2));
  EXPECT_TRUE(queue.cancel(h3));
  EXPECT_FALSE(queue.cancel(h2));  // already cancelled
  EXPECT_EQ(queue.size(), 2U);
  EXPECT_EQ(drain(queue), (std::vector<int>{1, 4}));
}

TEST(EventQueue, CancelOfPoppedOrReusedHandleIsStale) {
  EventQueue<int> queue;
  const EventHandle h = queue.push(at_ns(1), 1);
  EXPECT_EQ(queue.pop().payload, 1);
  EXPECT_FALSE(queue.cancel(h));
  const EventHandle reused = queue.push(at_ns(2), 2);  // same slot, new generation
  EXPECT_EQ(reused.slot, h.slot);
  EXPECT_NE(reused.generation, h.generation);
  EXPECT_FALSE(queue.cancel(h));
  EXPECT_EQ(queue.size(), 1U);
  EXPECT_TRUE(queue.cancel(reused));
  EXPECT_TRUE(queue.empty());
}

TEST(EventQueue, CancelledTopDoesNotHideNextTime) {
  EventQueue<int> queue;
  const EventHandle h = queue.push(at_ns(1), 1);
  queue.push(at_ns(9), 2);
  queue.cancel(h);
  EXPECT_EQ(queue.next_time(), at_ns(9));
  EXPECT_EQ(queue.pop().payload, 2);
  EXPECT_TRUE(queue.empty());
}

TEST(EventQueue, RandomisedAgainstSortedReference) {
  Prng prng(1);
  EventQueue<int> queue;
  std::vector<std::pair<int64_t, int>> reference;  // (time, id); ids increase with insertion
  std::vector<EventHandle> handles;
  for (int i = 0; i < 5000; ++i) {
    const auto t = static_cast<int64_t>(prng.uniform_u64(0, 100));
    handles.push_back(queue.push(at_ns(t), i));
    reference.emplace_back(t, i);
  }
  for (int i = 0; i < 5000; i += 3) {
    ASSERT_TRUE(queue.cancel(handles[i]));
    reference[i].second = -1;
  }
  std::erase_if(reference, [](const auto& r) { return r.second < 0; });
  std::stable_sort(reference.begin(), reference.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  ASSERT_EQ(queue.size(), reference.size());
  for (const auto& [t, id] : reference) {
    const auto entry = queue.pop();
    ASSERT_EQ(entry.at, at_ns(t));
    ASSERT_EQ(entry.payload, id);
  }
  EXPECT_TRUE(queue.empty());
}

TEST(EventQueueDeath, PopFromEmptyFails) {
  EventQueue<int> queue;
  EXPECT_DEATH(queue.pop(), "empty event queue");
}

}  // namespace
}  // namespace quorate::sim
