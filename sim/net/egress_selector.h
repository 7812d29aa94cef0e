// EgressSelector: THE seam where a host's interface decides which physical NIC a frame uses.
//
// Every L3 interface (model::Iface: a plain NIC or a bond) has one selector, owned by the
// VirtualNetwork. The network calls it:
// - select_egress(frame, at): for every frame the interface sends, at the frame's send time.
//   Returns one of the interface's members, or an invalid NicId to drop the frame (kNoPath),
//   e.g. a bond with no usable member. A bond in broadcast mode needs several members per frame:
//   that is a planned extension (select_egress_all) not in this slice.
// - accept_ingress(member, frame, at): for every frame arriving on a member NIC at its arrival
//   time. false drops it (kIngressFiltered): e.g. active-backup drops what arrives on the
//   inactive slave.
// - carrier_changed(member, carrier, at): NOT called yet. A bond's miimon polls carrier through
//   VirtualNetwork::carrier(nic, t) (exact for any t); push notifications need the World hook.
//
// Contract: selectors are deterministic functions of their construction and the calls they get
// (they may keep state, e.g. balance-rr's counter); the calls come in route() order, and `at`
// of select_egress is non-decreasing. A selector must not keep references to `frame`.
// The bond state machines (sim/bond, quorate_bond) plug in here through an adapter that
// implements this interface; sim/net does not depend on sim/bond.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/ids.h"
#include "engine/time.h"
#include "model/address.h"
#include "model/topology.h"

namespace quorate::sim::net {

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
};

class EgressSelector {
 public:
  virtual ~EgressSelector() = default;
  virtual model::NicId select_egress(const FrameInfo& frame, Instant at) = 0;
  virtual bool accept_ingress(model::NicId member, const FrameInfo& frame, Instant at) = 0;
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
