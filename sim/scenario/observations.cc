#include "sim/scenario/observations.h"

namespace quorate::scenario {

Observations Observations::from_trace(const sim::Trace& trace) {
  Observations obs;
  for (const sim::TraceRecord& r : trace.records()) {
    if (r.kind != sim::TraceKind::kEngineEvent) continue;
    const bool up = r.label == "link.up";
    if (up || r.label == "link.down") {
      const auto key = std::make_tuple(r.node.value, static_cast<uint32_t>(r.field("host")),
                                       static_cast<uint8_t>(r.field("link")));
      obs.links_.try_emplace(key, false).first->second.set(r.global, up);
      continue;
    }
    const bool reach = r.label == "host.reachable";
    if (reach || r.label == "host.unreachable") {
      const auto key = std::make_pair(r.node.value, static_cast<uint32_t>(r.field("host")));
      obs.reachable_.try_emplace(key, false).first->second.set(r.global, reach);
    }
  }
  return obs;
}

const Signal& Observations::link_up(NodeId node, NodeId peer, LinkId link) const {
  const auto it = links_.find(std::make_tuple(node.value, peer.value, link.value));
  return it == links_.end() ? never_ : it->second;
}

const Signal& Observations::reachable(NodeId node, NodeId peer) const {
  const auto it = reachable_.find(std::make_pair(node.value, peer.value));
  return it == reachable_.end() ? never_ : it->second;
}

}  // namespace quorate::scenario
