// Link commits (a monitor decided a member is up or down) and the choice of the active member
// for active-backup, balance-tlb and balance-alb (primary, primary_reselect).
#include "engine/check.h"
#include "sim/bond/arp_monitor.h"
#include "sim/bond/bond_device.h"

namespace quorate::bond {

void BondDevice::commit_link(MemberId id, bool up, Instant now, BondOutputs& out) {
  Member& m = at(id);
  m.mii.link = up ? MemberLink::kUp : MemberLink::kDown;
  m.mii.delay_ticks = 0;
  out.events.push_back(
      BondEvent{now, up ? BondEventKind::kMemberUp : BondEventKind::kMemberDown, id, 0});
  if (up) {
    m.last_link_up = now;
    commit_up_hooks(id, now, out);
  } else {
    commit_down_hooks(id, now, out);
  }
  QUORATE_CHECK(m.mii.link == (up ? MemberLink::kUp : MemberLink::kDown));
}

void BondDevice::commit_up_hooks(MemberId id, Instant now, BondOutputs& out) {
  Member& m = at(id);
  switch (options_.mode) {
    case BondMode::k8023ad:
      m.active = false;  // the mux enables it
      lacp_->set_port_link(id.value, true);
      note_lacp_changes(now, out);
      return;
    case BondMode::kActiveBackup:
      m.active = false;
      if (!active_.has_value() || options_.primary == id) reselect_active(now, out);
      return;
    case BondMode::kBalanceTlb:
    case BondMode::kBalanceAlb:
      m.active = true;
      tlb_rebalance_ticks_ = TlbTable::kRebalanceIntervalSeconds * 10;  // rebalance at once
      if (rlb_.has_value()) {
        for (const IpAddr& c : rlb_->rebalance(usable_members()))
          rlb_pending_.insert(c);
        rlb_update_delay_ticks_ = 20;
        rlb_update_retries_ = 3;
      }
      if (!active_.has_value() || options_.primary == id) reselect_active(now, out);
      return;
    default:
      m.active = true;
      return;
  }
}

void BondDevice::commit_down_hooks(MemberId id, Instant now, BondOutputs& out) {
  Member& m = at(id);
  if (options_.mode == BondMode::k8023ad) {
    m.active = false;
    lacp_->set_port_link(id.value, false);
    note_lacp_changes(now, out);
    return;
  }
  if (options_.mode == BondMode::kActiveBackup) m.active = false;
  if (tlb_.has_value()) {
    m.active = false;
    tlb_->clear_member(id, false);
    if (rlb_.has_value()) {
      for (const IpAddr& c : rlb_->reassign_from(id, usable_members()))
        rlb_pending_.insert(c);
      rlb_update_delay_ticks_ = 20;  // RLB_UPDATE_DELAY: 2 s of 100 ms ticks
      rlb_update_retries_ = 3;
    }
  }
  if (active_ == id) reselect_active(now, out);
}

// bond_choose_primary_or_current
std::optional<MemberId> BondDevice::choose_primary_or_current() const {
  const auto up = [&](std::optional<MemberId> id) {
    return id.has_value() && at(*id).mii.link == MemberLink::kUp;
  };
  const std::optional<MemberId> prim = options_.primary;
  if (!up(prim)) return up(active_) ? active_ : std::nullopt;
  if (!up(active_)) return prim;
  switch (options_.primary_reselect) {
    case PrimaryReselect::kAlways:
      return prim;
    case PrimaryReselect::kBetter:
      return at(*prim).config.speed_mbps > at(*active_).config.speed_mbps ? prim : active_;
    case PrimaryReselect::kFailure:
      return active_;
  }
  QUORATE_UNREACHABLE();
}

// bond_find_best_slave: primary/current, else the first UP member, else the BACK member with
// the least updelay left.
std::optional<MemberId> BondDevice::find_best_member() const {
  if (const std::optional<MemberId> chosen = choose_primary_or_current()) return chosen;
  std::optional<MemberId> best;
  int least = static_cast<int>(options_.updelay.ns() / std::max<int64_t>(1, options_.miimon.ns()));
  for (size_t i = 0; i < members_.size(); ++i) {
    const Member& m = members_[i];
    const MemberId id{static_cast<uint8_t>(i)};
    if (m.mii.link == MemberLink::kUp) return id;
    if (m.mii.link == MemberLink::kBack && m.carrier && m.mii.delay_ticks < least) {
      least = m.mii.delay_ticks;
      best = id;
    }
  }
  return best;
}

void BondDevice::reselect_active(Instant now, BondOutputs& out) {
  QUORATE_CHECK(mode_uses_primary(options_.mode));
  const std::optional<MemberId> best = find_best_member();
  if (best != active_) change_active(best, now, out);
  QUORATE_CHECK(active_ == best);
}

void BondDevice::change_active(std::optional<MemberId> next, Instant now, BondOutputs& out) {
  if (active_.has_value() && options_.mode == BondMode::kActiveBackup) at(*active_).active = false;
  active_ = next;
  out.events.push_back(BondEvent{now, BondEventKind::kActiveChanged, next.value_or(MemberId{}),
                                 next.has_value() ? 1 : 0});
  if (!next.has_value()) return;
  Member& m = at(*next);
  if (m.mii.link == MemberLink::kBack) {  // taken before its updelay ran out
    m.mii.link = MemberLink::kUp;
    m.mii.delay_ticks = 0;
    m.last_link_up = now;
    out.events.push_back(BondEvent{now, BondEventKind::kMemberUp, *next, 0});
  }
  m.active = true;
  if (options_.arp_interval > Duration::zero()) current_arp_member_.reset();
  for (int i = 0; i < options_.num_grat_arp; ++i) {
    FrameMeta garp = arp_probe_frame(bond_mac_, options_.bond_ip, options_.bond_ip);
    out.frames.push_back(ControlFrame{*next, ControlKind::kGratuitousArp, garp, {}});
    m.arp.last_tx = now;
  }
  QUORATE_CHECK(active_ == next && at(*next).active);
}

}  // namespace quorate::bond
