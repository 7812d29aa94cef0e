// VirtualNetwork: construction and the per-frame walk. Fault setters and queries live in
// virtual_network_faults.cc.
#include "sim/net/virtual_network.h"

#include <algorithm>
#include <string>
#include <utility>

#include "engine/check.h"

namespace quorate::sim::net {

using model::CableEndKind;
using model::IfaceId;
using model::NicId;
using model::SwitchId;

uint64_t NetStats::dropped_total() const {
  uint64_t total = 0;
  for (const uint64_t n : dropped)
    total += n;
  return total;
}

VirtualNetwork::VirtualNetwork(model::Topology topology, VirtualNetworkOptions options)
    : topology_(std::move(topology)), options_(options), fabric_(topology_) {
  build_channels(options_.default_impairments);
  const size_t nics = topology_.nics().size();
  carrier_.assign(nics, Timeline<bool>(true));
  tx_ok_.assign(nics, Timeline<bool>(true));
  rx_ok_.assign(nics, Timeline<bool>(true));
  for (const model::Iface& iface : topology_.ifaces()) {
    selectors_.push_back(std::make_unique<SingleNicSelector>(iface.members.front()));
  }
  notified_carrier_.assign(nics, true);
  carrier_listened_.assign(nics, false);
  port_lag_.resize(topology_.switches().size());
  for (size_t s = 0; s < port_lag_.size(); ++s)
    port_lag_[s].assign(topology_.switches()[s].ports.size(), -1);
  const uint32_t max_node = topology_.hosts().empty() ? 0 : topology_.hosts().rbegin()->first.value;
  bindings_.resize((size_t{max_node} + 1) * kMaxLinks);
  for (const auto& [key, b] : topology_.bindings()) {
    bindings_[size_t{key.first.value} * kMaxLinks + key.second.value] = Binding{b.iface, b.address};
  }
  work_.reserve(16);
  QUORATE_CHECK(selectors_.size() == topology_.ifaces().size());
}

void VirtualNetwork::build_channels(const Impairments& initial) {
  const auto& cables = topology_.cables();
  channels_.reserve(cables.size() * 2);
  for (const model::Cable& cable : cables) {
    std::string name = "net/";
    if (cable.a.kind == CableEndKind::kNic) {
      const model::Nic& nic = topology_.nic(cable.a.nic);
      name += topology_.host(nic.host).name + "/" + nic.name;
      channels_.emplace_back(options_.seed, name + "/tx", initial);
      channels_.emplace_back(options_.seed, name + "/rx", initial);
    } else {
      name += topology_.switch_at(cable.a.switch_id).name + "/" +
              topology_.switch_at(cable.b.switch_id).name;
      channels_.emplace_back(options_.seed, name + "/ab", initial);
      channels_.emplace_back(options_.seed, name + "/ba", initial);
    }
  }
  switch_out_.resize(topology_.switches().size());
  for (size_t s = 0; s < switch_out_.size(); ++s) {
    const auto& ports = topology_.switches()[s].ports;
    for (uint32_t p = 0; p < ports.size(); ++p) {
      const model::Cable& cable = topology_.cable(ports[p]);
      const bool is_a = cable.a.kind == CableEndKind::kSwitchPort && cable.a.switch_id.value == s &&
                        cable.a.port == p;
      switch_out_[s].push_back(ports[p].value * 2 + (is_a ? 0 : 1));
    }
  }
}

const VirtualNetwork::Binding* VirtualNetwork::binding(NodeId node, LinkId link) const {
  const size_t index = size_t{node.value} * kMaxLinks + link.value;
  if (index >= bindings_.size() || !bindings_[index].iface.valid()) return nullptr;
  return &bindings_[index];
}

std::optional<NetDropReason> VirtualNetwork::prepare(const Transmission& tx, Frame& frame) {
  const Binding* src = binding(tx.from, tx.link);
  const Binding* dst = binding(tx.to, tx.link);
  if (src == nullptr || dst == nullptr) return NetDropReason::kNoLink;
  const uint16_t port = static_cast<uint16_t>(options_.udp_port_base + tx.link.value);
  const model::MacAddress src_mac = topology_.iface(src->iface).mac;
  frame.info = FrameInfo{
      tx.from,      tx.to,        tx.link, src_mac, topology_.iface(dst->iface).mac,
      src->address, dst->address, port,    port,    static_cast<uint32_t>(tx.bytes.size()),
      tx.packet_id, tx.sent_at};
  frame.size = FrameSize::for_udp(frame.info.payload_bytes, src->address.header_bytes());
  frame.src_iface = src->iface;
  frame.dst_iface = dst->iface;
  egress_.reset(src_mac);
  selectors_[src->iface.value]->select_egress_all(frame.info, tx.sent_at, egress_);
  if (egress_.nics.empty()) return egress_.drop;
  const auto& members = topology_.iface(src->iface).members;
  for (const NicId nic : egress_.nics) {
    QUORATE_CHECK_MSG(std::find(members.begin(), members.end(), nic) != members.end(),
                      "EgressSelector chose a NIC that is not a member of the interface");
  }
  frame.info.src_mac = egress_.src_mac;
  // A host-level cut is a fault of the network between the hosts: judged once the frame left.
  if (host_cuts_.cut(tx.from.value, tx.to.value, tx.sent_at)) return NetDropReason::kPartition;
  return std::nullopt;
}

std::optional<NetDropReason> VirtualNetwork::send_checks(NicId nic, const Frame& frame,
                                                         Instant at) const {
  const model::Nic& n = topology_.nic(nic);
  if (!n.cable.valid()) return NetDropReason::kNoPath;
  if (!carrier(nic, at)) return NetDropReason::kCarrier;
  if (!tx_ok_[nic.value].value_at(at)) return NetDropReason::kSilentTx;
  if (frame.size.ip_bytes > n.mtu_bytes) return NetDropReason::kMtu;
  return std::nullopt;
}

void VirtualNetwork::route(const Transmission& tx, RouteDecision& decision) {
  QUORATE_CHECK(decision.arrivals.empty());
  QUORATE_CHECK_MSG(tx.sent_at >= latest_route_, "route() calls out of time order");
  QUORATE_CHECK(tx.from.valid() && tx.to.valid() && tx.link.valid());
  QUORATE_CHECK_MSG(scheduler_ == nullptr || tx.sent_at == scheduler_->now(),
                    "an attached network routes at the World's now");
  latest_route_ = tx.sent_at;
  ++stats_.routed;
  if (tx.from == tx.to) {  // loopback: the kernel never puts it on a wire
    decision.arrivals.push_back(tx.sent_at);
    ++stats_.delivered;
    return;
  }
  first_drop_.reset();
  arrivals_.clear();
  Frame frame;
  if (const auto reason = prepare(tx, frame)) {
    lose(*reason, tx.sent_at);
  } else {
    for (const NicId nic : egress_.nics) {  // one copy per member (broadcast-mode bonds)
      frame.src_nic = nic;
      if (const auto why = send_checks(nic, frame, tx.sent_at)) {
        lose(*why, tx.sent_at);
        continue;
      }
      walk(Hop{tx.sent_at, HopKind::kChannel, nic_egress(nic).value, 0}, frame);
    }
  }
  for (const NicArrival& a : arrivals_)
    decision.arrivals.push_back(a.at);
  stats_.delivered += arrivals_.size();
  finish(tx, decision);
}

void VirtualNetwork::walk(Hop first, const Frame& frame) {
  work_.clear();
  work_.push_back(first);
  while (!work_.empty()) {
    const Hop hop = work_.back();
    work_.pop_back();
    switch (hop.kind) {
      case HopKind::kChannel:
        cross_channel(hop, frame);
        break;
      case HopKind::kSwitch:
        cross_switch(hop, frame);
        break;
      case HopKind::kNic:
        reach_nic(hop, frame);
        break;
    }
  }
}

void VirtualNetwork::cross_channel(const Hop& hop, const Frame& frame) {
  QUORATE_CHECK(hop.index < channels_.size());
  const ChannelOutcome outcome = channels_[hop.index].traverse(hop.at, frame.size);
  if (outcome.drop) {
    lose(*outcome.drop, hop.at);
    return;
  }
  const model::Cable& cable = topology_.cables()[hop.index / 2];
  const model::CableEnd& far = hop.index % 2 == 0 ? cable.b : cable.a;
  stats_.duplicated += static_cast<uint64_t>(outcome.copies - 1);
  for (int c = 0; c < outcome.copies; ++c) {
    if (far.kind == CableEndKind::kNic) {
      work_.push_back(Hop{outcome.arrivals[c], HopKind::kNic, far.nic.value, 0});
    } else {
      work_.push_back(Hop{outcome.arrivals[c], HopKind::kSwitch, far.switch_id.value, far.port});
    }
  }
}

void VirtualNetwork::cross_switch(const Hop& hop, const Frame& frame) {
  const SwitchId sw{hop.index};
  const SwitchState state = fabric_.state_at(sw, hop.at);
  if (state != SwitchState::kUp) {
    lose(state == SwitchState::kDown ? NetDropReason::kSwitchDown : NetDropReason::kSwitchSilent,
         hop.at);
    return;
  }
  const int in_lag = lag_of(sw, hop.port);
  if (in_lag >= 0 && !lags_[static_cast<size_t>(in_lag)].lag->accept(lag_member(in_lag, hop.port),
                                                                     frame.info, hop.at)) {
    lose(NetDropReason::kIngressFiltered, hop.at);  // a LAG port that is not collecting
    return;
  }
  fabric_.learn(sw, frame.info.src_mac, hop.port, hop.at);
  const Instant out_at = hop.at + topology_.switch_at(sw).options.forwarding_delay;
  if (const auto port = fabric_.learned_port(sw, frame.info.dst_mac, hop.at)) {
    if (bridge_port(sw, *port) == bridge_port(sw, hop.port)) {
      lose(NetDropReason::kStaleMac, hop.at);  // a bridge never sends a frame back where it came
      return;
    }
    forward(hop, frame, *port, out_at);
    return;
  }
  fabric_.count_flood();
  flood(hop, frame, out_at);
}

// Leaves `sw` through bridge port `out_port` (a LAG picks its member).
void VirtualNetwork::forward(const Hop& hop, const Frame& frame, uint32_t out_port,
                             Instant out_at) {
  const SwitchId sw{hop.index};
  uint32_t port = out_port;
  if (const int lag = lag_of(sw, out_port); lag >= 0) {
    const Lag& group = lags_[static_cast<size_t>(lag)];
    const std::optional<size_t> member = group.lag->select_port(frame.info, hop.at);
    if (!member.has_value()) {
      lose(NetDropReason::kNoMember, hop.at);
      return;
    }
    QUORATE_CHECK(*member < group.ports.ports.size());
    port = group.ports.ports[*member];
  }
  work_.push_back(Hop{out_at, HopKind::kChannel, switch_out_[sw.value][port], 0});
}

// Of a flood only the copies towards the destination interface's members matter (the others
// are discarded by foreign NICs' MAC filters and are not simulated); one copy per bridge port.
void VirtualNetwork::flood(const Hop& hop, const Frame& frame, Instant out_at) {
  const SwitchId sw{hop.index};
  uint64_t used[8];
  size_t used_count = 0;
  const uint64_t in = bridge_port(sw, hop.port);
  for (const NicId member : topology_.iface(frame.dst_iface).members) {
    const uint32_t port = fabric_.port_toward(sw, member);
    if (port == kNoPort) continue;
    const uint64_t bridge = bridge_port(sw, port);
    if (bridge == in) continue;
    if (std::find(used, used + used_count, bridge) != used + used_count) continue;
    QUORATE_CHECK(used_count < 8);
    used[used_count++] = bridge;
    forward(hop, frame, port, out_at);
  }
  if (used_count == 0) lose(NetDropReason::kNoPath, hop.at);
}

void VirtualNetwork::reach_nic(const Hop& hop, const Frame& frame) {
  const NicId nic{hop.index};
  const model::Nic& n = topology_.nic(nic);
  std::optional<NetDropReason> reason;
  if (n.iface != frame.dst_iface) {
    reason = NetDropReason::kStaleMac;  // the MAC filter of a foreign NIC discards it
  } else if (!carrier(nic, hop.at)) {
    reason = NetDropReason::kCarrier;
  } else if (!rx_ok_[nic.value].value_at(hop.at)) {
    reason = NetDropReason::kSilentRx;
  } else if (frame.size.ip_bytes > n.mtu_bytes) {
    reason = NetDropReason::kMtu;
  } else if (nic_cuts_.cut(frame.src_nic.value, nic.value, hop.at)) {
    reason = NetDropReason::kPartition;
  } else if (!frame.control &&
             !selectors_[frame.dst_iface.value]->accept_ingress(nic, frame.info, hop.at)) {
    reason = NetDropReason::kIngressFiltered;
  }
  if (reason) {
    lose(*reason, hop.at);
    return;
  }
  arrivals_.push_back(NicArrival{nic, hop.at});
}

void VirtualNetwork::finish(const Transmission& tx, RouteDecision& decision) {
  if (!decision.arrivals.empty()) return;
  QUORATE_CHECK(first_drop_.has_value());
  const NetDropReason reason = *first_drop_;
  decision.drop_reason = reason;
  ++stats_.dropped[static_cast<size_t>(reason)];
  if (options_.keep_drop_log) {
    drop_log_.push_back(NetDrop{tx.packet_id, tx.from, tx.to, tx.link, reason, first_drop_at_});
  }
}

}  // namespace quorate::sim::net
