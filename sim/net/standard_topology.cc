#include "sim/net/standard_topology.h"

#include <string>

#include "engine/check.h"

namespace quorate::sim::net {
namespace {

model::IpAddress host_address(bool ipv6, int network, int host) {
  if (!ipv6) {
    return model::IpAddress::v4(10, static_cast<uint8_t>(network), static_cast<uint8_t>(host / 256),
                                static_cast<uint8_t>(host % 256));
  }
  model::IpAddress a;
  a.family = model::IpFamily::kV6;
  a.bytes[0] = 0xfd;
  a.bytes[3] = static_cast<uint8_t>(network);
  a.bytes[14] = static_cast<uint8_t>(host / 256);
  a.bytes[15] = static_cast<uint8_t>(host % 256);
  return a;
}

}  // namespace

model::Topology make_standard_topology(const StandardTopologyOptions& options) {
  QUORATE_CHECK(options.hosts >= 1 && static_cast<uint32_t>(options.hosts) <= kMaxNodeId);
  QUORATE_CHECK(options.links >= 0 && options.links <= kMaxLinks);
  QUORATE_CHECK(static_cast<size_t>(options.links) <= options.networks.size());
  QUORATE_CHECK(options.networks.size() <= 255);
  model::Topology topology;
  std::vector<model::SwitchId> switches;
  for (const std::string& name : options.networks) {
    const model::NetworkId network = topology.add_network(name);
    switches.push_back(topology.add_switch("sw-" + name, network, options.switch_options));
  }
  for (int k = 1; k <= options.hosts; ++k) {
    const NodeId id{static_cast<uint32_t>(k)};
    topology.add_host(id, "pve" + std::to_string(k));
    for (int j = 0; j < static_cast<int>(options.networks.size()); ++j) {
      const auto tag = static_cast<uint32_t>((k << 8) | j);
      const model::NicId nic = topology.add_nic(id, "eth" + std::to_string(j),
                                                model::MacAddress::local(tag), options.mtu_bytes);
      topology.connect(nic, switches[j]);
      const model::IfaceId iface = topology.add_nic_iface(nic);
      const model::IpAddress address = host_address(options.ipv6, j, k);
      topology.add_address(iface, address);
      if (j < options.links)
        topology.bind_link(id, LinkId{static_cast<uint8_t>(j)}, iface, address);
    }
  }
  return topology;
}

}  // namespace quorate::sim::net
