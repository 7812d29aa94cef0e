#include "sim/net/drop_reason.h"

#include "engine/check.h"

namespace quorate::sim::net {

std::string_view to_string(NetDropReason reason) {
  switch (reason) {
    case NetDropReason::kLoss:
      return "loss";
    case NetDropReason::kBurstLoss:
      return "burst-loss";
    case NetDropReason::kCorruption:
      return "corruption";
    case NetDropReason::kMtu:
      return "mtu";
    case NetDropReason::kQueueFull:
      return "queue";
    case NetDropReason::kSilentTx:
      return "silent-tx";
    case NetDropReason::kSilentRx:
      return "silent-rx";
    case NetDropReason::kCarrier:
      return "carrier";
    case NetDropReason::kSwitchDown:
      return "switch-down";
    case NetDropReason::kSwitchSilent:
      return "switch-silent";
    case NetDropReason::kPartition:
      return "partition";
    case NetDropReason::kNoBinding:
      return "no-binding";
    case NetDropReason::kNoPath:
      return "no-path";
    case NetDropReason::kStaleMac:
      return "stale-mac";
    case NetDropReason::kIngressFiltered:
      return "ingress-filtered";
  }
  QUORATE_UNREACHABLE();
}

DropReason to_world(NetDropReason reason) {
  switch (reason) {
    case NetDropReason::kLoss:
    case NetDropReason::kBurstLoss:
    case NetDropReason::kCorruption:
      return DropReason::kLoss;
    case NetDropReason::kQueueFull:
      return DropReason::kQueueFull;
    case NetDropReason::kNoBinding:
      return DropReason::kNoLink;
    case NetDropReason::kMtu:
    case NetDropReason::kSilentTx:
    case NetDropReason::kSilentRx:
    case NetDropReason::kCarrier:
    case NetDropReason::kSwitchDown:
    case NetDropReason::kSwitchSilent:
    case NetDropReason::kPartition:
    case NetDropReason::kNoPath:
    case NetDropReason::kStaleMac:
    case NetDropReason::kIngressFiltered:
      return DropReason::kPartition;
  }
  QUORATE_UNREACHABLE();
}

}  // namespace quorate::sim::net
