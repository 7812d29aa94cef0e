#include "sim/network.h"

#include "engine/check.h"

namespace quorate::sim {

std::string_view to_string(DropReason reason) {
  switch (reason) {
    case DropReason::kLoss:
      return "loss";
    case DropReason::kUnknownNode:
      return "unknown-node";
    case DropReason::kNoLink:
      return "no-link";
    case DropReason::kPartition:
      return "partition";
    case DropReason::kNodeDown:
      return "node-down";
    case DropReason::kQueueFull:
      return "queue-full";
    case DropReason::kBurstLoss:
      return "burst-loss";
    case DropReason::kCorruption:
      return "corruption";
    case DropReason::kMtu:
      return "mtu";
    case DropReason::kSilentTx:
      return "silent-tx";
    case DropReason::kSilentRx:
      return "silent-rx";
    case DropReason::kCarrier:
      return "carrier";
    case DropReason::kSwitchDown:
      return "switch-down";
    case DropReason::kSwitchSilent:
      return "switch-silent";
    case DropReason::kNoPath:
      return "no-path";
    case DropReason::kStaleMac:
      return "stale-mac";
    case DropReason::kIngressFiltered:
      return "ingress-filtered";
    case DropReason::kBondDown:
      return "bond-down";
    case DropReason::kNoMember:
      return "no-member";
  }
  QUORATE_UNREACHABLE();
}

}  // namespace quorate::sim
