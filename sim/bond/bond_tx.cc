// Egress: which member(s) carry a frame, per mode.
#include "engine/check.h"
#include "sim/bond/bond_device.h"
#include "sim/bond/xmit_hash.h"

namespace quorate::bond {

TxDecision BondDevice::select_tx(const FrameMeta& frame, Instant now, BondOutputs& out) {
  QUORATE_CHECK_MSG(now >= last_now_, "bond inputs must come in time order");
  last_now_ = now;
  TxDecision d;
  d.src_mac = frame.src_mac;
  if (!carrier_up()) {
    d.drop = TxDrop::kBondDown;
    return d;
  }
  d.members = tx_members(frame, now, out);
  if (d.members.empty()) {
    d.drop = TxDrop::kNoUsableMember;
    return d;
  }
  if (tlb_.has_value()) d.src_mac = member_mac(d.members.front());
  for (const MemberId id : d.members)
    at(id).arp.last_tx = now;  // the NIC's trans_start
  QUORATE_CHECK(d.drop == TxDrop::kNone);
  return d;
}

std::vector<MemberId> BondDevice::tx_members(const FrameMeta& frame, Instant now,
                                             BondOutputs& out) {
  std::optional<MemberId> one;
  switch (options_.mode) {
    case BondMode::kBalanceRr:
      one = tx_round_robin();
      break;
    case BondMode::kActiveBackup:
      if (active_.has_value() && can_tx(*active_)) one = active_;
      break;
    case BondMode::kBalanceXor:
    case BondMode::k8023ad:
      one = tx_hash(frame, usable_members());
      break;
    case BondMode::kBroadcast:
      return usable_members();
    case BondMode::kBalanceTlb:
    case BondMode::kBalanceAlb:
      one = tx_tlb(frame, now, out);
      break;
  }
  if (!one.has_value()) return {};
  return {*one};
}

// bond_rr_gen_slave_id + bond_get_slave_by_id: the counter picks a start member, the first
// member from there (wrapping) that can transmit carries the frame.
std::optional<MemberId> BondDevice::tx_round_robin() {
  const uint64_t n = members_.size();
  uint64_t id = 0;
  if (options_.packets_per_slave == 0) {
    id = prng_.next_u64() & 0xffffffffULL;
  } else {
    id = ++rr_counter_ / static_cast<uint64_t>(options_.packets_per_slave);
  }
  const uint64_t first = static_cast<uint32_t>(id) % n;
  for (uint64_t k = 0; k < n; ++k) {
    const MemberId m{static_cast<uint8_t>((first + k) % n)};
    if (can_tx(m)) return m;
  }
  return std::nullopt;
}

std::optional<MemberId> BondDevice::tx_hash(const FrameMeta& frame,
                                            std::span<const MemberId> usable) const {
  if (usable.empty()) return std::nullopt;
  const uint32_t h = xmit_hash(options_.xmit_hash_policy, frame);
  const MemberId m = usable[h % usable.size()];
  QUORATE_CHECK(can_tx(m));
  return m;
}

// bond_tlb_xmit / bond_alb_xmit: unicast IP is balanced over buckets; everything else, and
// frames no member can take, go to the active member.
std::optional<MemberId> BondDevice::tx_tlb(const FrameMeta& frame, Instant now, BondOutputs& out) {
  const bool ip = (frame.ethertype == kEtherTypeIpv4 && frame.dst_ip.is_v4()) ||
                  (frame.ethertype == kEtherTypeIpv6 && frame.dst_ip.is_v6());
  std::optional<MemberId> chosen;
  if (ip && !frame.dst_is_multicast()) {
    const std::vector<MemberId> usable = usable_members();
    if (!options_.tlb_dynamic_lb) {
      chosen = tx_hash(frame, usable);
    } else {
      std::vector<TlbCandidate> candidates;
      for (const MemberId m : usable)
        candidates.push_back({m, at(m).config.speed_mbps});
      const size_t addr_bytes = frame.dst_ip.is_v4() ? 4 : 16;
      const uint8_t bucket =
          options_.mode == BondMode::kBalanceAlb
              ? simple_hash(std::span(frame.dst_ip.bytes.data(), addr_bytes))
              : static_cast<uint8_t>(xmit_hash(options_.xmit_hash_policy, frame) & 0xff);
      chosen = tlb_->choose(bucket, frame.size_bytes, candidates);
    }
    if (rlb_.has_value() && frame.dst_ip.is_v4()) alb_learn_client(frame, now, out);
  }
  if (!chosen.has_value()) {
    tlb_->add_unbalanced(frame.size_bytes);
    if (active_.has_value() && can_tx(*active_)) chosen = active_;
  }
  return chosen;
}

// rlb: the first unicast frame to a new IPv4 peer assigns it a receive member and tells it so.
void BondDevice::alb_learn_client(const FrameMeta& frame, Instant now, BondOutputs& out) {
  if (rlb_->member_for(frame.dst_ip).has_value()) return;
  const std::vector<MemberId> usable = usable_members();
  if (usable.empty()) return;
  rlb_->assign(frame.dst_ip, frame.dst_mac, usable);
  emit_rlb_update(frame.dst_ip, now, out);
  QUORATE_CHECK(rlb_->member_for(frame.dst_ip).has_value());
}

}  // namespace quorate::bond
