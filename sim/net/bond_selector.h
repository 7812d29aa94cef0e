// BondSelector: a Linux bonding device (sim/bond's BondDevice, all seven modes) running over the
// member NICs of one interface of the virtual network. It implements the EgressSelector seam and
// follows BondDevice's seam contract (bond_device.h) with the network's real inputs:
// - egress: select_tx with the frame's real header fields (MACs, IPs, UDP ports: the transmit
//   hash sees what the kernel would); the copies leave on the chosen members with the source MAC
//   the bond chose (tlb/alb: a non-active member sends with its own MAC). TxDrop::kBondDown ->
//   DropReason::kBondDown, kNoUsableMember -> kNoMember.
// - ingress: accept_rx (active-backup's inactive member, 802.3ad's non-collecting port drop
//   frames as kIngressFiltered); every accepted or refused frame feeds the ARP monitor's last_rx.
//   The bond judges a frame at its send time (frame.sent_at): the network decides each frame when
//   it is routed, and the error (one path latency, ~100 us) is far below any bond timer.
// - carrier: the network's carrier changes reach on_carrier at their instant.
// - timers: one World event at wake_at() (label "net.bond"), rescheduled after every call.
// - the bond's own frames (LACPDUs, ARP probes, gratuitous ARPs, tlb/alb learning frames, alb
//   updates) go out through NetControl::send_from_nic on their member, so the member's carrier,
//   silent TX/RX and its wire's impairments hit them exactly like data; LACPDUs and ARP replies
//   come back through on_control. Frames the bond emits while the network is routing a frame
//   (alb's first-contact update) leave in an event at the same instant, right after it.
// - trace: every BondEvent becomes `state:net.bond.<kind>` for the host with member and value.
// Ownership: owned by the VirtualNetwork (set_selector); keeps a pointer to it from attach().
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/ids.h"
#include "engine/time.h"
#include "model/topology.h"
#include "sim/bond/bond_device.h"
#include "sim/net/egress_selector.h"
#include "sim/net/net_control.h"

namespace quorate::sim::net {

struct BondSelectorOptions {
  bond::BondOptions bond;                // mode, monitors, hash policy, lacp_rate, ...
  std::optional<bond::LacpConfig> lacp;  // 802.3ad machine overrides (ordering, coupled control)
  Instant start = Instant::epoch();      // monitor grids are anchored here
  uint64_t seed = 0;                     // the device's PRNG (balance-rr packets_per_slave 0)
};

class BondSelector final : public EgressSelector {
 public:
  // The bond over the members of `iface` (enslave order = the iface's member order); the bond
  // MAC is the iface's MAC, each member keeps its NIC's permanent MAC.
  BondSelector(const model::Topology& topology, model::IfaceId iface, BondSelectorOptions options);

  model::NicId select_egress(const FrameInfo& frame, Instant at) override;
  void select_egress_all(const FrameInfo& frame, Instant at, EgressChoice& out) override;
  bool accept_ingress(model::NicId member, const FrameInfo& frame, Instant at) override;
  void attach(NetControl& net) override;
  void carrier_changed(model::NicId member, bool up, Instant at) override;
  void on_control(model::NicId member, const ControlFrame& frame, Instant at) override;

  const bond::BondDevice& device() const { return device_; }
  const std::vector<bond::BondEvent>& events() const { return events_; }  // every event so far
  model::NicId nic(bond::MemberId member) const;

 private:
  bond::MemberId member_of(model::NicId nic) const;
  // Sends (or, inside route(), defers) the bond's frames, traces its events, reschedules.
  void flush(bool routing);
  void reschedule();
  void on_wake(Instant now);

  NodeId host_;
  std::vector<model::NicId> members_;  // by MemberId
  bond::BondDevice device_;
  bond::BondOutputs out_;
  NetControl* net_ = nullptr;
  NetEventId wake_event_;
  Instant wake_at_ = Instant::max();
  std::vector<bond::BondEvent> events_;
};

}  // namespace quorate::sim::net
