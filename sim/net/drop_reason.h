// NetDropReason: why the virtual network dropped a frame, finer than sim::DropReason.
//
// The World's DropReason (sim/network.h) has fewer values; to_world() maps each reason to the
// closest one so the World can trace it (`drop:<reason>`), and the VirtualNetwork keeps the
// precise reason in its own stats and drop log. Mapping: probabilistic wire faults -> kLoss;
// a full queue -> kQueueFull; no binding for the link -> kNoLink; every deterministic cut of the
// path (NIC, switch, partition, MTU, stale MAC table, bond filter) -> kPartition.
#pragma once

#include <cstdint>
#include <string_view>

#include "sim/network.h"

namespace quorate::sim::net {

enum class NetDropReason : uint8_t {
  kLoss,             // Bernoulli loss on a channel
  kBurstLoss,        // Gilbert-Elliott loss on a channel
  kCorruption,       // bit errors on the wire; the receiving end's FCS check discards the frame
  kMtu,              // frame larger than a NIC's MTU or a channel's black-hole threshold
  kQueueFull,        // tail drop at a bandwidth-limited channel's queue
  kSilentTx,         // sending NIC has carrier but its TX path is dead
  kSilentRx,         // receiving NIC has carrier but its RX path is dead
  kCarrier,          // a NIC on the path has no carrier (its own, or its switch is down)
  kSwitchDown,       // the frame reached a switch that is powered off
  kSwitchSilent,     // the frame reached a switch that failed silently (ports up, no forwarding)
  kPartition,        // a host- or NIC-level cut rule
  kNoBinding,        // sender or receiver has no interface bound for the engine link
  kNoPath,           // no cable, different networks, or no egress member chosen
  kStaleMac,         // the switch's MAC table sent the frame to a port the receiver is not on
  kIngressFiltered,  // the receiving interface (e.g. a bond's inactive member) refused the frame
};
inline constexpr int kNetDropReasonCount = 15;

std::string_view to_string(NetDropReason reason);
DropReason to_world(NetDropReason reason);

}  // namespace quorate::sim::net
