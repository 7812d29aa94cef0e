#include "sim/bond/arp_monitor.h"

#include <algorithm>

#include "engine/check.h"

namespace quorate::bond {
namespace {

bool is_target(std::span<const IpAddr> targets, const IpAddr& ip) {
  return std::find(targets.begin(), targets.end(), ip) != targets.end();
}

}  // namespace

bool arp_time_in_interval(Instant now, Instant last, int mod, Duration delta) {
  QUORATE_CHECK(delta > Duration::zero() && mod >= 0);
  const Instant lo = last - delta;
  const Instant hi = last + delta * mod + delta / 2;
  return now >= lo && now <= hi;
}

bool arp_validates_member(ArpValidate validate, bool member_is_active) {
  const auto bits = static_cast<uint8_t>(validate);
  return member_is_active ? (bits & 1U) != 0 : (bits & 2U) != 0;
}

bool arp_rx_refreshes(const ArpRxContext& ctx, const FrameMeta& frame) {
  if (!ctx.validate_member) return !ctx.filter_only_arp || frame.is_arp();
  if (!frame.is_arp()) return false;
  if (ctx.member_is_active) return is_target(ctx.targets, frame.src_ip);
  if (ctx.active_heard_recently) return is_target(ctx.targets, frame.dst_ip);
  if (ctx.rotation_probe_recent && frame.arp_op == ArpOp::kReply) {
    return is_target(ctx.targets, frame.src_ip);
  }
  return false;
}

std::optional<bool> arp_lb_inspect(MemberLink link, const ArpTimes& times, Instant now,
                                   Duration delta, int missed_max) {
  QUORATE_CHECK(missed_max >= 1);
  if (link != MemberLink::kUp) {
    if (arp_time_in_interval(now, times.last_tx, 1, delta) &&
        arp_time_in_interval(now, times.last_rx, 1, delta)) {
      return true;
    }
    return std::nullopt;
  }
  if (!arp_time_in_interval(now, times.last_tx, missed_max, delta) ||
      !arp_time_in_interval(now, times.last_rx, missed_max, delta)) {
    return false;
  }
  return std::nullopt;
}

std::optional<MemberLink> arp_ab_inspect(const ArpAbInput& in, Instant now, Duration delta,
                                         int missed_max) {
  QUORATE_CHECK(missed_max >= 1);
  if (in.link != MemberLink::kUp) {
    if (arp_time_in_interval(now, in.times.last_rx, 1, delta)) return MemberLink::kUp;
    if (in.link == MemberLink::kBack) return MemberLink::kFail;
    return std::nullopt;
  }
  if (arp_time_in_interval(now, in.last_link_up, 2, delta)) return std::nullopt;
  if (!in.is_active && !in.rotation_running &&
      !arp_time_in_interval(now, in.times.last_rx, missed_max + 1, delta)) {
    return MemberLink::kDown;
  }
  if (in.is_active && (!arp_time_in_interval(now, in.times.last_tx, missed_max, delta) ||
                       !arp_time_in_interval(now, in.times.last_rx, missed_max, delta))) {
    return MemberLink::kDown;
  }
  return std::nullopt;
}

FrameMeta arp_probe_frame(const MacAddr& src_mac, const IpAddr& bond_ip, const IpAddr& target) {
  FrameMeta f;
  f.src_mac = src_mac;
  f.dst_mac = kBroadcastMac;
  f.ethertype = kEtherTypeArp;
  f.arp_op = ArpOp::kRequest;
  f.src_ip = bond_ip;
  f.dst_ip = target;
  f.size_bytes = 60;
  QUORATE_CHECK(f.is_arp() && f.dst_is_multicast());
  return f;
}

}  // namespace quorate::bond
