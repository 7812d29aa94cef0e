// balance-tlb / balance-alb state (bond_alb.c): the transmit load table and, for alb, the
// receive load balancing (rlb) client table.
//
// TlbTable: 256 buckets. An unassigned bucket goes to the member with the largest gap
// (speed_mbps << 20) - (load << 3), first member on ties; a bucket's load history is
// 1 + bytes/10 of the last period. rebalance() (every 10 s, BOND_TLB_REBALANCE_INTERVAL) forgets
// every assignment, so the next frames re-assign buckets by the loads just measured: which peers
// a dead member takes can change every 10 s.
//
// RlbTable (alb): each IPv4 peer ("client") is told, by an ARP reply the bond writes, the MAC of
// one member; new clients go to members round-robin. Choice: the kernel keys a 256-entry table
// by a byte hash of the client address and lets colliding clients evict each other; here each
// client address has its own entry (no eviction), kept in address order.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <vector>

#include "sim/bond/bond_types.h"

namespace quorate::bond {

struct TlbCandidate {
  MemberId member;
  uint32_t speed_mbps = 0;
};

class TlbTable {
 public:
  static constexpr int kBuckets = 256;
  static constexpr int kRebalanceIntervalSeconds = 10;

  explicit TlbTable(int member_count);

  // tlb_choose_channel: the member for `bucket`, assigning it from `candidates` if unassigned.
  std::optional<MemberId> choose(uint8_t bucket, uint32_t bytes,
                                 std::span<const TlbCandidate> candidates);
  // Frames the table does not balance (multicast, non-IP) still count on the active member.
  void add_unbalanced(uint32_t bytes) { unbalanced_bytes_ += bytes; }
  // tlb_clear_slave: drop the member's buckets (save_load keeps their history).
  void clear_member(MemberId member, bool save_load);
  // The 10 s rebalance: clear every member, the active one inherits the unbalanced load.
  void rebalance(std::optional<MemberId> active);
  std::optional<MemberId> bucket_member(uint8_t bucket) const;
  uint64_t member_load(MemberId member) const;

 private:
  struct Bucket {
    std::optional<MemberId> member;
    uint64_t tx_bytes = 0;
    uint64_t load_history = 0;
  };
  std::array<Bucket, kBuckets> buckets_{};
  std::vector<uint64_t> load_;  // per member
  uint64_t unbalanced_bytes_ = 0;
};

class RlbTable {
 public:
  // rlb_choose_channel for a new client: the next member after the last one assigned.
  MemberId assign(const IpAddr& client, const MacAddr& client_mac,
                  std::span<const MemberId> usable);
  std::optional<MemberId> member_for(const IpAddr& client) const;
  // Clients of `member` move to other usable members; returns the moved clients.
  std::vector<IpAddr> reassign_from(MemberId member, std::span<const MemberId> usable);
  // Spread every client over `usable` again (rlb_rebalance after a member comes up).
  std::vector<IpAddr> rebalance(std::span<const MemberId> usable);
  const MacAddr& client_mac(const IpAddr& client) const;
  const std::map<IpAddr, MemberId>& clients() const { return member_; }

 private:
  MemberId next_after(std::span<const MemberId> usable);
  std::map<IpAddr, MemberId> member_;
  std::map<IpAddr, MacAddr> mac_;
  std::optional<MemberId> last_;
};

}  // namespace quorate::bond
