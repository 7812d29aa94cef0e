#include "model/topology.h"

#include <algorithm>
#include <utility>

#include "engine/check.h"

namespace quorate::model {
namespace {

bool valid_name(const std::string& name) {
  return !name.empty() && name.find('"') == std::string::npos;
}

template <typename Id>
Id id_at(size_t index) {
  QUORATE_CHECK(index < UINT32_MAX);
  return Id{static_cast<uint32_t>(index)};
}

}  // namespace

NetworkId Topology::add_network(std::string name) {
  QUORATE_CHECK(valid_name(name));
  QUORATE_CHECK_MSG(!find_network(name).has_value(), "duplicate network name");
  networks_.push_back(Network{std::move(name), {}});
  return id_at<NetworkId>(networks_.size() - 1);
}

SwitchId Topology::add_switch(std::string name, NetworkId network, SwitchOptions options) {
  QUORATE_CHECK(valid_name(name));
  QUORATE_CHECK_MSG(!find_switch(name).has_value(), "duplicate switch name");
  QUORATE_CHECK(network.value < networks_.size());
  QUORATE_CHECK(options.mac_ageing > Duration::zero());
  QUORATE_CHECK(options.forwarding_delay >= Duration::zero());
  const SwitchId id = id_at<SwitchId>(switches_.size());
  switches_.push_back(Switch{std::move(name), network, options, {}});
  networks_[network.value].switches.push_back(id);
  return id;
}

void Topology::add_host(NodeId id, std::string name) {
  QUORATE_CHECK(id.valid() && valid_name(name));
  QUORATE_CHECK_MSG(!hosts_.contains(id), "duplicate host id");
  hosts_.emplace(id, Host{id, std::move(name), {}, {}});
}

NicId Topology::add_nic(NodeId host, std::string name, MacAddress mac, uint32_t mtu_bytes) {
  QUORATE_CHECK(valid_name(name) && mac.valid());
  QUORATE_CHECK(mtu_bytes >= 68 && mtu_bytes <= 65535);  // IPv4 minimum .. jumbo maximum
  QUORATE_CHECK_MSG(!find_nic(host, name).has_value(), "duplicate NIC name on host");
  Host& h = mutable_host(host);
  const NicId id = id_at<NicId>(nics_.size());
  nics_.push_back(Nic{host, std::move(name), mac, mtu_bytes, {}, {}, 0, {}});
  h.nics.push_back(id);
  return id;
}

IfaceId Topology::add_iface(NodeId host, std::string name, std::vector<NicId> members) {
  QUORATE_CHECK(valid_name(name) && !members.empty());
  Host& h = mutable_host(host);
  for (const IfaceId other : h.ifaces) {
    QUORATE_CHECK_MSG(ifaces_[other.value].name != name, "duplicate interface name on host");
  }
  const IfaceId id = id_at<IfaceId>(ifaces_.size());
  for (const NicId member : members) {
    QUORATE_CHECK(member.value < nics_.size());
    Nic& nic = nics_[member.value];
    QUORATE_CHECK_MSG(nic.host == host, "interface member on another host");
    QUORATE_CHECK_MSG(!nic.iface.valid(), "NIC already in an interface");
    nic.iface = id;
  }
  const MacAddress mac = nics_[members.front().value].mac;
  ifaces_.push_back(Iface{host, std::move(name), mac, std::move(members), {}});
  h.ifaces.push_back(id);
  return id;
}

IfaceId Topology::add_nic_iface(NicId nic) {
  const Nic& n = this->nic(nic);
  return add_iface(n.host, n.name, {nic});
}

void Topology::add_address(IfaceId iface, IpAddress address) {
  QUORATE_CHECK(iface.value < ifaces_.size());
  for (const Iface& other : ifaces_) {
    const auto& addrs = other.addresses;
    QUORATE_CHECK_MSG(std::find(addrs.begin(), addrs.end(), address) == addrs.end(),
                      "address already assigned");
  }
  ifaces_[iface.value].addresses.push_back(address);
}

uint32_t Topology::plug(SwitchId sw, CableId cable) {
  QUORATE_CHECK(sw.value < switches_.size());
  std::vector<CableId>& ports = switches_[sw.value].ports;
  ports.push_back(cable);
  return static_cast<uint32_t>(ports.size() - 1);
}

CableId Topology::connect(NicId nic, SwitchId sw) {
  QUORATE_CHECK(nic.value < nics_.size() && sw.value < switches_.size());
  Nic& n = nics_[nic.value];
  QUORATE_CHECK_MSG(!n.cable.valid(), "NIC already cabled");
  const CableId cable = id_at<CableId>(cables_.size());
  const uint32_t port = plug(sw, cable);
  n.cable = cable;
  n.attached_switch = sw;
  n.port = port;
  cables_.push_back(Cable{CableEnd{CableEndKind::kNic, nic, {}, 0},
                          CableEnd{CableEndKind::kSwitchPort, {}, sw, port}});
  return cable;
}

bool Topology::switches_connected(SwitchId a, SwitchId b) const {
  // Depth-first walk over trunks from a; the forest is small.
  std::vector<bool> seen(switches_.size(), false);
  std::vector<SwitchId> stack{a};
  seen[a.value] = true;
  while (!stack.empty()) {
    const SwitchId s = stack.back();
    stack.pop_back();
    if (s == b) return true;
    for (const CableId c : switches_[s.value].ports) {
      const Cable& cable = cables_[c.value];
      if (cable.a.kind != CableEndKind::kSwitchPort) continue;
      const SwitchId next = cable.a.switch_id == s ? cable.b.switch_id : cable.a.switch_id;
      if (!seen[next.value]) {
        seen[next.value] = true;
        stack.push_back(next);
      }
    }
  }
  return false;
}

CableId Topology::connect(SwitchId a, SwitchId b) {
  QUORATE_CHECK(a.value < switches_.size() && b.value < switches_.size() && a != b);
  QUORATE_CHECK_MSG(switches_[a.value].network == switches_[b.value].network,
                    "trunk between switches of different networks");
  QUORATE_CHECK_MSG(!switches_connected(a, b), "trunk would close a loop");
  const CableId cable = id_at<CableId>(cables_.size());
  const uint32_t port_a = plug(a, cable);
  const uint32_t port_b = plug(b, cable);
  cables_.push_back(Cable{CableEnd{CableEndKind::kSwitchPort, {}, a, port_a},
                          CableEnd{CableEndKind::kSwitchPort, {}, b, port_b}});
  return cable;
}

void Topology::bind_link(NodeId host, LinkId link, IfaceId iface, IpAddress address) {
  QUORATE_CHECK(link.valid() && iface.value < ifaces_.size());
  const Iface& i = ifaces_[iface.value];
  QUORATE_CHECK_MSG(i.host == host, "link bound to another host's interface");
  QUORATE_CHECK_MSG(std::find(i.addresses.begin(), i.addresses.end(), address) != i.addresses.end(),
                    "link address is not on the interface");
  const bool inserted =
      bindings_.emplace(std::pair{host, link}, LinkBinding{iface, address}).second;
  QUORATE_CHECK_MSG(inserted, "link already bound on this host");
}

const Network& Topology::network(NetworkId id) const {
  QUORATE_CHECK(id.value < networks_.size());
  return networks_[id.value];
}
const Switch& Topology::switch_at(SwitchId id) const {
  QUORATE_CHECK(id.value < switches_.size());
  return switches_[id.value];
}
const Nic& Topology::nic(NicId id) const {
  QUORATE_CHECK(id.value < nics_.size());
  return nics_[id.value];
}
const Iface& Topology::iface(IfaceId id) const {
  QUORATE_CHECK(id.value < ifaces_.size());
  return ifaces_[id.value];
}
const Cable& Topology::cable(CableId id) const {
  QUORATE_CHECK(id.value < cables_.size());
  return cables_[id.value];
}
const Host& Topology::host(NodeId id) const {
  const auto it = hosts_.find(id);
  QUORATE_CHECK_MSG(it != hosts_.end(), "unknown host");
  return it->second;
}
Host& Topology::mutable_host(NodeId id) {
  const auto it = hosts_.find(id);
  QUORATE_CHECK_MSG(it != hosts_.end(), "unknown host");
  return it->second;
}

NetworkId Topology::network_of(NicId nic) const {
  const Nic& n = this->nic(nic);
  if (!n.cable.valid()) return NetworkId{};
  return switches_[n.attached_switch.value].network;
}

std::optional<LinkBinding> Topology::binding(NodeId host, LinkId link) const {
  const auto it = bindings_.find(std::pair{host, link});
  if (it == bindings_.end()) return std::nullopt;
  return it->second;
}

std::optional<NicId> Topology::find_nic(NodeId host, std::string_view name) const {
  for (const NicId id : this->host(host).nics) {
    if (nics_[id.value].name == name) return id;
  }
  return std::nullopt;
}

std::optional<SwitchId> Topology::find_switch(std::string_view name) const {
  for (size_t i = 0; i < switches_.size(); ++i) {
    if (switches_[i].name == name) return id_at<SwitchId>(i);
  }
  return std::nullopt;
}

std::optional<NetworkId> Topology::find_network(std::string_view name) const {
  for (size_t i = 0; i < networks_.size(); ++i) {
    if (networks_[i].name == name) return id_at<NetworkId>(i);
  }
  return std::nullopt;
}

}  // namespace quorate::model
