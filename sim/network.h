// Network: the seam between the World and a model of the wires.
//
// For every packet a node sends (broadcasts are already expanded to one Transmission per
// receiver, in ascending receiver id), the World asks the network for a RouteDecision: the global
// arrival time of each copy to deliver (none = dropped, with a reason; several = duplicated).
// The World then schedules the deliveries, traces the drop, and owns the bytes in flight.
//
// Contract:
// - route() is called in the World's deterministic event order, once per transmission, at global
//   time `sent_at` (non-decreasing across calls). A network is a deterministic function of its
//   construction (including its own PRNG stream, e.g. World::stream("net")) and the sequence of
//   calls. It never reads clocks or global state.
// - Every arrival is >= sent_at. Arrivals are scheduled in the order listed; equal arrival times
//   keep that order.
// - `bytes` is borrowed for the call; the network must not keep it.
// - Unknown receivers never reach route(): the World drops them with DropReason::kUnknownNode.
//
// Growing it (the future NIC/switch/bond network): a network that needs its own timed behaviour
// (queues draining, links flapping, partitions healing) will get a scheduling hook from the World;
// decisions stay "at send time", per copy, so traces remain comparable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "engine/ids.h"
#include "engine/time.h"

namespace quorate::sim {

enum class DropReason : uint8_t {
  kLoss,         // random loss
  kUnknownNode,  // no such receiver in the world
  kNoLink,       // the sender or receiver has no such link
  kPartition,    // the path is cut
  kNodeDown,     // the receiver is down
  kQueueFull,    // a queue on the path overflowed
};
inline constexpr int kDropReasonCount = 6;
std::string_view to_string(DropReason reason);

struct Transmission {
  Instant sent_at;  // global
  NodeId from;
  LinkId link;
  NodeId to;
  std::span<const std::byte> bytes;  // borrowed for the call
  uint64_t packet_id = 0;            // world-unique, as traced
};

struct RouteDecision {
  std::vector<Instant> arrivals;  // global arrival times; empty = dropped for drop_reason
  DropReason drop_reason = DropReason::kLoss;

  void clear() {
    arrivals.clear();
    drop_reason = DropReason::kLoss;
  }
};

class Network {
 public:
  virtual ~Network() = default;
  // Fill `decision` (cleared by the caller) for one transmission.
  virtual void route(const Transmission& transmission, RouteDecision& decision) = 0;
};

}  // namespace quorate::sim
