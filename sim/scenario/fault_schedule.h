// FaultSchedule: turns a scenario's network defaults and timed events into calls on the
// VirtualNetwork (NIC states, impairments, cut rules, switch states) and the World (commands).
//
// Impairments are set per channel and replace the channel's whole Impairments value, so the
// schedule remembers each channel's current value and changes only what an event names (a
// `loss` keeps the latency, a `delay` keeps the loss). Events must be applied in time order
// (the parser guarantees it).
//
// Lifetime: borrows the scenario, world and network for its own (short) life, during building.
#pragma once

#include <map>
#include <vector>

#include "model/topology.h"
#include "sim/net/impairments.h"
#include "sim/net/virtual_network.h"
#include "sim/scenario/scenario_format.h"
#include "sim/world.h"

namespace quorate::scenario {

class FaultSchedule {
 public:
  FaultSchedule(const Scenario& scenario, sim::World& world, sim::net::VirtualNetwork& network)
      : scenario_(scenario), world_(world), net_(network) {}

  // Every channel's impairments at time 0 from `network:` (defaults and per-link overrides).
  void apply_network_defaults();
  void apply(const TimedEvent& event);

 private:
  void apply_nic(Instant at, const NicAction& a);
  void apply_flap(Instant at, const FlapAction& a);
  void apply_impair(Instant at, const ImpairAction& a);
  void apply_cut(Instant at, const CutAction& a);
  void apply_groups(Instant at, const CutAction& a);
  void apply_switch(Instant at, const SwitchAction& a);
  void apply_node(Instant at, const NodeAction& a);

  model::NicId nic(NodeId node, LinkId link) const;
  std::vector<model::NicId> nics_on(LinkId link) const;  // ascending node id
  void cut_pair(Instant at, NodeId from, NodeId to, std::optional<LinkId> link, bool heal);
  // Sets the channel's impairments to `change(current)` from `at` on.
  template <typename Change>
  void update(sim::net::ChannelId channel, Instant at, Change change);

  const Scenario& scenario_;
  sim::World& world_;
  sim::net::VirtualNetwork& net_;
  std::map<uint32_t, sim::net::Impairments> current_;  // by ChannelId value
};

}  // namespace quorate::scenario
