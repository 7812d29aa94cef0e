#include "sim/bond/bond_device.h"

#include <algorithm>

#include "engine/check.h"

namespace quorate::bond {
namespace {

constexpr Duration kAlbTick = Duration::from_ms(100);  // ALB_TIMER_TICKS_PER_SEC = 10

LacpConfig lacp_config_for(const BondOptions& o, const MacAddr& bond_mac,
                           const LacpConfig* overrides) {
  LacpConfig c = overrides != nullptr ? *overrides : LacpConfig{};
  c.system = bond_mac;
  c.system_priority = o.ad_actor_sys_prio;
  c.rate = o.lacp_rate;
  c.active = o.lacp_active;
  c.ad_select = o.ad_select;
  c.min_links = o.min_links;
  c.user_port_key = o.ad_user_port_key;
  return c;
}

}  // namespace

std::string_view to_string(RxVerdict verdict) {
  switch (verdict) {
    case RxVerdict::kDeliver:
      return "deliver";
    case RxVerdict::kInactiveMember:
      return "inactive-member";
    case RxVerdict::kNotCollecting:
      return "not-collecting";
    case RxVerdict::kLacpConsumed:
      return "lacp";
    case RxVerdict::kLacpMalformed:
      return "lacp-malformed";
    case RxVerdict::kLacpNotEnabled:
      return "lacp-not-enabled";
  }
  QUORATE_UNREACHABLE();
}

std::string_view to_string(TxDrop drop) {
  switch (drop) {
    case TxDrop::kNone:
      return "none";
    case TxDrop::kNoUsableMember:
      return "no-usable-member";
    case TxDrop::kBondDown:
      return "bond-down";
  }
  QUORATE_UNREACHABLE();
}

BondDevice::BondDevice(BondOptions options, const MacAddr& bond_mac,
                       std::vector<MemberConfig> members, Instant start, uint64_t seed,
                       const LacpConfig* lacp_overrides)
    : options_(std::move(options)),
      bond_mac_(bond_mac),
      start_(start),
      last_now_(start),
      prng_(Prng::for_stream(seed, "bond")) {
  const std::vector<OptionError> errors =
      normalize_options(options_, static_cast<int>(members.size()));
  QUORATE_CHECK_MSG(errors.empty(), "BondDevice needs valid options (see normalize_options)");
  QUORATE_CHECK(bond_mac != kZeroMac);
  const bool delayed_up = options_.miimon > Duration::zero() && options_.updelay > Duration::zero();
  for (MemberConfig& config : members) {
    Member m;
    m.carrier = config.carrier;
    m.mii.link =
        !config.carrier ? MemberLink::kDown : (delayed_up ? MemberLink::kBack : MemberLink::kUp);
    m.mii.delay_ticks =
        delayed_up ? static_cast<int>(options_.updelay.ns() / options_.miimon.ns()) : 0;
    m.active = m.mii.link == MemberLink::kUp && options_.mode != BondMode::kActiveBackup &&
               options_.mode != BondMode::k8023ad;
    m.last_link_up = start;
    m.arp.last_tx = start;
    m.arp.last_rx = start - (options_.arp_interval + Duration::from_ns(1));
    m.config = std::move(config);
    members_.push_back(std::move(m));
  }
  if (options_.miimon > Duration::zero()) next_mii_ = start + options_.miimon;
  if (options_.arp_interval > Duration::zero()) next_arp_ = start + options_.arp_interval;
  if (options_.mode == BondMode::k8023ad) {
    std::vector<LacpPortConfig> ports;
    for (const Member& m : members_) {
      ports.push_back(LacpPortConfig{m.config.speed_mbps, m.mii.link == MemberLink::kUp, 0, 255});
    }
    lacp_.emplace(lacp_config_for(options_, bond_mac_, lacp_overrides), ports);
    lacp_distributing_.assign(members_.size(), false);
    next_ad_ = start + kLacpTick;
  }
  if (options_.mode == BondMode::kBalanceTlb || options_.mode == BondMode::kBalanceAlb) {
    tlb_.emplace(member_count());
    if (options_.mode == BondMode::kBalanceAlb) rlb_.emplace();
    next_alb_ = start + kAlbTick;
  }
  BondOutputs ignored;
  if (mode_uses_primary(options_.mode)) reselect_active(start, ignored);
  carrier_reported_ = carrier_up();
  QUORATE_CHECK(members_.size() == static_cast<size_t>(member_count()));
}

BondDevice::Member& BondDevice::at(MemberId id) {
  QUORATE_CHECK_MSG(id.value < members_.size(), "no such bond member");
  return members_[id.value];
}

const BondDevice::Member& BondDevice::at(MemberId id) const {
  QUORATE_CHECK_MSG(id.value < members_.size(), "no such bond member");
  return members_[id.value];
}

MemberView BondDevice::member(MemberId id) const {
  const Member& m = at(id);
  return MemberView{m.mii.link, m.carrier, m.active, m.arp.last_tx, m.arp.last_rx};
}

MacAddr BondDevice::member_mac(MemberId id) const {
  const Member& m = at(id);
  const bool own_mac =
      options_.mode == BondMode::kBalanceTlb || options_.mode == BondMode::kBalanceAlb;
  if (own_mac && active_ != id) return m.config.mac;
  return bond_mac_;
}

// bond_slave_can_tx: carrier, link UP and the active flag (802.3ad: the port distributes).
bool BondDevice::can_tx(MemberId id) const {
  const Member& m = at(id);
  if (!m.carrier || m.mii.link != MemberLink::kUp) return false;
  if (lacp_.has_value()) return lacp_->port_distributing(id.value);
  return m.active;
}

std::vector<MemberId> BondDevice::usable_members() const {
  std::vector<MemberId> out;
  for (size_t i = 0; i < members_.size(); ++i) {
    const MemberId id{static_cast<uint8_t>(i)};
    if (can_tx(id)) out.push_back(id);
  }
  return out;
}

bool BondDevice::carrier_up() const {
  if (lacp_.has_value()) return lacp_->carrier();
  return std::any_of(members_.begin(), members_.end(),
                     [](const Member& m) { return m.mii.link == MemberLink::kUp; });
}

void BondDevice::note_carrier(Instant now, BondOutputs& out) {
  const bool up = carrier_up();
  if (up == carrier_reported_) return;
  carrier_reported_ = up;
  out.events.push_back(
      BondEvent{now, up ? BondEventKind::kCarrierUp : BondEventKind::kCarrierDown, {}, 0});
}

void BondDevice::on_carrier(MemberId id, bool up, Instant now) {
  QUORATE_CHECK_MSG(now >= last_now_, "bond inputs must come in time order");
  last_now_ = now;
  at(id).carrier = up;
}

Instant BondDevice::wake_at() const {
  return std::min({next_mii_, next_arp_, next_ad_, next_alb_});
}

void BondDevice::on_timer(Instant now, BondOutputs& out) {
  QUORATE_CHECK_MSG(now >= last_now_, "bond inputs must come in time order");
  last_now_ = now;
  while (true) {
    const Instant due = wake_at();
    if (due > now) break;
    // Fixed order on equal instants: MII, ARP, 802.3ad, alb.
    if (next_mii_ == due) {
      run_tick(Tick::kMii, due, out);
    } else if (next_arp_ == due) {
      run_tick(Tick::kArp, due, out);
    } else if (next_ad_ == due) {
      run_tick(Tick::kAd, due, out);
    } else {
      run_tick(Tick::kAlb, due, out);
    }
  }
  QUORATE_CHECK(wake_at() > now);
}

void BondDevice::run_tick(Tick tick, Instant at, BondOutputs& out) {
  switch (tick) {
    case Tick::kMii:
      next_mii_ = at + options_.miimon;
      mii_tick(at, out);
      break;
    case Tick::kArp:
      next_arp_ = at + options_.arp_interval;
      arp_tick(at, out);
      break;
    case Tick::kAd:
      next_ad_ = at + kLacpTick;
      ad_tick(at, out);
      break;
    case Tick::kAlb:
      next_alb_ = at + kAlbTick;
      alb_tick(at, out);
      break;
  }
  note_carrier(at, out);
}

}  // namespace quorate::bond
