#include "engine/links/seq_window.h"

#include <algorithm>

#include "engine/check.h"

namespace quorate::links {

SeqWindow::SeqWindow(size_t bits) : bits_(bits), words_(bits / 64, 0) {
  QUORATE_CHECK(bits >= 64);
  QUORATE_CHECK(bits % 64 == 0);
}

SeqWindow::Verdict SeqWindow::check(uint64_t seq) const {
  if (seq == 0) return Verdict::kTooOld;
  if (seq > highest_) return Verdict::kNew;
  if (highest_ - seq >= bits_) return Verdict::kTooOld;
  return test(seq) ? Verdict::kDuplicate : Verdict::kNew;
}

void SeqWindow::mark(uint64_t seq) {
  QUORATE_CHECK(check(seq) == Verdict::kNew);
  if (seq > highest_) {
    const uint64_t advance = seq - highest_;
    if (advance >= bits_) {
      std::fill(words_.begin(), words_.end(), 0);
    } else {
      for (uint64_t s = highest_ + 1; s < seq; ++s)
        clear(s);
    }
    highest_ = seq;
  }
  set(seq);
  QUORATE_CHECK(test(seq));
}

void SeqWindow::reset() {
  highest_ = 0;
  std::fill(words_.begin(), words_.end(), 0);
}

bool SeqWindow::test(uint64_t seq) const {
  const uint64_t bit = seq % bits_;
  return (words_[bit / 64] >> (bit % 64)) & 1U;
}

void SeqWindow::set(uint64_t seq) {
  const uint64_t bit = seq % bits_;
  words_[bit / 64] |= uint64_t{1} << (bit % 64);
}

void SeqWindow::clear(uint64_t seq) {
  const uint64_t bit = seq % bits_;
  words_[bit / 64] &= ~(uint64_t{1} << (bit % 64));
}

}  // namespace quorate::links
