// Observations: the state the expectations talk about, rebuilt from a finished run's trace.
//
// Checkers read the trace, never engine state (docs/ARCHITECTURE.md). Today: link-layer events
// (`event:link.up` / `link.down` with fields host, link; `event:host.reachable` /
// `host.unreachable` with field host), at global virtual time, per observing node. Every link
// and every peer starts down/unreachable (knet brings links up by heartbeat). Membership, quorum
// and fencing signals are added here as their engines emit events.
//
// Ownership: a value built once per run; Signals returned by reference live as long as it does.
// Keys are ordered maps keyed by ids.
#pragma once

#include <cstdint>
#include <map>
#include <tuple>
#include <utility>

#include "engine/ids.h"
#include "sim/scenario/signal.h"
#include "sim/trace.h"

namespace quorate::scenario {

class Observations {
 public:
  // Reads every retained record of `trace` (TraceOptions::records_max must keep them all).
  static Observations from_trace(const sim::Trace& trace);

  // Whether `node` sees link `link` to `peer` up.
  const Signal& link_up(NodeId node, NodeId peer, LinkId link) const;
  // Whether `node` sees `peer` reachable (at least one link up).
  const Signal& reachable(NodeId node, NodeId peer) const;

 private:
  std::map<std::tuple<uint32_t, uint32_t, uint8_t>, Signal> links_;  // (node, peer, link)
  std::map<std::pair<uint32_t, uint32_t>, Signal> reachable_;        // (node, peer)
  Signal never_{false};
};

}  // namespace quorate::scenario
