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
  const uint32_t max_node = topology_.hosts().empty() ? 0 : topology_.hosts().rbegin()->first.value;
  bindings_.resize((size_t{max_node} + 1) * kMaxLinks);
  for (const auto& [key, b] : topology_.bindings()) {
    bindings_[size_t{key.first.value} * kMaxLinks + key.second.value] = Binding{b.iface, b.address};
  }
  work_.reserve(16);
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
  if (src == nullptr || dst == nullptr) return NetDropReason::kNoBinding;
  const uint16_t port = static_cast<uint16_t>(options_.udp_port_base + tx.link.value);
  frame.info = FrameInfo{tx.from,
                         tx.to,
                         tx.link,
                         topology_.iface(src->iface).mac,
                         topology_.iface(dst->iface).mac,
                         src->address,
                         dst->address,
                         port,
                         port,
                         static_cast<uint32_t>(tx.bytes.size()),
                         tx.packet_id};
  frame.size = FrameSize::for_udp(frame.info.payload_bytes, src->address.header_bytes());
  frame.src_iface = src->iface;
  frame.dst_iface = dst->iface;
  frame.src_nic = selectors_[src->iface.value]->select_egress(frame.info, tx.sent_at);
  if (!frame.src_nic.valid()) return NetDropReason::kNoPath;
  const auto& members = topology_.iface(src->iface).members;
  QUORATE_CHECK_MSG(std::find(members.begin(), members.end(), frame.src_nic) != members.end(),
                    "EgressSelector chose a NIC that is not a member of the interface");
  if (const auto reason = send_checks(frame.src_nic, frame, tx.sent_at)) return reason;
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
  latest_route_ = tx.sent_at;
  ++stats_.routed;
  if (tx.from == tx.to) {  // loopback: the kernel never puts it on a wire
    decision.arrivals.push_back(tx.sent_at);
    ++stats_.delivered;
    return;
  }
  first_drop_.reset();
  Frame frame;
  if (const auto reason = prepare(tx, frame)) {
    lose(*reason, tx.sent_at);
  } else {
    const ChannelId out = nic_egress(frame.src_nic);
    walk(Hop{tx.sent_at, HopKind::kChannel, out.value, 0}, frame, decision);
  }
  finish(tx, decision);
}

void VirtualNetwork::walk(Hop first, const Frame& frame, RouteDecision& decision) {
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
        reach_nic(hop, frame, decision);
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
  fabric_.learn(sw, frame.info.src_mac, hop.port, hop.at);
  const Instant out_at = hop.at + topology_.switch_at(sw).options.forwarding_delay;
  const std::vector<uint32_t>& out = switch_out_[sw.value];
  if (const auto port = fabric_.learned_port(sw, frame.info.dst_mac, hop.at)) {
    if (*port == hop.port) {
      lose(NetDropReason::kStaleMac,
           hop.at);  // a bridge never sends a frame back out its ingress port
      return;
    }
    work_.push_back(Hop{out_at, HopKind::kChannel, out[*port], 0});
    return;
  }
  fabric_.count_flood();
  uint32_t used[8];
  size_t used_count = 0;
  for (const NicId member : topology_.iface(frame.dst_iface).members) {
    const uint32_t port = fabric_.port_toward(sw, member);
    if (port == kNoPort || port == hop.port) continue;
    if (std::find(used, used + used_count, port) != used + used_count) continue;
    QUORATE_CHECK(used_count < 8);
    used[used_count++] = port;
    work_.push_back(Hop{out_at, HopKind::kChannel, out[port], 0});
  }
  if (used_count == 0) lose(NetDropReason::kNoPath, hop.at);
}

void VirtualNetwork::reach_nic(const Hop& hop, const Frame& frame, RouteDecision& decision) {
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
  } else if (!selectors_[frame.dst_iface.value]->accept_ingress(nic, frame.info, hop.at)) {
    reason = NetDropReason::kIngressFiltered;
  }
  if (reason) {
    lose(*reason, hop.at);
    return;
  }
  decision.arrivals.push_back(hop.at);
  ++stats_.delivered;
}

void VirtualNetwork::finish(const Transmission& tx, RouteDecision& decision) {
  if (!decision.arrivals.empty()) return;
  QUORATE_CHECK(first_drop_.has_value());
  const NetDropReason reason = *first_drop_;
  decision.drop_reason = to_world(reason);
  ++stats_.dropped[static_cast<size_t>(reason)];
  if (options_.keep_drop_log) {
    drop_log_.push_back(NetDrop{tx.packet_id, tx.from, tx.to, tx.link, reason, first_drop_at_});
  }
}

}  // namespace quorate::sim::net
