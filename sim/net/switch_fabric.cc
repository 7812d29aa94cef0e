#include "sim/net/switch_fabric.h"

#include "engine/check.h"

namespace quorate::sim::net {

using model::CableEndKind;
using model::NicId;
using model::SwitchId;

SwitchFabric::SwitchFabric(const model::Topology& topology) {
  switches_.resize(topology.switches().size());
  for (size_t s = 0; s < switches_.size(); ++s) {
    switches_[s].ageing = topology.switches()[s].options.mac_ageing;
    switches_[s].port_toward.assign(topology.nics().size(), kNoPort);
  }
  build_next_hops(topology);
}

// For every cabled NIC, a breadth-first walk over trunks from its switch records, at each
// switch reached, the port the walk came in by: the port towards that NIC.
void SwitchFabric::build_next_hops(const model::Topology& topology) {
  for (size_t n = 0; n < topology.nics().size(); ++n) {
    const model::Nic& nic = topology.nics()[n];
    if (!nic.cable.valid()) continue;
    std::vector<SwitchId> frontier{nic.attached_switch};
    switches_[nic.attached_switch.value].port_toward[n] = nic.port;
    while (!frontier.empty()) {
      const SwitchId s = frontier.back();
      frontier.pop_back();
      for (const model::CableId c : topology.switch_at(s).ports) {
        const model::Cable& cable = topology.cable(c);
        if (cable.a.kind != CableEndKind::kSwitchPort) continue;
        const bool s_is_a = cable.a.switch_id == s;
        const model::CableEnd& far = s_is_a ? cable.b : cable.a;
        uint32_t& toward = switches_[far.switch_id.value].port_toward[n];
        if (toward != kNoPort) continue;  // already reached (the forest has no loops)
        toward = far.port;
        frontier.push_back(far.switch_id);
      }
    }
  }
}

void SwitchFabric::schedule_state(SwitchId sw, Instant at, SwitchState state) {
  QUORATE_CHECK(sw.value < switches_.size());
  switches_[sw.value].state.set(at, state);
}

SwitchState SwitchFabric::state_at(SwitchId sw, Instant at) const {
  QUORATE_CHECK(sw.value < switches_.size());
  return switches_[sw.value].state.value_at(at);
}

std::vector<Instant> SwitchFabric::state_change_times(SwitchId sw) const {
  QUORATE_CHECK(sw.value < switches_.size());
  return switches_[sw.value].state.change_times();
}

void SwitchFabric::learn(SwitchId sw, model::MacAddress mac, uint32_t port, Instant at) {
  SwitchRuntime& s = switches_[sw.value];
  const auto [it, inserted] = s.macs.try_emplace(mac.value, MacEntry{port, at});
  if (inserted) {
    ++stats_.learned;
    return;
  }
  MacEntry& entry = it->second;
  if (at < entry.last_seen) return;  // an older sighting never overrides a newer one
  if (entry.port != port) ++stats_.mac_moves;
  entry = MacEntry{port, at};
}

std::optional<uint32_t> SwitchFabric::learned_port(SwitchId sw, model::MacAddress mac,
                                                   Instant at) const {
  const SwitchRuntime& s = switches_[sw.value];
  const auto it = s.macs.find(mac.value);
  if (it == s.macs.end()) return std::nullopt;
  const Duration age =
      at >= it->second.last_seen ? at - it->second.last_seen : it->second.last_seen - at;
  if (age >= s.ageing) return std::nullopt;
  return it->second.port;
}

uint32_t SwitchFabric::port_toward(SwitchId sw, NicId nic) const {
  QUORATE_CHECK(sw.value < switches_.size());
  const std::vector<uint32_t>& ports = switches_[sw.value].port_toward;
  QUORATE_CHECK(nic.value < ports.size());
  return ports[nic.value];
}

}  // namespace quorate::sim::net
