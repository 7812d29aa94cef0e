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
// The scheduling hook (NetworkScheduler): a network with timed behaviour of its own (bond
// monitors, LACP machines, carrier changes reaching bonds, control frames in flight) gets one
// from the World in attach(), called once by World::set_network. schedule(at, node, label, fn)
// runs fn(at) when the World's single (time, seq) queue reaches it: after every entry already
// queued for the same instant and before any pushed later, exactly like deliveries and wake-ups.
// Each firing is traced as `state:<label>` (node = the host it concerns, n0 for the fabric) with
// field ev=<event id>; note() adds a `state:<label>` record with the network's own fields at now()
// (e.g. a bond member going down). Network labels start with "net." (checked), so they never
// collide with the World's own state records ("node.add"). Callbacks run outside any engine call;
// they may schedule, cancel and note, and must not call into the World otherwise. A network that
// never schedules behaves exactly as before (attach defaults to doing nothing). Decisions about a
// packet stay "at send time", per copy, so traces remain comparable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <span>
#include <string_view>
#include <vector>

#include "engine/ids.h"
#include "engine/time.h"
#include "sim/trace.h"

namespace quorate::sim {

// Why a packet never arrived. Traced as `drop:<name>`. The first six are the World's own and keep
// their names and values (trace hashes depend on them); the rest come from the virtual network
// (sim/net), which reports the FIRST reason a frame that delivered no copy met on its path.
enum class DropReason : uint8_t {
  kLoss,         // "loss": Bernoulli loss on a wire
  kUnknownNode,  // "unknown-node": no such receiver in the world
  kNoLink,       // "no-link": the sender or receiver has no interface bound for the link
  kPartition,    // "partition": a host- or NIC-level cut rule
  kNodeDown,     // "node-down": the receiver is down
  kQueueFull,    // "queue-full": tail drop at a bandwidth-limited queue
  // --- the virtual network's reasons
  kBurstLoss,        // "burst-loss": Gilbert-Elliott loss (kept apart from Bernoulli loss)
  kCorruption,       // "corruption": bit errors; the receiver's FCS check discards the frame
  kMtu,              // "mtu": larger than a NIC's MTU or a wire's black-hole threshold
  kSilentTx,         // "silent-tx": the sending NIC has carrier but its TX path is dead
  kSilentRx,         // "silent-rx": the receiving NIC has carrier but its RX path is dead
  kCarrier,          // "carrier": a NIC on the path has no carrier (its own, or its switch is off)
  kSwitchDown,       // "switch-down": the frame reached a powered-off switch
  kSwitchSilent,     // "switch-silent": the frame reached a silently failed switch
  kNoPath,           // "no-path": no cable, different networks, no switch port towards the receiver
  kStaleMac,         // "stale-mac": a MAC table sent the frame to a port the receiver is not on
  kIngressFiltered,  // "ingress-filtered": a bond's inactive member or a LAG port not collecting
  kBondDown,         // "bond-down": the sender's bond has no carrier (no member up, min_links)
  kNoMember,         // "no-member": the sender's bond (or LAG) has no member that may transmit
};
inline constexpr int kDropReasonCount = 19;
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

// A scheduled network event; 0 is never a valid id.
struct NetEventId {
  uint64_t value = 0;
  constexpr bool valid() const { return value != 0; }
  constexpr auto operator<=>(const NetEventId&) const = default;
};

// What the World offers a network for its own timed behaviour (see the header comment).
// Labels and field keys have static storage (string literals), as everywhere in the trace.
class NetworkScheduler {
 public:
  using Callback = std::function<void(Instant now)>;
  virtual ~NetworkScheduler() = default;
  // The World's current global time.
  virtual Instant now() const = 0;
  // Runs `callback(at)` at global time `at` (>= now()). `node` = the host concerned (NodeId{}:
  // the fabric). `label` starts with "net.".
  virtual NetEventId schedule(Instant at, NodeId node, std::string_view label,
                              Callback callback) = 0;
  // Removes a pending event; false if it already ran or was cancelled.
  virtual bool cancel(NetEventId id) = 0;
  // Traces `state:<label>` for `node` at now() with `fields`; `label` starts with "net.".
  virtual void note(NodeId node, std::string_view label, std::span<const TraceField> fields) = 0;
  void note(NodeId node, std::string_view label, std::initializer_list<TraceField> fields) {
    note(node, label, std::span<const TraceField>(fields.begin(), fields.size()));
  }
};

class Network {
 public:
  virtual ~Network() = default;
  // Called once by World::set_network, before any route(). The scheduler outlives the network's
  // use of it (the World owns both). Default: the network has no timed behaviour.
  virtual void attach(NetworkScheduler& scheduler) { static_cast<void>(scheduler); }
  // Fill `decision` (cleared by the caller) for one transmission.
  virtual void route(const Transmission& transmission, RouteDecision& decision) = 0;
};

}  // namespace quorate::sim
