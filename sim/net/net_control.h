// NetControl: what the VirtualNetwork offers the machinery plugged into it (bond selectors,
// switch LAGs): the World's scheduler, carrier queries, and control frames on real wires.
//
// Control frames are the frames no engine sends: LACPDUs, ARP probes and replies, gratuitous
// ARPs and learning frames. They leave at the scheduler's now() and meet exactly what data meets
// on the same wire: the sending NIC's carrier and TX state, the channel's impairments (loss,
// latency, queue), the switch's state, the receiving NIC's carrier and RX state. Where they go:
// - kSlowProtocol (LACPDU, dst 01:80:c2:00:00:02): one cable only. From a NIC it reaches the
//   switch port and that port's LAG (SwitchLag::on_control); a port without a LAG discards it,
//   as an 802.1D bridge does. From a switch port it reaches the NIC's selector (on_control).
// - kAnnounce (gratuitous ARP, tlb/alb learning frames, alb ARP updates): reaches the first
//   switch, which learns the source MAC on that port (or LAG). Not forwarded further (choice:
//   peers' ARP caches are not modelled; every host addresses an interface by its iface MAC).
// - kArpRequest (an ARP monitor probe for target_ip): walks to the interface that owns target_ip
//   on the sender's network like a data frame (broadcast: flooded towards it); the target host's
//   kernel answers with a kArpReply to the probe's source MAC at the arrival instant, which walks
//   back and reaches the prober's member through on_control. Unknown targets get no answer.
// Deliveries run through the scheduler at their arrival instant (traced `state:net.ctl`).
// Without a scheduler (a network not attached to a World) control frames are counted and lost.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/time.h"
#include "model/address.h"
#include "model/topology.h"
#include "sim/network.h"

namespace quorate::sim::net {

enum class ControlKind : uint8_t { kSlowProtocol, kAnnounce, kArpRequest, kArpReply };

struct ControlFrame {
  ControlKind kind = ControlKind::kSlowProtocol;
  model::MacAddress src_mac;
  model::MacAddress dst_mac;       // ignored for kSlowProtocol and kAnnounce
  model::IpAddress sender_ip;      // ARP sender protocol address
  model::IpAddress target_ip;      // ARP target protocol address
  std::vector<std::byte> payload;  // the LACPDU for kSlowProtocol; empty otherwise
};

class NetControl {
 public:
  virtual ~NetControl() = default;
  // The World's scheduler; null until the network is attached.
  virtual NetworkScheduler* scheduler() = 0;
  virtual const model::Topology& topology() const = 0;
  // Carrier as a host sees it at `at`: NIC carrier AND cabled AND its switch not down.
  virtual bool carrier(model::NicId nic, Instant at) const = 0;
  // Sends `frame` from `nic` at scheduler()->now().
  virtual void send_from_nic(model::NicId nic, ControlFrame frame) = 0;
  // Sends a kSlowProtocol frame out of `port` of `sw` at scheduler()->now().
  virtual void send_from_switch(model::SwitchId sw, uint32_t port, ControlFrame frame) = 0;
};

}  // namespace quorate::sim::net
