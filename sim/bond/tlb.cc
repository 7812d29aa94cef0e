#include "sim/bond/tlb.h"

#include <limits>

#include "engine/check.h"

namespace quorate::bond {

TlbTable::TlbTable(int member_count) : load_(static_cast<size_t>(member_count), 0) {
  QUORATE_CHECK(member_count > 0 && member_count <= kMaxMembers);
}

std::optional<MemberId> TlbTable::choose(uint8_t bucket, uint32_t bytes,
                                         std::span<const TlbCandidate> candidates) {
  Bucket& b = buckets_[bucket];
  if (!b.member.has_value()) {
    std::optional<MemberId> best;
    int64_t best_gap = std::numeric_limits<int64_t>::min();
    for (const TlbCandidate& c : candidates) {
      QUORATE_CHECK(c.member.value < load_.size());
      const int64_t gap = (static_cast<int64_t>(c.speed_mbps) << 20) -
                          static_cast<int64_t>(load_[c.member.value] << 3);
      if (gap > best_gap) {
        best_gap = gap;
        best = c.member;
      }
    }
    if (!best.has_value()) return std::nullopt;
    b.member = best;
    load_[best->value] += b.load_history;
  }
  b.tx_bytes += bytes;
  QUORATE_CHECK(b.member.has_value());
  return b.member;
}

void TlbTable::clear_member(MemberId member, bool save_load) {
  QUORATE_CHECK(member.value < load_.size());
  for (Bucket& b : buckets_) {
    if (b.member != member) continue;
    if (save_load) {
      b.load_history = 1 + b.tx_bytes / kRebalanceIntervalSeconds;
      b.tx_bytes = 0;
    }
    b.member.reset();
  }
  load_[member.value] = 0;
}

void TlbTable::rebalance(std::optional<MemberId> active) {
  for (size_t m = 0; m < load_.size(); ++m) {
    clear_member(MemberId{static_cast<uint8_t>(m)}, true);
  }
  if (active.has_value()) {
    QUORATE_CHECK(active->value < load_.size());
    load_[active->value] = unbalanced_bytes_ / kRebalanceIntervalSeconds;
  }
  unbalanced_bytes_ = 0;
}

std::optional<MemberId> TlbTable::bucket_member(uint8_t bucket) const {
  return buckets_[bucket].member;
}

uint64_t TlbTable::member_load(MemberId member) const {
  QUORATE_CHECK(member.value < load_.size());
  return load_[member.value];
}

MemberId RlbTable::next_after(std::span<const MemberId> usable) {
  QUORATE_CHECK(!usable.empty());
  MemberId next = usable.front();
  if (last_.has_value()) {
    for (const MemberId m : usable) {
      if (m > *last_) {
        next = m;
        break;
      }
    }
  }
  last_ = next;
  return next;
}

MemberId RlbTable::assign(const IpAddr& client, const MacAddr& client_mac,
                          std::span<const MemberId> usable) {
  const auto it = member_.find(client);
  if (it != member_.end()) return it->second;
  const MemberId m = next_after(usable);
  member_[client] = m;
  mac_[client] = client_mac;
  QUORATE_CHECK(member_.size() == mac_.size());
  return m;
}

std::optional<MemberId> RlbTable::member_for(const IpAddr& client) const {
  const auto it = member_.find(client);
  if (it == member_.end()) return std::nullopt;
  return it->second;
}

std::vector<IpAddr> RlbTable::reassign_from(MemberId member, std::span<const MemberId> usable) {
  std::vector<IpAddr> moved;
  for (auto& [client, m] : member_) {
    if (m != member) continue;
    if (usable.empty()) continue;
    m = next_after(usable);
    moved.push_back(client);
  }
  return moved;
}

std::vector<IpAddr> RlbTable::rebalance(std::span<const MemberId> usable) {
  std::vector<IpAddr> moved;
  if (usable.empty()) return moved;
  for (auto& [client, m] : member_) {
    const MemberId next = next_after(usable);
    if (next == m) continue;
    m = next;
    moved.push_back(client);
  }
  return moved;
}

const MacAddr& RlbTable::client_mac(const IpAddr& client) const {
  const auto it = mac_.find(client);
  QUORATE_CHECK_MSG(it != mac_.end(), "unknown rlb client");
  return it->second;
}

}  // namespace quorate::bond
