// VirtualNetwork: ARP monitor probes and the target hosts' kernel replies (net_control.h).
#include <utility>

#include "engine/check.h"
#include "sim/net/virtual_network.h"

namespace quorate::sim::net {

using model::IfaceId;
using model::NicId;

namespace {

constexpr uint32_t kArpPayloadBytes = 28;
constexpr FrameSize kArpSize{kArpPayloadBytes, 64 + 20};
constexpr model::MacAddress kBroadcastMac{0xffffffffffffULL};

// The interface owning `ip` with a member on `network` (lowest IfaceId), if any.
IfaceId find_owner(const model::Topology& topology, const model::IpAddress& ip,
                   model::NetworkId network) {
  for (uint32_t i = 0; i < topology.ifaces().size(); ++i) {
    const model::Iface& iface = topology.ifaces()[i];
    if (topology.network_of(iface.members.front()) != network) continue;
    for (const model::IpAddress& a : iface.addresses) {
      if (a == ip) return IfaceId{i};
    }
  }
  return IfaceId{};
}

}  // namespace

// The probe walks like data towards the target's interface; each copy that arrives makes the
// target's kernel answer at that instant.
void VirtualNetwork::arp_probe(NicId nic, const ControlFrame& probe, Instant at) {
  const model::Nic& n = topology_.nic(nic);
  const IfaceId target = find_owner(topology_, probe.target_ip, topology_.network_of(nic));
  if (!target.valid()) return lose_control(DropReason::kNoPath);
  Frame frame;
  frame.info.from = n.host;
  frame.info.to = topology_.iface(target).host;
  frame.info.link = LinkId{0};
  frame.info.src_mac = probe.src_mac;
  frame.info.dst_mac = kBroadcastMac;
  frame.info.src_ip = probe.sender_ip;
  frame.info.dst_ip = probe.target_ip;
  frame.info.payload_bytes = kArpPayloadBytes;
  frame.info.sent_at = at;
  frame.size = kArpSize;
  frame.src_iface = n.iface;
  frame.dst_iface = target;
  frame.src_nic = nic;
  walk_control(nic, frame, probe);
}

void VirtualNetwork::walk_control(NicId from_nic, const Frame& frame, const ControlFrame& control) {
  first_drop_.reset();
  arrivals_.clear();
  walk(Hop{frame.info.sent_at, HopKind::kChannel, nic_egress(from_nic).value, 0}, frame);
  if (arrivals_.empty()) {
    lose_control(first_drop_.value_or(DropReason::kNoPath));
    return;
  }
  const bool request = control.kind == ControlKind::kArpRequest;
  for (const NicArrival& a : arrivals_) {
    const NodeId host = topology_.nic(a.nic).host;
    if (request) {
      scheduler_->schedule(a.at, host, "net.arp",
                           [this, nic = a.nic, frame](Instant t) { arp_answer(nic, frame, t); });
    } else {
      scheduler_->schedule(a.at, host, "net.arp", [this, nic = a.nic, control](Instant t) {
        ++stats_.control_delivered;
        selectors_[topology_.nic(nic).iface.value]->on_control(nic, control, t);
      });
    }
  }
}

// The target host's kernel answers a probe that reached `target_nic`: the reply leaves through
// the target interface's selector (a bonded target picks its member) to the probe's source MAC.
void VirtualNetwork::arp_answer(NicId target_nic, const Frame& probe, Instant at) {
  ++stats_.control_sent;
  const IfaceId iface = topology_.nic(target_nic).iface;
  Frame reply;
  reply.info.from = probe.info.to;
  reply.info.to = probe.info.from;
  reply.info.link = LinkId{0};
  reply.info.src_mac = topology_.iface(iface).mac;
  reply.info.dst_mac = probe.info.src_mac;
  reply.info.src_ip = probe.info.dst_ip;
  reply.info.dst_ip = probe.info.src_ip;
  reply.info.payload_bytes = kArpPayloadBytes;
  reply.info.sent_at = at;
  reply.size = kArpSize;
  reply.src_iface = iface;
  reply.dst_iface = probe.src_iface;
  reply.control = true;
  egress_.reset(reply.info.src_mac);
  selectors_[iface.value]->select_egress_all(reply.info, at, egress_);
  if (egress_.nics.empty()) return lose_control(egress_.drop);
  reply.info.src_mac = egress_.src_mac;
  ControlFrame control{ControlKind::kArpReply, reply.info.src_mac, reply.info.dst_mac,
                       reply.info.src_ip,      reply.info.dst_ip,  {}};
  const std::vector<NicId> nics = egress_.nics;
  for (const NicId nic : nics) {
    reply.src_nic = nic;
    if (const auto why = send_checks(nic, reply, at)) {
      lose_control(*why);
      continue;
    }
    walk_control(nic, reply, control);
  }
}

}  // namespace quorate::sim::net
