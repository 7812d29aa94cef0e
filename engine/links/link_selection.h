// Link selection per destination (knet's _host_dstcache_update_sync and the TX dispatch).
//
// Input: the usable links to one destination (enabled AND connected), ascending by id, each with
// its LOCAL priority. Output, per packet:
// - passive: exactly one link, the highest effective priority (0 counts as 1), ties to the lowest
//   id. Recomputed on every packet from the current state, so failback to a recovered
//   higher-priority link is immediate (no hysteresis), as in knet.
// - active: every usable link (priority ignored).
// - rr: one link per packet, cycling through the usable links in id order starting after the
//   last one used (priority ignored).
// No usable link: nothing (the caller counts the host as unreachable).
// One LinkSelector per destination; it only remembers the round-robin position.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "engine/ids.h"
#include "engine/links/link_options.h"

namespace quorate::links {

struct LinkCandidate {
  LinkId link;
  uint8_t priority = 1;  // as configured; effective_priority() is applied here
};

// Passive choice. Precondition: `usable` non-empty, ascending by id.
LinkId passive_choice(std::span<const LinkCandidate> usable);

class LinkSelector {
 public:
  explicit LinkSelector(LinkMode mode) : mode_(mode) {}

  // Replaces `out` with the links for the next packet. Precondition: `usable` ascending by id.
  void select(std::span<const LinkCandidate> usable, std::vector<LinkId>& out);

  LinkMode mode() const { return mode_; }

 private:
  LinkId next_round_robin(std::span<const LinkCandidate> usable);

  LinkMode mode_;
  std::optional<LinkId> rr_last_;
};

}  // namespace quorate::links
