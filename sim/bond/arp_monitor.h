// The ARP link monitor: every arp_interval (Δ) the bond sends ARP requests for each
// arp_ip_target and judges each member by when it last transmitted and received.
//
// - "within k intervals" means now ∈ [last − Δ, last + k·Δ + Δ/2] (bond_time_in_interval).
// - Load-balance modes (rr, xor, broadcast; bond_loadbalance_arp_mon): an UP member goes down
//   when last_tx or last_rx is not within arp_missed_max intervals; a member comes up when both
//   are within 1 interval. Probes go out on every member with carrier.
// - active-backup (bond_ab_arp_inspect): the active member goes down on stale tx or rx
// (missed_max),
//   a backup on stale rx (missed_max + 1) unless a probe rotation is running; no decision within
//   2Δ of the member's last link-up. A member not UP comes up when rx is within 1 interval.
// - Which received frames refresh last_rx (bond_rcv_validate/bond_arp_rcv): with arp_validate
//   off for the member, any frame (only ARP with a "filter" setting); with validation, only an
//   ARP whose sender is a target (active member), or one that names a target as its target
//   (backup member seeing the active member's flooded request), or a reply from a target to a
//   rotation probe.
// A member transmitting anything counts as tx (the driver's trans_start): a silently dead NIC
// still "transmits", so TX-dead is only ever seen through missing replies.
#pragma once

#include <optional>
#include <span>

#include "engine/time.h"
#include "sim/bond/bond_options.h"
#include "sim/bond/bond_types.h"
#include "sim/bond/mii_monitor.h"

namespace quorate::bond {

bool arp_time_in_interval(Instant now, Instant last, int mod, Duration delta);

struct ArpTimes {
  Instant last_tx;
  Instant last_rx;
};

struct ArpRxContext {
  bool member_is_active = false;       // the member passes traffic (active-backup: the active one)
  bool validate_member = false;        // arp_validate applies to this member
  bool filter_only_arp = false;        // a "filter" arp_validate setting
  bool active_heard_recently = false;  // the active member received since its last link-up
  bool rotation_probe_recent = false;  // a rotation probe left within the last interval
  std::span<const IpAddr> targets;
};

// Whether `frame`, received on a member described by `ctx`, refreshes that member's last_rx.
bool arp_rx_refreshes(const ArpRxContext& ctx, const FrameMeta& frame);
bool arp_validates_member(ArpValidate validate, bool member_is_active);

// Load-balance inspection: the link to commit, if it changes.
std::optional<bool> arp_lb_inspect(MemberLink link, const ArpTimes& times, Instant now,
                                   Duration delta, int missed_max);

struct ArpAbInput {
  MemberLink link = MemberLink::kDown;
  bool is_active = false;
  bool rotation_running = false;
  Instant last_link_up;
  ArpTimes times;
};
// active-backup inspection: the new link state to commit, if any (kUp, kDown or kFail).
std::optional<MemberLink> arp_ab_inspect(const ArpAbInput& in, Instant now, Duration delta,
                                         int missed_max);

// The ARP request a probe sends from the bond for `target`.
FrameMeta arp_probe_frame(const MacAddr& src_mac, const IpAddr& bond_ip, const IpAddr& target);

}  // namespace quorate::bond
