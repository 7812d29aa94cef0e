// VirtualNetwork: the sim::Network of hosts, NICs, switches and cables (model::Topology), with
// faults and impairments on a schedule of virtual times.
//
// A transmission (from, link, to) walks (a frame to itself is looped back at once):
//   binding(from, link) -> iface -> EgressSelector picks member NIC(s) (at sent_at)
//   -> host-level cut rules (at sent_at) -> per member copy: NIC send checks (carrier, TX, MTU)
//   -> channel NIC->switch -> switch (state, LAG ingress, learning, forwarding; at arrival there)
//   -> [trunk channels and switches] -> channel switch->NIC (a LAG picks one member port)
//   -> NIC receive checks (carrier, RX, MTU, NIC-level cut rules, MAC filter, the receiving
//      iface's selector accept_ingress; at arrival there) -> delivered.
// Each channel applies its impairments (impairments.h). A duplicate copy (or a broadcast-mode
// bond's copy per member) walks on by itself, so RouteDecision::arrivals may hold several
// times. The first drop of a frame that delivers nothing is its reason, reported to the World
// as is (sim::DropReason, traced `drop:<reason>`), counted in stats() and, with keep_drop_log,
// kept in drop_log().
//
// Bonds and LAGs: set_selector() plugs a bond (sim/net/bond_selector.h) into an interface,
// add_switch_lag() groups switch ports (switch_lags.h). When the World attaches the network
// (attach()), selectors and LAGs are attached (their timers start), and every carrier change
// (set_carrier, flap_carrier, a switch going down or up) of a NIC under a set selector or in a
// LAG is delivered to its selector and LAG at its instant through the World's scheduler (plain
// NICs schedule nothing, so a network without bonds traces exactly as before). Control frames
// (LACPDUs, ARP) travel as NetControl (net_control.h) describes.
//
// Changes (faults, impairments, cut rules, switch states) are scheduled at virtual instants and
// may be added before or during a run, but never before the latest route() call's sent_at
// (checked): a frame is decided once, when routed, against the schedule known then.
// Carrier as a host or bond sees it: the NIC's own carrier AND cabled AND its switch not kDown.
//
// Determinism: a function of the topology, the options (root seed) and the call sequence. PRNG
// streams are per channel and per stage, named from the topology ("net/<host>/<nic>/tx/loss",
// "net/<switchA>/<switchB>/ab/delay"), see channel.h. Nothing is keyed by pointers; the only
// hash maps (switch MAC tables) are never iterated.
//
// Ownership: the network owns a copy of the topology and the interfaces' selectors; references
// it returns live as long as it does. Single-threaded.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "engine/ids.h"
#include "engine/time.h"
#include "model/topology.h"
#include "model/topology_graph.h"
#include "sim/net/channel.h"
#include "sim/net/cut_rules.h"
#include "sim/net/drop_reason.h"
#include "sim/net/egress_selector.h"
#include "sim/net/impairments.h"
#include "sim/net/net_control.h"
#include "sim/net/switch_fabric.h"
#include "sim/net/switch_lag.h"
#include "sim/net/timeline.h"
#include "sim/network.h"

namespace quorate::sim::net {

struct VirtualNetworkOptions {
  uint64_t seed = 0;                // root seed (World::seed()); streams are named "net/..."
  Impairments default_impairments;  // every channel's initial impairments
  uint16_t udp_port_base = 5405;    // link N uses UDP port base + N (PVE opens 5405-5412)
  bool keep_drop_log = false;
};

// One direction of one cable: index = cable * 2 + (0 for end a -> b, 1 for b -> a).
struct ChannelId {
  uint32_t value = UINT32_MAX;
  constexpr auto operator<=>(const ChannelId&) const = default;
};

struct NicState {
  bool carrier = true;  // link state, visible to the host and its bond
  bool tx_ok = true;    // frames leave the NIC
  bool rx_ok = true;    // frames enter the host
  friend bool operator==(const NicState&, const NicState&) = default;
};

struct NetDrop {
  uint64_t packet_id = 0;
  NodeId from;
  NodeId to;
  LinkId link;
  NetDropReason reason = NetDropReason::kLoss;
  Instant at;  // global time where the frame was lost
};

struct NetStats {
  uint64_t routed = 0;                                  // route() calls
  uint64_t delivered = 0;                               // copies delivered (duplicates included)
  uint64_t duplicated = 0;                              // extra copies created by duplication
  std::array<uint64_t, kNetDropReasonCount> dropped{};  // frames that delivered no copy
  uint64_t control_sent = 0;                            // control frames sent (net_control.h)
  uint64_t control_delivered = 0;                       // control frames that reached a handler
  std::array<uint64_t, kNetDropReasonCount> control_dropped{};  // control frame copies lost
  uint64_t dropped_total() const;
};

class VirtualNetwork final : public Network, public NetControl {
 public:
  VirtualNetwork(model::Topology topology, VirtualNetworkOptions options);

  void attach(NetworkScheduler& scheduler) override;
  void route(const Transmission& transmission, RouteDecision& decision) override;

  // --- the bond seam
  // Replaces the selector of `iface` (default: SingleNicSelector of its first member).
  void set_selector(model::IfaceId iface, std::unique_ptr<EgressSelector> selector);
  EgressSelector& selector(model::IfaceId iface);
  // Groups the switch ports of `nics` (all cabled to the same switch, none in another group)
  // into a LAG run by `lag`. Before the first frame. Returns the group's index.
  size_t add_switch_lag(std::vector<model::NicId> nics, std::unique_ptr<SwitchLag> lag);
  SwitchLag& lag(size_t index);

  // --- NetControl (net_control.h)
  NetworkScheduler* scheduler() override { return scheduler_; }
  void send_from_nic(model::NicId nic, ControlFrame frame) override;
  void send_from_switch(model::SwitchId sw, uint32_t port, ControlFrame frame) override;

  // --- NIC and switch states (at = first instant of the new state)
  void set_carrier(model::NicId nic, Instant at, bool up);
  void set_tx_ok(model::NicId nic, Instant at, bool ok);
  void set_rx_ok(model::NicId nic, Instant at, bool ok);
  // Carrier goes down at from, from + period, from + 2 period ... (< until), each time for
  // down_for (0 < down_for < period), and is up from `until` on.
  void flap_carrier(model::NicId nic, Instant from, Instant until, Duration period,
                    Duration down_for);
  void set_switch_state(model::SwitchId sw, Instant at, SwitchState state);

  // --- impairments per channel direction
  ChannelId nic_egress(model::NicId nic) const;                       // NIC -> switch
  ChannelId nic_ingress(model::NicId nic) const;                      // switch -> NIC
  ChannelId trunk(model::CableId cable, model::SwitchId from) const;  // from -> the other end
  void set_impairments(ChannelId channel, Instant at, const Impairments& impairments);
  void set_all_impairments(Instant at, const Impairments& impairments);

  // --- partitions: host level (every network) and NIC level; `cut` is one-way from -> to
  void cut(Instant at, NodeId from, NodeId to);
  void heal(Instant at, NodeId from, NodeId to);
  void cut_both(Instant at, NodeId a, NodeId b);
  void heal_both(Instant at, NodeId a, NodeId b);
  // Cuts both ways between every pair of hosts in different groups.
  void partition(Instant at, const std::vector<std::vector<NodeId>>& groups);
  void cut_nics(Instant at, model::NicId from, model::NicId to);
  void heal_nics(Instant at, model::NicId from, model::NicId to);
  void heal_all(Instant at);  // every host- and NIC-level rule

  // --- queries
  bool carrier(model::NicId nic, Instant at) const override;
  NicState nic_state(model::NicId nic, Instant at) const;  // carrier as in carrier()
  SwitchState switch_state(model::SwitchId sw, Instant at) const;
  model::PartsState parts_at(Instant at) const;
  const model::Topology& topology() const override { return topology_; }
  const NetStats& stats() const { return stats_; }
  const FabricStats& fabric_stats() const { return fabric_.stats(); }
  const std::vector<NetDrop>& drop_log() const { return drop_log_; }
  Channel& channel(ChannelId id);

 private:
  enum class HopKind : uint8_t { kChannel, kSwitch, kNic };
  struct Hop {
    Instant at;
    HopKind kind = HopKind::kChannel;
    uint32_t index = 0;  // ChannelId, SwitchId or NicId value
    uint32_t port = 0;   // ingress port (kSwitch)
  };
  struct Frame {
    FrameInfo info;
    FrameSize size;
    model::IfaceId src_iface;
    model::IfaceId dst_iface;
    model::NicId src_nic;
    bool control = false;  // an ARP probe/reply: no selector accept_ingress, no NIC cut rules
  };
  struct Binding {
    model::IfaceId iface;
    model::IpAddress address;
  };
  struct Lag {
    LagPorts ports;
    std::unique_ptr<SwitchLag> lag;
  };
  struct NicArrival {
    model::NicId nic;
    Instant at;
  };

  void build_channels(const Impairments& initial);
  const Binding* binding(NodeId node, LinkId link) const;
  std::optional<NetDropReason> prepare(const Transmission& tx, Frame& frame);
  std::optional<NetDropReason> send_checks(model::NicId nic, const Frame& frame, Instant at) const;
  void walk(Hop hop, const Frame& frame);
  void cross_channel(const Hop& hop, const Frame& frame);
  void cross_switch(const Hop& hop, const Frame& frame);
  void forward(const Hop& hop, const Frame& frame, uint32_t out_port, Instant out_at);
  void flood(const Hop& hop, const Frame& frame, Instant out_at);
  void reach_nic(const Hop& hop, const Frame& frame);
  // LAGs (virtual_network_lag.cc)
  int lag_of(model::SwitchId sw, uint32_t port) const;  // -1: not in a LAG
  uint64_t bridge_port(model::SwitchId sw, uint32_t port) const;
  size_t lag_member(int lag, uint32_t port) const;
  // Carrier notifications and control frames (virtual_network_control.cc)
  void schedule_carrier_check(model::NicId nic, Instant at);
  void schedule_switch_carrier_checks(model::SwitchId sw, Instant at);
  void check_carrier(model::NicId nic, Instant at);
  void lose_control(DropReason reason) { ++stats_.control_dropped[static_cast<size_t>(reason)]; }
  std::optional<Instant> control_cross(uint32_t channel, Instant at, size_t bytes);
  void control_at_switch(model::NicId from, const ControlFrame& frame, Instant at);
  void control_at_nic(model::NicId nic, const ControlFrame& frame, Instant at);
  void arp_probe(model::NicId nic, const ControlFrame& frame, Instant at);
  void arp_answer(model::NicId target_nic, const Frame& probe, Instant at);
  void walk_control(model::NicId from_nic, const Frame& frame, const ControlFrame& control);
  // Records the frame's first loss (the reason reported if no copy arrives).
  void lose(NetDropReason reason, Instant at) {
    if (first_drop_) return;
    first_drop_ = reason;
    first_drop_at_ = at;
  }
  void finish(const Transmission& tx, RouteDecision& decision);
  void check_schedulable(Instant at) const;

  model::Topology topology_;
  VirtualNetworkOptions options_;
  SwitchFabric fabric_;
  std::vector<Channel> channels_;                           // by ChannelId
  std::vector<std::vector<uint32_t>> switch_out_;           // [switch][port] -> ChannelId value
  std::vector<Timeline<bool>> carrier_, tx_ok_, rx_ok_;     // by NicId
  std::vector<std::unique_ptr<EgressSelector>> selectors_;  // by IfaceId
  std::vector<Lag> lags_;
  std::vector<std::vector<int>> port_lag_;  // [switch][port] -> index into lags_, -1 = none
  NetworkScheduler* scheduler_ = nullptr;
  std::vector<bool> notified_carrier_;  // by NicId: the carrier selectors/LAGs were told
  std::vector<bool> carrier_listened_;  // by NicId: a bond selector or a LAG wants its changes
  EgressChoice egress_;                 // scratch for route(), reused
  std::vector<NicArrival> arrivals_;    // scratch: where the walked frame arrived
  std::vector<Binding> bindings_;       // [node value * kMaxLinks + link]; invalid iface = unbound
  CutRules host_cuts_;
  CutRules nic_cuts_;
  NetStats stats_;
  std::vector<NetDrop> drop_log_;
  std::vector<Hop> work_;  // scratch for route(), reused
  std::optional<NetDropReason> first_drop_;
  Instant first_drop_at_;
  Instant latest_route_;
};

}  // namespace quorate::sim::net
