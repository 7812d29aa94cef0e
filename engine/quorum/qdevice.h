// A quorum device arbiter (a simple model of corosync-qnetd with the ffsplit algorithm).
//
// Contract:
// - The arbiter sees the cluster as partitions: each partition is the set of node ids whose
//   qdevice clients reach the arbiter and share one ring. It votes for at most one partition.
// - Decision (ffsplit-like): the partition with more nodes wins; on a tie, the partition the
//   arbiter already supports (largest overlap with the nodes it voted for last) keeps the vote;
//   otherwise the partition holding the lowest node id wins.
// - Pure and deterministic: partitions are compared by size and ordered ids, never by
//   container iteration order.
// - The device's vote count is configuration (quorum.device.votes, or the automatic N-1 rule
//   that resolve_options applies); the arbiter only decides who gets it.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <vector>

#include "engine/ids.h"

namespace quorate::quorum {

class QdeviceArbiter {
 public:
  using Partition = std::set<NodeId>;

  // Returns the index of the partition that gets the vote, or nullopt when none is connected.
  // Empty partitions never win. Remembers the winner for the next decision.
  std::optional<size_t> decide(const std::vector<Partition>& partitions);

  const Partition& supported() const { return supported_; }

 private:
  Partition supported_;  // nodes of the partition that got the vote last time
};

}  // namespace quorate::quorum
