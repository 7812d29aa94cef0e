// World: the deterministic simulation of one cluster.
//
// Owns the nodes (each: NodeId, Clock, Engine), the single EventQueue, the Network, the root seed
// and the Trace. Single-threaded; everything happens inside run_until()/run_until_idle()/step().
//
// Determinism rules this class keeps (and code extending it must keep):
// - One event queue ordered by (global time, insertion sequence). Every source of behaviour is
//   either the seed (through named streams: stream("net"), stream("node/3/engine")) or the order
//   of calls made by the code that built the world.
// - Everything is keyed by ids (NodeId, packet and delivery ids), never by pointers. Nodes live
//   in an ordered map; hash maps are used for lookup only and never iterated.
// - Engines see only their node's local time (Clock::to_local of the global event time), which
//   never goes backwards; a wake-up requested for local t fires at global Clock::to_global(t)
//   (or now, if that is already past), so local time at firing is >= t.
// - An engine's outputs are applied in order: each packet is traced as `send`, given to the
//   network and scheduled (or traced as `drop`); each event is traced (and observed). The
//   wake-up request is applied last.
// - Broadcast (kBroadcast) expands to every other node in ascending id order, one transmission
//   (and one packet id) per receiver.
//
// Ownership and lifetime: the World owns engines and the network; references returned by
// engine()/clock()/trace() live as long as the World. The observer is called synchronously.
// Not copyable or movable (engines may be referenced by tests); hold it in a unique_ptr.
//
// Network events: set_network() hands the network a NetworkScheduler (sim/network.h) backed by
// this World's queue; its events are queue entries like any other (Action::kNetwork), run in
// (time, seq) order, counted in WorldStats::network_events and traced as `state:net.<...>`.
// A network with perpetual timers (bond monitors, LACP) keeps the queue non-empty: run it with
// run_until(), not run_until_idle().
//
// Not yet: node crash/restart, clock changes after the run started (pending wake-ups would need
// rescheduling). Each is a new event Action.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "engine/ids.h"
#include "engine/prng.h"
#include "engine/seam.h"
#include "engine/time.h"
#include "sim/clock.h"
#include "sim/event_queue.h"
#include "sim/network.h"
#include "sim/trace.h"

namespace quorate::sim {

struct WorldOptions {
  uint64_t seed = 0;
  TraceOptions trace;
};

struct WorldStats {
  uint64_t events_processed = 0;  // queue entries handled (deliveries, wake-ups, commands)
  uint64_t packets_sent = 0;      // transmissions (a broadcast counts once per receiver)
  uint64_t packets_delivered = 0;
  uint64_t packets_dropped = 0;
  std::array<uint64_t, kDropReasonCount> drops_by_reason{};
  uint64_t timers_fired = 0;
  uint64_t commands = 0;
  uint64_t engine_events = 0;
  uint64_t network_events = 0;  // network-scheduled callbacks run
};

// Called for every engine event, after it was traced.
using EventObserver =
    std::function<void(Instant global, NodeId node, Instant local, const Event& event)>;

class World {
 public:
  explicit World(WorldOptions options);
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  uint64_t seed() const { return options_.seed; }
  // The generator of the named stream under this world's seed (engine/prng.h).
  Prng stream(std::string_view name) const { return Prng::for_stream(options_.seed, name); }
  uint64_t stream_seed(std::string_view name) const;

  // Must be set before the first packet is sent, once. Calls network->attach(scheduler).
  void set_network(std::unique_ptr<Network> network);
  // Adds a node at the current time. Precondition: id valid and not yet present.
  void add_node(NodeId id, Clock clock, std::unique_ptr<Engine> engine);
  // The command reaches the node's engine at global time `at` (>= now()).
  void schedule_command(Instant at, NodeId node, Command command);
  // Bytes arrive at `to` at global time `at` (>= now()) as if `from` sent them on `link`,
  // bypassing the network: fault injection and tests. Traced as `send` with inject=1.
  void inject_packet(Instant at, NodeId from, LinkId link, NodeId to, std::vector<std::byte> bytes);
  void observe_events(EventObserver observer) { observer_ = std::move(observer); }

  // Handles every queued event with time <= until, then sets now() = until (if later).
  // Returns the number of events handled.
  uint64_t run_until(Instant until);
  // Handles events until the queue is empty (returns true) or max_events were handled (false).
  bool run_until_idle(uint64_t max_events);
  // Handles the earliest event, if any. Returns false when the queue is empty.
  bool step();

  Instant now() const { return now_; }
  const Trace& trace() const { return trace_; }
  Trace& trace() { return trace_; }  // e.g. to stream it
  const WorldStats& stats() const { return stats_; }
  std::vector<NodeId> node_ids() const;  // ascending
  Engine& engine(NodeId id);
  const Clock& clock(NodeId id) const;
  size_t pending_events() const { return queue_.size(); }

 private:
  enum class Action : uint8_t { kDeliver, kWake, kCommand, kNetwork };
  struct Pending {
    Action action = Action::kDeliver;
    NodeId node;
    uint64_t id = 0;  // delivery id (kDeliver), command id (kCommand), event id (kNetwork)
  };
  struct NetEvent {
    std::string_view label;
    NetworkScheduler::Callback callback;
    EventHandle handle;
  };
  // The NetworkScheduler the network gets: a thin view of this World.
  class Scheduler final : public NetworkScheduler {
   public:
    explicit Scheduler(World& world) : world_(world) {}
    Instant now() const override { return world_.now_; }
    NetEventId schedule(Instant at, NodeId node, std::string_view label,
                        Callback callback) override;
    bool cancel(NetEventId id) override;
    void note(NodeId node, std::string_view label, std::span<const TraceField> fields) override;

   private:
    World& world_;
  };
  struct InFlight {
    uint64_t packet_id = 0;
    NodeId from;
    LinkId link;
    std::vector<std::byte> bytes;
  };
  struct NodeState {
    Clock clock;
    std::unique_ptr<Engine> engine;
    Instant last_local = Instant::from_ns(INT64_MIN);
    bool wake_pending = false;
    Instant wake_local;
    EventHandle wake_handle;
  };

  NodeState& node_state(NodeId id);
  Instant enter_local(NodeState& node);
  void handle(const EventQueue<Pending>::Entry& entry);
  void deliver(NodeId to, uint64_t delivery_id);
  void wake(NodeId id);
  void command(NodeId id, uint64_t command_id);
  void network_event(NodeId node, uint64_t event_id);
  void apply(NodeId id, Instant local);
  void apply_wake(NodeId id, NodeState& node, Instant local);
  void send(NodeId from, Instant local, SendPacket& packet);
  void transmit(NodeId from, Instant local, LinkId link, NodeId to, std::vector<std::byte> bytes,
                bool broadcast);
  void schedule_delivery(Instant at, uint64_t packet_id, NodeId from, LinkId link, NodeId to,
                         std::vector<std::byte> bytes);
  void record_drop(uint64_t packet_id, NodeId from, LinkId link, NodeId to, DropReason reason);
  void record_event(NodeId id, Instant local, const Event& event);

  WorldOptions options_;
  Instant now_;
  EventQueue<Pending> queue_;
  std::map<NodeId, NodeState> nodes_;
  std::unique_ptr<Network> network_;
  absl::flat_hash_map<uint64_t, InFlight> in_flight_;   // by delivery id; lookup only
  absl::flat_hash_map<uint64_t, Command> commands_;     // by command id; lookup only
  absl::flat_hash_map<uint64_t, NetEvent> net_events_;  // by event id; lookup only
  uint64_t next_net_event_id_ = 0;
  Scheduler scheduler_{*this};
  uint64_t next_packet_id_ = 0;
  uint64_t next_delivery_id_ = 0;
  uint64_t next_command_id_ = 0;
  Outputs outputs_;  // reused for every engine call
  RouteDecision decision_;
  Trace trace_;
  WorldStats stats_;
  EventObserver observer_;
};

}  // namespace quorate::sim
