// Topology: the physical and addressing layout of a simulated cluster network, as plain data.
//
// Parts:
// - Network: one L2 broadcast domain ("link0", "link1", "vm"): a set of switches joined by trunk
//   cables into a forest (no loops: there is no spanning tree protocol here).
// - Switch: belongs to one network; ports are numbered 0.. in the order cables were plugged in.
//   Options: MAC table ageing (Linux bridge default 300 s) and a store-and-forward delay.
// - Host: a NodeId (the engine's node) with a name, physical NICs and L3 interfaces.
// - Nic: a physical port (name, permanent MAC, MTU) with at most one cable to a switch port.
// - Iface: the L3 device addresses live on. Its members are physical NICs of the same host: one
//   for a plain NIC, several for a bond. Its MAC is its first member's (as Linux bonds take the
//   first slave's). Which member carries a frame is decided at run time by the network's
//   EgressSelector for the interface (sim/net/egress_selector.h), not here.
// - Cable: NIC <-> switch port (end a = the NIC) or switch port <-> switch port (a trunk).
// - Link binding: (host, engine LinkId) -> (iface, address): corosync link N binds ringN_addr.
//
// Ids are dense indexes in creation order (NicId{3} is the fourth NIC created), so a topology
// built by the same calls always gets the same ids. Hosts are kept in an ordered map by NodeId.
// The Topology is a value: copyable, no pointers inside; it never changes once handed to a
// network (the network copies it). All names are non-empty and unique in their scope (switch
// and network names globally, NIC and iface names per host) and contain no '"' (DOT export).
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/ids.h"
#include "engine/time.h"
#include "model/address.h"

namespace quorate::model {

// A dense index into one of the Topology's vectors; distinct types per part (Tag).
template <typename Tag>
struct IndexId {
  uint32_t value = UINT32_MAX;  // UINT32_MAX = none
  constexpr bool valid() const { return value != UINT32_MAX; }
  constexpr auto operator<=>(const IndexId&) const = default;
};
using NetworkId = IndexId<struct NetworkTag>;
using SwitchId = IndexId<struct SwitchTag>;
using NicId = IndexId<struct NicTag>;
using IfaceId = IndexId<struct IfaceTag>;
using CableId = IndexId<struct CableTag>;

inline constexpr uint32_t kDefaultMtuBytes = 1500;

struct SwitchOptions {
  Duration mac_ageing = Duration::from_s(300);   // > 0; Linux bridge ageing_time default
  Duration forwarding_delay = Duration::zero();  // >= 0; added to every frame it forwards
};

struct Network {
  std::string name;
  std::vector<SwitchId> switches;  // in creation order
};

struct Switch {
  std::string name;
  NetworkId network;
  SwitchOptions options;
  std::vector<CableId> ports;  // ports[p] = the cable plugged into port p
};

struct Nic {
  NodeId host;
  std::string name;
  MacAddress mac;
  uint32_t mtu_bytes = kDefaultMtuBytes;
  CableId cable;  // invalid while unplugged
  SwitchId attached_switch;
  uint32_t port = 0;  // meaningful when cable is valid
  IfaceId iface;      // the interface it is a member of (invalid if none)
};

struct Iface {
  NodeId host;
  std::string name;
  MacAddress mac;
  std::vector<NicId> members;  // at least one, same host, each in no other iface
  std::vector<IpAddress> addresses;
};

struct Host {
  NodeId id;
  std::string name;
  std::vector<NicId> nics;
  std::vector<IfaceId> ifaces;
};

enum class CableEndKind : uint8_t { kNic, kSwitchPort };

struct CableEnd {
  CableEndKind kind = CableEndKind::kNic;
  NicId nic;           // kNic
  SwitchId switch_id;  // kSwitchPort
  uint32_t port = 0;   // kSwitchPort
};

struct Cable {
  CableEnd a;  // the NIC for host cables
  CableEnd b;  // always a switch port
};

struct LinkBinding {
  IfaceId iface;
  IpAddress address;  // one of the iface's addresses
};

class Topology {
 public:
  NetworkId add_network(std::string name);
  SwitchId add_switch(std::string name, NetworkId network, SwitchOptions options = {});
  void add_host(NodeId id, std::string name);
  NicId add_nic(NodeId host, std::string name, MacAddress mac,
                uint32_t mtu_bytes = kDefaultMtuBytes);
  // An L3 interface over `members` (NICs of `host` not yet in an interface).
  IfaceId add_iface(NodeId host, std::string name, std::vector<NicId> members);
  // A plain NIC as its own interface, named like the NIC.
  IfaceId add_nic_iface(NicId nic);
  void add_address(IfaceId iface, IpAddress address);
  // Plugs `nic` into the next free port of `sw`.
  CableId connect(NicId nic, SwitchId sw);
  // A trunk between two switches of the same network; they must not already be connected.
  CableId connect(SwitchId a, SwitchId b);
  // Corosync link `link` of `host` uses `address`, which must be on `iface` of that host.
  void bind_link(NodeId host, LinkId link, IfaceId iface, IpAddress address);

  const std::vector<Network>& networks() const { return networks_; }
  const std::vector<Switch>& switches() const { return switches_; }
  const std::vector<Nic>& nics() const { return nics_; }
  const std::vector<Iface>& ifaces() const { return ifaces_; }
  const std::vector<Cable>& cables() const { return cables_; }
  const std::map<NodeId, Host>& hosts() const { return hosts_; }
  const Network& network(NetworkId id) const;
  const Switch& switch_at(SwitchId id) const;
  const Nic& nic(NicId id) const;
  const Iface& iface(IfaceId id) const;
  const Cable& cable(CableId id) const;
  const Host& host(NodeId id) const;
  bool has_host(NodeId id) const { return hosts_.contains(id); }
  // The network a NIC is plugged into (invalid if unplugged).
  NetworkId network_of(NicId nic) const;
  std::optional<LinkBinding> binding(NodeId host, LinkId link) const;
  const std::map<std::pair<NodeId, LinkId>, LinkBinding>& bindings() const { return bindings_; }
  std::optional<NicId> find_nic(NodeId host, std::string_view name) const;
  std::optional<SwitchId> find_switch(std::string_view name) const;
  std::optional<NetworkId> find_network(std::string_view name) const;

 private:
  Host& mutable_host(NodeId id);
  uint32_t plug(SwitchId sw, CableId cable);
  bool switches_connected(SwitchId a, SwitchId b) const;

  std::vector<Network> networks_;
  std::vector<Switch> switches_;
  std::vector<Nic> nics_;
  std::vector<Iface> ifaces_;
  std::vector<Cable> cables_;
  std::map<NodeId, Host> hosts_;
  std::map<std::pair<NodeId, LinkId>, LinkBinding> bindings_;
};

}  // namespace quorate::model
