// SeqWindow: which of the most recent sequence numbers were already seen (an IPsec-style sliding
// window). Used twice by the link layer: per sender for data sequence numbers (active-mode
// de-duplication) and per sender and link for crypto counters (replay protection).
//
// Contract: sequence numbers start at 1 (0 is never valid). A number above the highest seen is
// new; one at least `bits` below it is too old to judge and is reported as such (callers drop
// it); anything in between is new exactly once. Memory is bits/8 bytes, fixed at construction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace quorate::links {

class SeqWindow {
 public:
  enum class Verdict : uint8_t { kNew, kDuplicate, kTooOld };

  // `bits` is a positive multiple of 64.
  explicit SeqWindow(size_t bits);

  Verdict check(uint64_t seq) const;
  // Records `seq`. Precondition: check(seq) == kNew.
  void mark(uint64_t seq);
  // Forget everything (the sender restarted with a new boot prefix).
  void reset();

  uint64_t highest() const { return highest_; }
  size_t bits() const { return bits_; }

 private:
  bool test(uint64_t seq) const;
  void set(uint64_t seq);
  void clear(uint64_t seq);

  size_t bits_;
  uint64_t highest_ = 0;  // 0 = nothing seen yet
  std::vector<uint64_t> words_;
};

}  // namespace quorate::links
