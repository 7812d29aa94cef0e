// VirtualNetwork: scheduling faults, impairments and cut rules; state queries.
#include <algorithm>
#include <utility>

#include "engine/check.h"
#include "sim/net/virtual_network.h"

namespace quorate::sim::net {

using model::NicId;
using model::SwitchId;

void VirtualNetwork::check_schedulable(Instant at) const {
  QUORATE_CHECK_MSG(at >= latest_route_, "a change scheduled before a frame already routed");
}

void VirtualNetwork::set_selector(model::IfaceId iface, std::unique_ptr<EgressSelector> selector) {
  QUORATE_CHECK(iface.value < selectors_.size() && selector != nullptr);
  QUORATE_CHECK_MSG(stats_.routed == 0 && scheduler_ == nullptr,
                    "selectors are set before the first frame and before attach");
  selectors_[iface.value] = std::move(selector);
  for (const NicId nic : topology_.iface(iface).members)
    carrier_listened_[nic.value] = true;
}

void VirtualNetwork::set_carrier(NicId nic, Instant at, bool up) {
  QUORATE_CHECK(nic.value < carrier_.size());
  check_schedulable(at);
  carrier_[nic.value].set(at, up);
  schedule_carrier_check(nic, at);
}

void VirtualNetwork::set_tx_ok(NicId nic, Instant at, bool ok) {
  QUORATE_CHECK(nic.value < tx_ok_.size());
  check_schedulable(at);
  tx_ok_[nic.value].set(at, ok);
}

void VirtualNetwork::set_rx_ok(NicId nic, Instant at, bool ok) {
  QUORATE_CHECK(nic.value < rx_ok_.size());
  check_schedulable(at);
  rx_ok_[nic.value].set(at, ok);
}

void VirtualNetwork::flap_carrier(NicId nic, Instant from, Instant until, Duration period,
                                  Duration down_for) {
  QUORATE_CHECK(down_for > Duration::zero() && down_for < period && from <= until);
  QUORATE_CHECK_MSG((until - from).ns() / period.ns() <= 1'000'000, "too many flaps");
  for (Instant t = from; t < until; t += period) {
    set_carrier(nic, t, false);
    set_carrier(nic, std::min(t + down_for, until), true);
  }
  set_carrier(nic, until, true);
}

void VirtualNetwork::set_switch_state(SwitchId sw, Instant at, SwitchState state) {
  check_schedulable(at);
  fabric_.schedule_state(sw, at, state);
  schedule_switch_carrier_checks(sw, at);
}

ChannelId VirtualNetwork::nic_egress(NicId nic) const {
  const model::Nic& n = topology_.nic(nic);
  QUORATE_CHECK_MSG(n.cable.valid(), "NIC is not cabled");
  return ChannelId{n.cable.value * 2};  // the NIC is end a
}

ChannelId VirtualNetwork::nic_ingress(NicId nic) const {
  return ChannelId{nic_egress(nic).value + 1};
}

ChannelId VirtualNetwork::trunk(model::CableId cable, SwitchId from) const {
  const model::Cable& c = topology_.cable(cable);
  QUORATE_CHECK_MSG(c.a.kind == model::CableEndKind::kSwitchPort, "not a trunk");
  QUORATE_CHECK(c.a.switch_id == from || c.b.switch_id == from);
  return ChannelId{cable.value * 2 + (c.a.switch_id == from ? 0U : 1U)};
}

Channel& VirtualNetwork::channel(ChannelId id) {
  QUORATE_CHECK(id.value < channels_.size());
  return channels_[id.value];
}

void VirtualNetwork::set_impairments(ChannelId channel_id, Instant at,
                                     const Impairments& impairments) {
  check_schedulable(at);
  channel(channel_id).schedule(at, impairments);
}

void VirtualNetwork::set_all_impairments(Instant at, const Impairments& impairments) {
  check_schedulable(at);
  for (Channel& c : channels_)
    c.schedule(at, impairments);
}

void VirtualNetwork::cut(Instant at, NodeId from, NodeId to) {
  QUORATE_CHECK(topology_.has_host(from) && topology_.has_host(to) && from != to);
  check_schedulable(at);
  host_cuts_.set(from.value, to.value, at, true);
}

void VirtualNetwork::heal(Instant at, NodeId from, NodeId to) {
  QUORATE_CHECK(topology_.has_host(from) && topology_.has_host(to) && from != to);
  check_schedulable(at);
  host_cuts_.set(from.value, to.value, at, false);
}

void VirtualNetwork::cut_both(Instant at, NodeId a, NodeId b) {
  cut(at, a, b);
  cut(at, b, a);
}

void VirtualNetwork::heal_both(Instant at, NodeId a, NodeId b) {
  heal(at, a, b);
  heal(at, b, a);
}

void VirtualNetwork::partition(Instant at, const std::vector<std::vector<NodeId>>& groups) {
  for (size_t g = 0; g < groups.size(); ++g) {
    for (size_t h = g + 1; h < groups.size(); ++h) {
      for (const NodeId a : groups[g]) {
        for (const NodeId b : groups[h])
          cut_both(at, a, b);
      }
    }
  }
}

void VirtualNetwork::cut_nics(Instant at, NicId from, NicId to) {
  QUORATE_CHECK(from.value < carrier_.size() && to.value < carrier_.size() && from != to);
  check_schedulable(at);
  nic_cuts_.set(from.value, to.value, at, true);
}

void VirtualNetwork::heal_nics(Instant at, NicId from, NicId to) {
  QUORATE_CHECK(from.value < carrier_.size() && to.value < carrier_.size() && from != to);
  check_schedulable(at);
  nic_cuts_.set(from.value, to.value, at, false);
}

void VirtualNetwork::heal_all(Instant at) {
  check_schedulable(at);
  host_cuts_.heal_all(at);
  nic_cuts_.heal_all(at);
}

bool VirtualNetwork::carrier(NicId nic, Instant at) const {
  const model::Nic& n = topology_.nic(nic);
  if (!n.cable.valid() || !carrier_[nic.value].value_at(at)) return false;
  return fabric_.state_at(n.attached_switch, at) != SwitchState::kDown;
}

NicState VirtualNetwork::nic_state(NicId nic, Instant at) const {
  return NicState{carrier(nic, at), tx_ok_[nic.value].value_at(at), rx_ok_[nic.value].value_at(at)};
}

SwitchState VirtualNetwork::switch_state(SwitchId sw, Instant at) const {
  return fabric_.state_at(sw, at);
}

model::PartsState VirtualNetwork::parts_at(Instant at) const {
  model::PartsState state = model::PartsState::all_up(topology_);
  for (uint32_t n = 0; n < carrier_.size(); ++n) {
    const NicState s = nic_state(NicId{n}, at);
    state.nic_can_send[n] = s.carrier && s.tx_ok;
    state.nic_can_receive[n] = s.carrier && s.rx_ok;
  }
  for (uint32_t s = 0; s < state.switch_forwards.size(); ++s) {
    state.switch_forwards[s] = fabric_.state_at(SwitchId{s}, at) == SwitchState::kUp;
  }
  return state;
}

}  // namespace quorate::sim::net
