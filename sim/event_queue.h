// EventQueue: the one ordered queue of a deterministic simulation.
//
// Order: entries pop by (time, insertion sequence): earlier time first, and among equal times the
// one pushed first. The sequence is a per-queue counter, so the order depends only on the order of
// push() calls, never on addresses or hashing.
//
// Cancellation is lazy and exact: push() returns a handle (slot index + generation). cancel()
// marks the slot; the entry stays in the heap and is discarded when it reaches the top. A handle
// whose entry was popped or cancelled is stale: cancel() returns false for it, even after its slot
// is reused (the generation differs). size() counts live (not cancelled) entries only.
//
// Layout: a 4-ary min-heap of 24-byte keys (time, sequence, slot); payloads stay in a slot table
// and never move during sifts. Complexity: push O(log n), pop O(log n) amortised over cancelled
// entries, cancel O(1). Keep payloads small anyway (store ids, not bytes). Not thread-safe.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "engine/check.h"
#include "engine/time.h"

namespace quorate::sim {

struct EventHandle {
  uint32_t slot = UINT32_MAX;
  uint32_t generation = 0;
  constexpr bool valid() const { return slot != UINT32_MAX; }
  friend constexpr bool operator==(EventHandle, EventHandle) = default;
};

template <typename Payload>
class EventQueue {
 public:
  struct Entry {
    Instant at;
    uint64_t seq = 0;
    Payload payload{};
  };

  EventHandle push(Instant at, Payload payload) {
    const uint32_t slot = acquire_slot();
    slots_[slot].payload = std::move(payload);
    heap_.push_back(Key{at, next_seq_++, slot});
    sift_up(heap_.size() - 1);
    ++live_;
    QUORATE_CHECK(live_ <= heap_.size());
    return EventHandle{slot, slots_[slot].generation};
  }

  // Cancels a pending entry. Returns false if the handle is stale (already popped or cancelled).
  bool cancel(EventHandle handle) {
    QUORATE_CHECK(handle.valid() && handle.slot < slots_.size());
    Slot& slot = slots_[handle.slot];
    if (slot.generation != handle.generation || slot.state != SlotState::kPending) return false;
    slot.state = SlotState::kCancelled;
    slot.payload = Payload{};  // release what it holds now; the key is discarded lazily
    QUORATE_CHECK(live_ > 0);
    --live_;
    return true;
  }

  bool empty() const { return live_ == 0; }
  size_t size() const { return live_; }
  uint64_t pushed_total() const { return next_seq_; }

  // Time of the earliest live entry. Precondition: !empty(). Discards cancelled entries on top.
  Instant next_time() {
    drop_cancelled_top();
    QUORATE_CHECK(!heap_.empty());
    return heap_.front().at;
  }

  // Removes and returns the earliest live entry. Precondition: !empty().
  Entry pop() {
    drop_cancelled_top();
    QUORATE_CHECK_MSG(!heap_.empty(), "pop from an empty event queue");
    const Key top = remove_top();
    Slot& slot = slots_[top.slot];
    QUORATE_CHECK(slot.state == SlotState::kPending);
    Entry entry{top.at, top.seq, std::move(slot.payload)};
    release_slot(top.slot);
    --live_;
    return entry;
  }

  void reserve(size_t n) {
    heap_.reserve(n);
    slots_.reserve(n);
  }

 private:
  static constexpr size_t kArity = 4;
  enum class SlotState : uint8_t { kFree, kPending, kCancelled };
  struct Slot {
    Payload payload{};
    uint32_t generation = 0;
    SlotState state = SlotState::kFree;
  };
  struct Key {
    Instant at;
    uint64_t seq = 0;
    uint32_t slot = 0;
  };
  static bool earlier(const Key& a, const Key& b) {
    if (a.at != b.at) return a.at < b.at;
    return a.seq < b.seq;
  }

  void sift_up(size_t i) {
    const Key key = heap_[i];
    while (i > 0) {
      const size_t parent = (i - 1) / kArity;
      if (!earlier(key, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = key;
  }

  void sift_down(size_t i) {
    const Key key = heap_[i];
    const size_t n = heap_.size();
    while (true) {
      const size_t first = kArity * i + 1;
      if (first >= n) break;
      const size_t last = first + kArity < n ? first + kArity : n;
      size_t best = first;
      for (size_t c = first + 1; c < last; ++c) {
        if (earlier(heap_[c], heap_[best])) best = c;
      }
      if (!earlier(heap_[best], key)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = key;
  }

  Key remove_top() {
    QUORATE_CHECK(!heap_.empty());
    const Key top = heap_.front();
    heap_.front() = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0);
    return top;
  }

  uint32_t acquire_slot() {
    uint32_t slot = 0;
    if (!free_slots_.empty()) {
      slot = free_slots_.back();
      free_slots_.pop_back();
    } else {
      QUORATE_CHECK(slots_.size() < UINT32_MAX);
      slot = static_cast<uint32_t>(slots_.size());
      slots_.push_back(Slot{});
    }
    QUORATE_CHECK(slots_[slot].state == SlotState::kFree);
    slots_[slot].state = SlotState::kPending;
    return slot;
  }

  void release_slot(uint32_t slot) {
    QUORATE_CHECK(slots_[slot].state != SlotState::kFree);
    slots_[slot].state = SlotState::kFree;
    ++slots_[slot].generation;  // makes every outstanding handle to this slot stale
    free_slots_.push_back(slot);
  }

  void drop_cancelled_top() {
    while (!heap_.empty() && slots_[heap_.front().slot].state == SlotState::kCancelled) {
      release_slot(remove_top().slot);
    }
  }

  std::vector<Key> heap_;
  std::vector<Slot> slots_;
  std::vector<uint32_t> free_slots_;
  uint64_t next_seq_ = 0;
  size_t live_ = 0;
};

}  // namespace quorate::sim
