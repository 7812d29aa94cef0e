#include "engine/links/link_selection.h"

#include <algorithm>

#include "engine/check.h"

namespace quorate::links {
namespace {

bool ascending(std::span<const LinkCandidate> usable) {
  return std::is_sorted(usable.begin(), usable.end(),
                        [](const LinkCandidate& a, const LinkCandidate& b) {
                          return a.link.value < b.link.value;
                        }) &&
         std::adjacent_find(usable.begin(), usable.end(),
                            [](const LinkCandidate& a, const LinkCandidate& b) {
                              return a.link == b.link;
                            }) == usable.end();
}

}  // namespace

LinkId passive_choice(std::span<const LinkCandidate> usable) {
  QUORATE_CHECK(!usable.empty());
  QUORATE_CHECK(ascending(usable));
  const LinkCandidate* best = &usable.front();
  for (const LinkCandidate& candidate : usable) {
    // Strictly greater: on a tie the earlier (lower id) link stays.
    if (effective_priority(candidate.priority) > effective_priority(best->priority)) {
      best = &candidate;
    }
  }
  return best->link;
}

LinkId LinkSelector::next_round_robin(std::span<const LinkCandidate> usable) {
  QUORATE_CHECK(!usable.empty());
  const LinkCandidate* next = &usable.front();  // wrap around to the lowest id
  if (rr_last_) {
    for (const LinkCandidate& candidate : usable) {
      if (candidate.link.value > rr_last_->value) {
        next = &candidate;
        break;
      }
    }
  }
  rr_last_ = next->link;
  return next->link;
}

void LinkSelector::select(std::span<const LinkCandidate> usable, std::vector<LinkId>& out) {
  QUORATE_CHECK(ascending(usable));
  out.clear();
  if (usable.empty()) return;
  switch (mode_) {
    case LinkMode::kPassive:
      out.push_back(passive_choice(usable));
      break;
    case LinkMode::kActive:
      for (const LinkCandidate& candidate : usable)
        out.push_back(candidate.link);
      break;
    case LinkMode::kRr:
      out.push_back(next_round_robin(usable));
      break;
  }
  QUORATE_CHECK(!out.empty() && out.size() <= usable.size());
}

}  // namespace quorate::links
