// NetDropReason: why the virtual network dropped a frame. It IS sim::DropReason (sim/network.h):
// the network reports its precise reason straight to the World, which traces it as
// `drop:<reason>` (silent-tx, silent-rx, carrier, mtu, corruption, burst-loss, switch-down,
// switch-silent, stale-mac, ingress-filtered, no-path, bond-down, no-member, partition, loss,
// queue-full, no-link). The alias and the names below keep the network's vocabulary.
#pragma once

#include <cstdint>
#include <string_view>

#include "sim/network.h"

namespace quorate::sim::net {

using NetDropReason = DropReason;
// The network calls "no interface bound for the engine link" a missing binding.
inline constexpr DropReason kNoBinding = DropReason::kNoLink;
inline constexpr int kNetDropReasonCount = kDropReasonCount;

// Identity (kept for callers written when the network had its own, finer enum).
constexpr DropReason to_world(NetDropReason reason) {
  return reason;
}

}  // namespace quorate::sim::net
