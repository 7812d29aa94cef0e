// Ingress: LACPDUs to the 802.3ad machines, every other frame to the ARP monitor's bookkeeping
// and to the deliver/drop decision of the mode.
#include "engine/check.h"
#include "sim/bond/bond_device.h"
#include "sim/bond/lacp_pdu.h"

namespace quorate::bond {

RxVerdict BondDevice::on_frame_received(MemberId id, const FrameMeta& frame,
                                        std::span<const std::byte> payload, Instant now,
                                        BondOutputs& out) {
  QUORATE_CHECK_MSG(now >= last_now_, "bond inputs must come in time order");
  QUORATE_CHECK(id.value < members_.size());
  if (!frame.is_slow_protocol()) return accept_rx(id, frame, now);
  last_now_ = now;
  if (!lacp_.has_value()) return RxVerdict::kLacpNotEnabled;
  const LacpduDecode decoded = decode_lacpdu(payload);
  if (!decoded.pdu.has_value()) return RxVerdict::kLacpMalformed;
  lacp_->on_lacpdu(id.value, *decoded.pdu);
  note_lacp_changes(now, out);
  note_carrier(now, out);
  return RxVerdict::kLacpConsumed;
}

RxVerdict BondDevice::accept_rx(MemberId id, const FrameMeta& frame, Instant now) {
  QUORATE_CHECK_MSG(now >= last_now_, "bond inputs must come in time order");
  last_now_ = now;
  arp_observe_rx(id, frame, now);
  switch (options_.mode) {
    case BondMode::kActiveBackup:
      return active_ == id ? RxVerdict::kDeliver : RxVerdict::kInactiveMember;
    case BondMode::k8023ad:
      return lacp_->port_collecting(id.value) ? RxVerdict::kDeliver : RxVerdict::kNotCollecting;
    default:
      return RxVerdict::kDeliver;
  }
}

// bond_rcv_validate: does this frame count as "received" for the ARP monitor?
void BondDevice::arp_observe_rx(MemberId id, const FrameMeta& frame, Instant now) {
  Member& m = at(id);
  if (options_.arp_interval == Duration::zero()) {
    m.arp.last_rx = now;  // kept for observers; no monitor reads it
    return;
  }
  const bool is_active = options_.mode == BondMode::kActiveBackup ? m.active : true;
  ArpRxContext ctx;
  ctx.member_is_active = is_active;
  ctx.validate_member = arp_validates_member(options_.arp_validate, is_active);
  ctx.filter_only_arp = (static_cast<uint8_t>(options_.arp_validate) & 4U) != 0;
  if (active_.has_value()) {
    const Member& a = at(*active_);
    ctx.active_heard_recently = a.arp.last_rx > a.last_link_up;
  }
  if (current_arp_member_.has_value()) {
    ctx.rotation_probe_recent =
        arp_time_in_interval(now, at(*current_arp_member_).arp.last_tx, 1, options_.arp_interval);
  }
  ctx.targets = options_.arp_ip_targets;
  if (arp_rx_refreshes(ctx, frame)) m.arp.last_rx = now;
  QUORATE_CHECK(m.arp.last_rx <= now);
}

}  // namespace quorate::bond
