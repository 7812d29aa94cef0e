// Building the simulated world of a scenario for one seed: topology, virtual network with the
// network defaults, one LinkEngine per node, the start commands and every scripted event.
//
// Topology: one network and one switch per configured link ("link<N>", "sw-link<N>"), each node
// a host (its nodelist id and name) with NIC "eth<N>" (MAC 02:00:00:<id>:<N>, address
// 10.<N>.<id/256>.<id%256>) cabled to that switch and bound to corosync link N.
// Impairments: a path NIC -> switch -> NIC has two channels; each carries half the latency and
// half the jitter (uniform), and the loss is applied once, on the switch -> NIC channel.
//
// Ownership: the World owns the network and the engines; BuiltWorld::network points into it and
// lives as long as the world. Everything is scheduled before the world runs (the network
// refuses changes earlier than a frame it already routed).
#pragma once

#include <cstdint>
#include <memory>

#include "model/topology.h"
#include "sim/net/virtual_network.h"
#include "sim/scenario/scenario_format.h"
#include "sim/trace.h"
#include "sim/world.h"

namespace quorate::scenario {

struct BuiltWorld {
  std::unique_ptr<sim::World> world;
  sim::net::VirtualNetwork* network = nullptr;  // owned by world
};

model::Topology cluster_topology(const ClusterModel& cluster);

BuiltWorld build_world(const Scenario& scenario, uint64_t seed, sim::TraceOptions trace = {});

}  // namespace quorate::scenario
