#include "engine/quorum/qdevice.h"

#include <algorithm>

#include "engine/check.h"

namespace quorate::quorum {
namespace {

size_t overlap(const QdeviceArbiter::Partition& a, const QdeviceArbiter::Partition& b) {
  size_t n = 0;
  for (NodeId id : a)
    n += b.contains(id) ? 1 : 0;
  return n;
}

// True when `a` beats `b` (both non-empty): more nodes, then more overlap with the supported
// partition, then the lower lowest node id.
bool beats(const QdeviceArbiter::Partition& a, const QdeviceArbiter::Partition& b,
           const QdeviceArbiter::Partition& supported) {
  QUORATE_CHECK(!a.empty() && !b.empty());
  if (a.size() != b.size()) return a.size() > b.size();
  const size_t oa = overlap(a, supported);
  const size_t ob = overlap(b, supported);
  if (oa != ob) return oa > ob;
  QUORATE_CHECK_MSG(*a.begin() != *b.begin(), "a node is in two partitions");
  return *a.begin() < *b.begin();
}

}  // namespace

std::optional<size_t> QdeviceArbiter::decide(const std::vector<Partition>& partitions) {
  std::optional<size_t> best;
  for (size_t i = 0; i < partitions.size(); ++i) {
    if (partitions[i].empty()) continue;
    if (!best.has_value() || beats(partitions[i], partitions[*best], supported_)) best = i;
  }
  supported_ = best.has_value() ? partitions[*best] : Partition{};
  QUORATE_CHECK(!best.has_value() || !supported_.empty());
  QUORATE_CHECK(best.has_value() || supported_.empty());
  return best;
}

}  // namespace quorate::quorum
