// SwitchLag: a link aggregation group of switch ports (a static LAG / EtherChannel, or an LACP
// LAG), the switch-side seam that mirrors EgressSelector. The VirtualNetwork owns one per group
// (VirtualNetwork::add_switch_lag) and treats the group's ports as ONE bridge port:
// - learning: a MAC learned on any member port is "behind the group";
// - forwarding: a frame for the group (learned, or flooded towards one of the hosts behind it)
//   leaves through select_port(frame, at) (a member index; nullopt = dropped for kNoMember), and
//   never back into the group it came from;
// - ingress: a frame entering on a member is dropped (kIngressFiltered) unless accept(member);
// - bind(net, ports): once, from add_switch_lag (net's scheduler may still be null);
//   attach(): once, when the World attaches the network (timers start here);
//   carrier_changed/on_control: as for EgressSelector (LACPDUs arrive through on_control).
// Member indexes are the positions in the port list given to add_switch_lag. `at` is the time
// the frame is at the switch; implementations must not require it to be monotonic (frames are
// walked at send time, so a later-routed frame may reach the switch earlier).
// Implementations: StaticLag and LacpLag (switch_lags.h, library quorate_net_bond).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/time.h"
#include "model/topology.h"
#include "sim/net/egress_selector.h"

namespace quorate::sim::net {

struct LagPorts {
  model::SwitchId sw;
  std::vector<uint32_t> ports;     // switch ports, member index order
  std::vector<model::NicId> nics;  // the NIC cabled to each port
};

class SwitchLag {
 public:
  virtual ~SwitchLag() = default;
  virtual std::optional<size_t> select_port(const FrameInfo& frame, Instant at) = 0;
  virtual bool accept(size_t member, const FrameInfo& frame, Instant at) = 0;
  virtual void bind(NetControl& net, const LagPorts& ports) = 0;
  virtual void attach() {}
  virtual void carrier_changed(size_t member, bool up, Instant at) {
    static_cast<void>(member), static_cast<void>(up), static_cast<void>(at);
  }
  virtual void on_control(size_t member, const ControlFrame& frame, Instant at) {
    static_cast<void>(member), static_cast<void>(frame), static_cast<void>(at);
  }
};

}  // namespace quorate::sim::net
