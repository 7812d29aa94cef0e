#include "sim/scenario/world_builder.h"

#include <string>
#include <utility>

#include "engine/links/link_engine.h"
#include "sim/clock.h"
#include "sim/scenario/fault_schedule.h"

namespace quorate::scenario {
namespace {

std::string network_name(LinkId link) {
  return "link" + to_string(link);
}

model::IpAddress node_address(LinkId link, NodeId id) {
  return model::IpAddress::v4(10, link.value, static_cast<uint8_t>(id.value / 256),
                              static_cast<uint8_t>(id.value % 256));
}

links::LinkLayerOptions layer_options(const ClusterModel& cluster, NodeId self,
                                      const sim::World& world) {
  links::LinkLayerOptions layer;
  layer.self = self;
  for (const ClusterNode& n : cluster.nodes)
    if (n.id != self) layer.peers.push_back(n.id);
  layer.links = cluster.link_options;
  layer.mode = cluster.mode;
  layer.cluster_key = cluster.cluster_key;
  layer.seed = world.stream_seed("node/" + to_string(self) + "/links");
  return layer;
}

void add_engines(const ClusterModel& cluster, sim::World& world) {
  for (const ClusterNode& n : cluster.nodes) {
    world.add_node(n.id, sim::Clock{},
                   std::make_unique<links::LinkEngine>(layer_options(cluster, n.id, world)));
    world.schedule_command(Instant::epoch(), n.id, Command{CommandKind::kStart});
  }
}

}  // namespace

model::Topology cluster_topology(const ClusterModel& cluster) {
  model::Topology topology;
  std::vector<model::SwitchId> switches;
  for (const LinkId link : cluster.links) {
    const model::NetworkId net = topology.add_network(network_name(link));
    switches.push_back(topology.add_switch("sw-" + network_name(link), net));
  }
  for (const ClusterNode& n : cluster.nodes) {
    topology.add_host(n.id, n.name);
    for (size_t j = 0; j < cluster.links.size(); ++j) {
      const LinkId link = cluster.links[j];
      const model::NicId nic = topology.add_nic(
          n.id, "eth" + to_string(link), model::MacAddress::local((n.id.value << 8) | link.value));
      topology.connect(nic, switches[j]);
      const model::IfaceId iface = topology.add_nic_iface(nic);
      topology.add_address(iface, node_address(link, n.id));
      topology.bind_link(n.id, link, iface, node_address(link, n.id));
    }
  }
  return topology;
}

BuiltWorld build_world(const Scenario& scenario, uint64_t seed, sim::TraceOptions trace) {
  BuiltWorld built;
  built.world = std::make_unique<sim::World>(sim::WorldOptions{seed, trace});
  sim::net::VirtualNetworkOptions options;
  options.seed = seed;
  auto network =
      std::make_unique<sim::net::VirtualNetwork>(cluster_topology(scenario.cluster), options);
  built.network = network.get();
  built.world->set_network(std::move(network));
  add_engines(scenario.cluster, *built.world);
  FaultSchedule schedule(scenario, *built.world, *built.network);
  schedule.apply_network_defaults();
  for (const TimedEvent& event : scenario.events)
    schedule.apply(event);
  return built;
}

}  // namespace quorate::scenario
