// Helpers for the network tests: a VirtualNetwork over the standard topology and one-call
// routing of a frame.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "engine/time.h"
#include "sim/net/standard_topology.h"
#include "sim/net/virtual_network.h"

namespace quorate::sim::net::testing {

inline Instant at_ms(int64_t ms) {
  return Instant::epoch() + Duration::from_ms(ms);
}
inline Instant at_us(int64_t us) {
  return Instant::epoch() + Duration::from_us(us);
}

// Hosts 1..hosts, networks link0, link1 (engine links 0 and 1) and vm; default impairments:
// constant 50 us per channel, so a NIC-switch-NIC path takes 100 us.
inline std::unique_ptr<VirtualNetwork> make_network(int hosts = 3, uint64_t seed = 1,
                                                    Impairments impairments = {}) {
  StandardTopologyOptions topo;
  topo.hosts = hosts;
  topo.networks = {"link0", "link1", "vm"};
  topo.links = 2;
  VirtualNetworkOptions options;
  options.seed = seed;
  options.default_impairments = impairments;
  options.keep_drop_log = true;
  return std::make_unique<VirtualNetwork>(make_standard_topology(topo), options);
}

inline NodeId node(uint32_t id) {
  return NodeId{id};
}
inline LinkId link(uint8_t id) {
  return LinkId{id};
}

// Routes one frame and returns the decision; `payload_bytes` of zeros.
inline RouteDecision send(VirtualNetwork& net, Instant at, uint32_t from, uint32_t to,
                          uint8_t link_id = 0, size_t payload_bytes = 24, uint64_t packet_id = 0) {
  static const std::vector<std::byte> zeros(70000);
  RouteDecision decision;
  net.route(Transmission{at, node(from), link(link_id), node(to),
                         std::span<const std::byte>(zeros.data(), payload_bytes), packet_id},
            decision);
  return decision;
}

// The network's reason for the last dropped frame (keep_drop_log is on).
inline NetDropReason last_reason(const VirtualNetwork& net) {
  return net.drop_log().back().reason;
}

inline model::NicId nic_of(const VirtualNetwork& net, uint32_t host, const char* name) {
  return *net.topology().find_nic(node(host), name);
}

}  // namespace quorate::sim::net::testing
