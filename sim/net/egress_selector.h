// EgressSelector: THE seam where a host's interface decides which physical NIC(s) carry a frame,
// whether a frame arriving on a member is accepted, and where a bond's own machinery (timers,
// carrier, control frames) plugs into the network. sim/net does not depend on sim/bond: the bond
// adapter (bond_selector.h, library quorate_net_bond) implements this interface.
//
// Every L3 interface (model::Iface: a plain NIC or a bond) has one selector, owned by the
// VirtualNetwork. The network calls it:
// - select_egress_all(frame, at, out): for every frame the interface sends, at the frame's send
//   time (= the World's now). Fills out.nics with the members that each carry one copy (several
//   = broadcast-mode copies) and out.src_mac; none = the frame is dropped for out.drop. The
//   default asks select_egress() for one member (an invalid NicId drops it for kNoPath).
// - accept_ingress(member, frame, at): for every frame arriving on a member NIC that passed the
//   NIC's own checks, with `at` = the arrival time; frame.sent_at is the route() time. false drops
//   it (kIngressFiltered): active-backup's inactive member, 802.3ad's non-collecting port.
// - attach(net): once, when the World attaches the network (NetControl::scheduler() is then
//   set); a selector with timed behaviour starts its timers here.
// - carrier_changed(member, up, at): at the instant a member's carrier (as a host sees it: NIC
//   carrier, cabled, switch not down) changes, through the scheduler; only after attach().
// - on_control(member, frame, at): a control frame (LACPDU, ARP reply) reached the member at
//   `at` through its wire and passed the NIC's carrier and RX checks; through the scheduler.
//
// Contract: selectors are deterministic functions of their construction and the calls they get
// (they may keep state, e.g. balance-rr's counter). All calls come in the World's event order;
// the time a selector should act at is the call's `at` for select/attach/carrier/on_control and
// frame.sent_at for accept_ingress, and those are non-decreasing across all calls. A selector
// must not keep references to `frame`.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/ids.h"
#include "engine/time.h"
#include "model/address.h"
#include "model/topology.h"
#include "sim/net/drop_reason.h"

namespace quorate::sim::net {

class NetControl;
struct ControlFrame;

// What a bond's transmit hash (layer2, layer2+3, layer3+4) can see of a frame.
struct FrameInfo {
  NodeId from;
  NodeId to;
  LinkId link;
  model::MacAddress src_mac;
  model::MacAddress dst_mac;
  model::IpAddress src_ip;
  model::IpAddress dst_ip;
  uint16_t src_port = 0;  // UDP
  uint16_t dst_port = 0;
  uint32_t payload_bytes = 0;  // UDP payload
  uint64_t packet_id = 0;      // the World's id, for logs only: never hash on it
  Instant sent_at;             // when route() decided the frame (the World's now)
};

struct EgressChoice {
  std::vector<model::NicId> nics;         // one copy per member, in this order
  model::MacAddress src_mac;              // the copies' source MAC (preset to the iface MAC)
  DropReason drop = DropReason::kNoPath;  // why, when nics is empty

  void reset(model::MacAddress iface_mac) {
    nics.clear();
    src_mac = iface_mac;
    drop = DropReason::kNoPath;
  }
};

class EgressSelector {
 public:
  virtual ~EgressSelector() = default;
  virtual model::NicId select_egress(const FrameInfo& frame, Instant at) = 0;
  virtual void select_egress_all(const FrameInfo& frame, Instant at, EgressChoice& out) {
    const model::NicId nic = select_egress(frame, at);
    if (nic.valid()) out.nics.push_back(nic);
  }
  virtual bool accept_ingress(model::NicId member, const FrameInfo& frame, Instant at) = 0;
  virtual void attach(NetControl& net) { static_cast<void>(net); }
  virtual void carrier_changed(model::NicId member, bool up, Instant at) {
    static_cast<void>(member), static_cast<void>(up), static_cast<void>(at);
  }
  virtual void on_control(model::NicId member, const ControlFrame& frame, Instant at) {
    static_cast<void>(member), static_cast<void>(frame), static_cast<void>(at);
  }
};

// The trivial selector of a plain NIC (or a bond pinned to one member): always `nic`, accepts
// everything.
class SingleNicSelector final : public EgressSelector {
 public:
  explicit SingleNicSelector(model::NicId nic) : nic_(nic) {}
  model::NicId select_egress(const FrameInfo&, Instant) override { return nic_; }
  bool accept_ingress(model::NicId, const FrameInfo&, Instant) override { return true; }

 private:
  model::NicId nic_;
};

}  // namespace quorate::sim::net
