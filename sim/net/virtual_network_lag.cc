// VirtualNetwork: switch LAG groups (one bridge port made of several switch ports).
#include <utility>

#include "engine/check.h"
#include "sim/net/virtual_network.h"

namespace quorate::sim::net {

using model::NicId;
using model::SwitchId;

size_t VirtualNetwork::add_switch_lag(std::vector<NicId> nics, std::unique_ptr<SwitchLag> lag) {
  QUORATE_CHECK(lag != nullptr && !nics.empty());
  QUORATE_CHECK_MSG(stats_.routed == 0 && scheduler_ == nullptr,
                    "LAGs are added before the first frame and before attach");
  LagPorts ports;
  ports.sw = topology_.nic(nics.front()).attached_switch;
  const size_t index = lags_.size();
  for (const NicId nic : nics) {
    const model::Nic& n = topology_.nic(nic);
    QUORATE_CHECK_MSG(n.cable.valid() && n.attached_switch == ports.sw,
                      "LAG members must be cabled to the same switch");
    int& slot = port_lag_[ports.sw.value][n.port];
    QUORATE_CHECK_MSG(slot < 0, "a port is in at most one LAG");
    slot = static_cast<int>(index);
    ports.ports.push_back(n.port);
    ports.nics.push_back(nic);
    carrier_listened_[nic.value] = true;
  }
  lag->bind(*this, ports);
  lags_.push_back(Lag{std::move(ports), std::move(lag)});
  return index;
}

SwitchLag& VirtualNetwork::lag(size_t index) {
  QUORATE_CHECK(index < lags_.size());
  return *lags_[index].lag;
}

int VirtualNetwork::lag_of(SwitchId sw, uint32_t port) const {
  QUORATE_CHECK(sw.value < port_lag_.size() && port < port_lag_[sw.value].size());
  return port_lag_[sw.value][port];
}

// The bridge port a switch port belongs to: the port itself, or its LAG (high bit set).
uint64_t VirtualNetwork::bridge_port(SwitchId sw, uint32_t port) const {
  const int lag = lag_of(sw, port);
  return lag < 0 ? uint64_t{port} : (uint64_t{1} << 32) | static_cast<uint64_t>(lag);
}

size_t VirtualNetwork::lag_member(int lag, uint32_t port) const {
  const std::vector<uint32_t>& ports = lags_[static_cast<size_t>(lag)].ports.ports;
  for (size_t i = 0; i < ports.size(); ++i) {
    if (ports[i] == port) return i;
  }
  QUORATE_UNREACHABLE();
}

}  // namespace quorate::sim::net
