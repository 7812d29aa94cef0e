// VirtualNetwork: attaching to the World, carrier notifications, control frames (net_control.h).
#include <algorithm>
#include <utility>

#include "engine/check.h"
#include "sim/net/virtual_network.h"

namespace quorate::sim::net {

using model::CableEndKind;
using model::IfaceId;
using model::NicId;
using model::SwitchId;

namespace {

// Ethernet header 14 + FCS 4 padded to 64, plus preamble and gap 20.
FrameSize control_size(size_t payload_bytes) {
  const auto frame = static_cast<uint32_t>(std::max<size_t>(64, 18 + payload_bytes));
  return FrameSize{static_cast<uint32_t>(payload_bytes), frame + 20};
}

constexpr model::MacAddress kBroadcastMac{0xffffffffffffULL};

}  // namespace

void VirtualNetwork::attach(NetworkScheduler& scheduler) {
  QUORATE_CHECK_MSG(scheduler_ == nullptr, "attached twice");
  scheduler_ = &scheduler;
  const Instant now = scheduler.now();
  QUORATE_CHECK_MSG(now >= latest_route_, "attached after frames were routed later");
  for (uint32_t n = 0; n < notified_carrier_.size(); ++n)
    notified_carrier_[n] = carrier(NicId{n}, now);
  for (auto& selector : selectors_)
    selector->attach(*this);
  for (Lag& group : lags_)
    group.lag->attach();
  for (uint32_t n = 0; n < carrier_.size(); ++n) {
    for (const Instant t : carrier_[n].change_times()) {
      if (t > now) schedule_carrier_check(NicId{n}, t);
    }
  }
  for (uint32_t s = 0; s < topology_.switches().size(); ++s) {
    for (const Instant t : fabric_.state_change_times(SwitchId{s})) {
      if (t > now) schedule_switch_carrier_checks(SwitchId{s}, t);
    }
  }
}

EgressSelector& VirtualNetwork::selector(IfaceId iface) {
  QUORATE_CHECK(iface.value < selectors_.size());
  return *selectors_[iface.value];
}

void VirtualNetwork::schedule_carrier_check(NicId nic, Instant at) {
  // Plain NICs schedule nothing; before attach, attach() schedules what was set.
  if (scheduler_ == nullptr || !carrier_listened_[nic.value]) return;
  QUORATE_CHECK_MSG(at >= scheduler_->now(), "a carrier change scheduled in the past");
  scheduler_->schedule(at, topology_.nic(nic).host, "net.carrier",
                       [this, nic](Instant now) { check_carrier(nic, now); });
}

void VirtualNetwork::schedule_switch_carrier_checks(SwitchId sw, Instant at) {
  for (uint32_t n = 0; n < topology_.nics().size(); ++n) {
    const model::Nic& nic = topology_.nics()[n];
    if (nic.cable.valid() && nic.attached_switch == sw) schedule_carrier_check(NicId{n}, at);
  }
}

// Tells the NIC's interface selector and LAG when the carrier a host sees really changed.
void VirtualNetwork::check_carrier(NicId nic, Instant at) {
  const bool up = carrier(nic, at);
  if (notified_carrier_[nic.value] == up) return;
  notified_carrier_[nic.value] = up;
  const model::Nic& n = topology_.nic(nic);
  scheduler_->note(n.host, "net.carrier", {{"nic", nic.value}, {"up", up ? 1 : 0}});
  if (n.iface.valid()) selectors_[n.iface.value]->carrier_changed(nic, up, at);
  if (!n.cable.valid()) return;
  if (const int lag = lag_of(n.attached_switch, n.port); lag >= 0) {
    lags_[static_cast<size_t>(lag)].lag->carrier_changed(lag_member(lag, n.port), up, at);
  }
}

std::optional<Instant> VirtualNetwork::control_cross(uint32_t channel, Instant at, size_t bytes) {
  const ChannelOutcome outcome = channels_[channel].traverse(at, control_size(bytes));
  if (outcome.drop) {
    lose_control(*outcome.drop);
    return std::nullopt;
  }
  return outcome.arrivals[0];  // choice: a duplicated control frame is handled once
}

void VirtualNetwork::send_from_nic(NicId nic, ControlFrame frame) {
  ++stats_.control_sent;
  if (scheduler_ == nullptr) return lose_control(DropReason::kNoPath);
  const Instant now = scheduler_->now();
  const model::Nic& n = topology_.nic(nic);
  if (!n.cable.valid()) return lose_control(DropReason::kNoPath);
  if (!carrier(nic, now)) return lose_control(DropReason::kCarrier);
  if (!tx_ok_[nic.value].value_at(now)) return lose_control(DropReason::kSilentTx);
  if (frame.kind == ControlKind::kArpRequest) return arp_probe(nic, frame, now);
  QUORATE_CHECK_MSG(frame.kind != ControlKind::kArpReply, "the network answers ARP itself");
  const std::optional<Instant> at = control_cross(nic_egress(nic).value, now, frame.payload.size());
  if (!at) return;
  scheduler_->schedule(*at, n.host, "net.ctl", [this, nic, f = std::move(frame)](Instant t) {
    control_at_switch(nic, f, t);
  });
}

void VirtualNetwork::control_at_switch(NicId from, const ControlFrame& frame, Instant at) {
  const model::Nic& n = topology_.nic(from);
  const SwitchState state = fabric_.state_at(n.attached_switch, at);
  if (state != SwitchState::kUp) {
    return lose_control(state == SwitchState::kDown ? DropReason::kSwitchDown
                                                    : DropReason::kSwitchSilent);
  }
  const int lag = lag_of(n.attached_switch, n.port);
  if (frame.kind == ControlKind::kSlowProtocol) {
    if (lag < 0) return lose_control(DropReason::kNoPath);  // a bridge discards slow protocols
    ++stats_.control_delivered;
    return lags_[static_cast<size_t>(lag)].lag->on_control(lag_member(lag, n.port), frame, at);
  }
  FrameInfo info;
  info.from = n.host;
  info.src_mac = frame.src_mac;
  info.dst_mac = kBroadcastMac;
  info.src_ip = frame.sender_ip;
  info.dst_ip = frame.target_ip;
  info.sent_at = at;
  if (lag >= 0 && !lags_[static_cast<size_t>(lag)].lag->accept(lag_member(lag, n.port), info, at)) {
    return lose_control(DropReason::kIngressFiltered);
  }
  ++stats_.control_delivered;
  fabric_.learn(n.attached_switch, frame.src_mac, n.port, at);  // a GARP teaches the table
}

void VirtualNetwork::send_from_switch(SwitchId sw, uint32_t port, ControlFrame frame) {
  QUORATE_CHECK(frame.kind == ControlKind::kSlowProtocol);
  QUORATE_CHECK(sw.value < switch_out_.size() && port < switch_out_[sw.value].size());
  ++stats_.control_sent;
  if (scheduler_ == nullptr) return lose_control(DropReason::kNoPath);
  const Instant now = scheduler_->now();
  const SwitchState state = fabric_.state_at(sw, now);
  if (state != SwitchState::kUp) {
    return lose_control(state == SwitchState::kDown ? DropReason::kSwitchDown
                                                    : DropReason::kSwitchSilent);
  }
  const uint32_t channel = switch_out_[sw.value][port];
  const model::Cable& cable = topology_.cables()[channel / 2];
  if (cable.a.kind != CableEndKind::kNic) return lose_control(DropReason::kNoPath);  // a trunk
  const NicId nic = cable.a.nic;
  const std::optional<Instant> at = control_cross(channel, now, frame.payload.size());
  if (!at) return;
  scheduler_->schedule(*at, topology_.nic(nic).host, "net.ctl",
                       [this, nic, f = std::move(frame)](Instant t) { control_at_nic(nic, f, t); });
}

void VirtualNetwork::control_at_nic(NicId nic, const ControlFrame& frame, Instant at) {
  const model::Nic& n = topology_.nic(nic);
  if (!carrier(nic, at)) return lose_control(DropReason::kCarrier);
  if (!rx_ok_[nic.value].value_at(at)) return lose_control(DropReason::kSilentRx);
  if (!n.iface.valid()) return lose_control(DropReason::kNoPath);
  ++stats_.control_delivered;
  selectors_[n.iface.value]->on_control(nic, frame, at);
}

}  // namespace quorate::sim::net
