// The periodic work of a bond: MII monitor, ARP monitor (load-balance and active-backup), the
// 802.3ad machines, and the tlb/alb monitor (rebalance, learning frames, alb client updates).
#include <array>

#include "engine/check.h"
#include "sim/bond/bond_device.h"
#include "sim/bond/lacp_pdu.h"

namespace quorate::bond {
namespace {

constexpr int kTlbRebalanceTicks = TlbTable::kRebalanceIntervalSeconds * 10;
constexpr uint32_t kLacpFrameBytes = 124;  // 14 header + 110 payload

}  // namespace

void BondDevice::mii_tick(Instant now, BondOutputs& out) {
  std::array<MiiState, kMaxMembers> states{};
  std::array<bool, kMaxMembers> carrier{};
  const size_t n = members_.size();
  for (size_t i = 0; i < n; ++i) {
    states[i] = members_[i].mii;
    carrier[i] = members_[i].carrier;
  }
  const bool ignore_updelay =
      options_.mode == BondMode::kActiveBackup ? !active_.has_value() : usable_members().empty();
  std::vector<LinkCommit> commits;
  const int up_ticks = static_cast<int>(options_.updelay.ns() / options_.miimon.ns());
  const int down_ticks = static_cast<int>(options_.downdelay.ns() / options_.miimon.ns());
  mii_inspect(std::span(states.data(), n), std::span<const bool>(carrier.data(), n), up_ticks,
              down_ticks, ignore_updelay, commits);
  for (size_t i = 0; i < n; ++i)
    members_[i].mii = states[i];
  for (const LinkCommit& c : commits)
    commit_link(c.member, c.up, now, out);
  QUORATE_CHECK(commits.size() <= n);
}

void BondDevice::send_probes(MemberId id, Instant now, BondOutputs& out) {
  Member& m = at(id);
  for (const IpAddr& target : options_.arp_ip_targets) {
    out.frames.push_back(ControlFrame{
        id, ControlKind::kArpProbe, arp_probe_frame(bond_mac_, options_.bond_ip, target), {}});
    m.arp.last_tx = now;
  }
  QUORATE_CHECK(!options_.arp_ip_targets.empty());
}

void BondDevice::arp_tick(Instant now, BondOutputs& out) {
  if (options_.mode == BondMode::kActiveBackup) {
    arp_ab_tick(now, out);
    return;
  }
  for (size_t i = 0; i < members_.size(); ++i) {
    const MemberId id{static_cast<uint8_t>(i)};
    const std::optional<bool> up = arp_lb_inspect(members_[i].mii.link, members_[i].arp, now,
                                                  options_.arp_interval, options_.arp_missed_max);
    if (up.has_value()) commit_link(id, *up, now, out);
  }
  for (size_t i = 0; i < members_.size(); ++i) {
    if (members_[i].carrier) send_probes(MemberId{static_cast<uint8_t>(i)}, now, out);
  }
}

void BondDevice::arp_ab_tick(Instant now, BondOutputs& out) {
  for (size_t i = 0; i < members_.size(); ++i) {
    const MemberId id{static_cast<uint8_t>(i)};
    Member& m = members_[i];
    const ArpAbInput in{m.mii.link, active_ == id, current_arp_member_.has_value(), m.last_link_up,
                        m.arp};
    const std::optional<MemberLink> next =
        arp_ab_inspect(in, now, options_.arp_interval, options_.arp_missed_max);
    if (!next.has_value()) continue;
    if (*next == MemberLink::kFail) {
      m.mii.link = MemberLink::kFail;
      m.active = false;
      if (active_.has_value()) current_arp_member_.reset();
      continue;
    }
    const bool was_probe = current_arp_member_ == id;
    commit_link(id, *next == MemberLink::kUp, now, out);
    if (*next == MemberLink::kUp && was_probe && !active_.has_value()) reselect_active(now, out);
  }
  if (active_.has_value()) {
    send_probes(*active_, now, out);
  } else {
    arp_rotate_probe(now, out);
  }
}

// bond_ab_arp_probe without an active member: try the next member with carrier in turn.
void BondDevice::arp_rotate_probe(Instant now, BondOutputs& out) {
  const size_t n = members_.size();
  const size_t from = current_arp_member_.has_value() ? current_arp_member_->value + 1U : 0U;
  for (size_t k = 0; k < n; ++k) {
    const size_t i = (from + k) % n;
    Member& m = members_[i];
    if (!m.carrier) continue;
    const MemberId id{static_cast<uint8_t>(i)};
    if (m.mii.link != MemberLink::kUp) m.mii.link = MemberLink::kBack;
    m.active = true;
    m.last_link_up = now;
    current_arp_member_ = id;
    send_probes(id, now, out);
    return;
  }
  QUORATE_CHECK(!active_.has_value());
}

void BondDevice::ad_tick(Instant now, BondOutputs& out) {
  QUORATE_CHECK(lacp_.has_value());
  std::vector<LacpTx> txs;
  lacp_->tick(txs);
  for (const LacpTx& tx : txs) {
    const MemberId id{static_cast<uint8_t>(tx.port)};
    FrameMeta meta;
    meta.src_mac = at(id).config.mac;
    meta.dst_mac = kLacpMulticastMac;
    meta.ethertype = kEtherTypeSlow;
    meta.size_bytes = kLacpFrameBytes;
    const auto bytes = encode_lacpdu(tx.pdu);
    out.frames.push_back(
        ControlFrame{id, ControlKind::kLacpdu, meta, {bytes.begin(), bytes.end()}});
    at(id).arp.last_tx = now;
  }
  note_lacp_changes(now, out);
}

void BondDevice::note_lacp_changes(Instant now, BondOutputs& out) {
  QUORATE_CHECK(lacp_.has_value() && lacp_distributing_.size() == members_.size());
  for (size_t i = 0; i < members_.size(); ++i) {
    const bool d = lacp_->port_distributing(static_cast<int>(i));
    members_[i].active = d;
    if (d == lacp_distributing_[i]) continue;
    lacp_distributing_[i] = d;
    out.events.push_back(BondEvent{now, BondEventKind::kLacpPortDistributing,
                                   MemberId{static_cast<uint8_t>(i)}, d ? 1 : 0});
  }
}

void BondDevice::alb_tick(Instant now, BondOutputs& out) {
  QUORATE_CHECK(tlb_.has_value());
  if (++tlb_rebalance_ticks_ >= kTlbRebalanceTicks) {
    tlb_rebalance_ticks_ = 0;
    tlb_->rebalance(active_);
    out.events.push_back(BondEvent{now, BondEventKind::kTlbRebalance, {}, 0});
  }
  const int lp_ticks = static_cast<int>(options_.lp_interval.ns() / Duration::from_ms(100).ns());
  if (++lp_ticks_ >= lp_ticks) {
    lp_ticks_ = 0;
    for (size_t i = 0; i < members_.size(); ++i) {
      const MemberId id{static_cast<uint8_t>(i)};
      if (!members_[i].carrier || members_[i].mii.link != MemberLink::kUp) continue;
      FrameMeta f;
      f.src_mac = member_mac(id);
      f.dst_mac = member_mac(id);
      f.ethertype = 0x0000;  // ETH_P_LOOPBACK-like learning frame; only its source matters
      out.frames.push_back(ControlFrame{id, ControlKind::kLearning, f, {}});
    }
  }
  if (rlb_pending_.empty()) return;
  if (rlb_update_delay_ticks_ > 0) {
    --rlb_update_delay_ticks_;
    return;
  }
  for (const IpAddr& client : rlb_pending_)
    emit_rlb_update(client, now, out);
  if (--rlb_update_retries_ <= 0) rlb_pending_.clear();
}

void BondDevice::emit_rlb_update(const IpAddr& client, Instant now, BondOutputs& out) {
  QUORATE_CHECK(rlb_.has_value());
  const std::optional<MemberId> m = rlb_->member_for(client);
  QUORATE_CHECK(m.has_value());
  FrameMeta f;
  f.src_mac = member_mac(*m);
  f.dst_mac = rlb_->client_mac(client);
  f.ethertype = kEtherTypeArp;
  f.arp_op = ArpOp::kReply;
  f.src_ip = options_.bond_ip;
  f.dst_ip = client;
  out.frames.push_back(ControlFrame{*m, ControlKind::kRlbUpdate, f, {}});
  at(*m).arp.last_tx = now;
}

}  // namespace quorate::bond
