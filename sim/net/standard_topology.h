// make_standard_topology: the usual cluster layout, for tests, benchmarks and the CLI.
//
// Hosts 1..hosts named "pve<k>". One switch per network, named "sw-<network>", with
// SwitchOptions as given. Host k has one NIC per network j, "eth<j>", MAC 02:00:00:00:<k>:<j>
// (MacAddress::local(k << 8 | j)), MTU mtu_bytes, cabled to that network's switch, as a plain
// interface with address 10.<j>.<k / 256>.<k % 256> (IPv4) or fd00:<j>::<k> (IPv6). Engine link
// j (j < links) binds network j: the corosync "one link per network" layout. Networks beyond
// `links` (e.g. "vm") carry no corosync link.
#pragma once

#include <string>
#include <vector>

#include "model/topology.h"

namespace quorate::sim::net {

struct StandardTopologyOptions {
  int hosts = 3;                                  // 1..kMaxNodeId
  std::vector<std::string> networks = {"link0"};  // at least `links`
  int links = 1;                                  // 0..min(networks, kMaxLinks)
  bool ipv6 = false;
  uint32_t mtu_bytes = model::kDefaultMtuBytes;
  model::SwitchOptions switch_options;
};

model::Topology make_standard_topology(const StandardTopologyOptions& options);

}  // namespace quorate::sim::net
