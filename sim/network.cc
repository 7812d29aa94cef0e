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
  }
  QUORATE_UNREACHABLE();
}

}  // namespace quorate::sim
