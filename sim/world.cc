#include "sim/world.h"

#include <utility>
#include <variant>

#include "engine/check.h"

namespace quorate::sim {
namespace {

// 32-bit digest of a payload for the trace (FNV-1a 64 folded), so content changes are visible.
int64_t payload_sum(std::span<const std::byte> bytes) {
  uint64_t hash = Trace::kEmptyHash;
  for (const std::byte b : bytes) {
    hash ^= std::to_integer<uint8_t>(b);
    hash *= 0x100000001b3ULL;
  }
  return static_cast<int64_t>((hash ^ (hash >> 32)) & 0xffffffffULL);
}

}  // namespace

World::World(WorldOptions options) : options_(options), trace_(options.trace) {}

uint64_t World::stream_seed(std::string_view name) const {
  return quorate::stream_seed(options_.seed, name);
}

void World::set_network(std::unique_ptr<Network> network) {
  QUORATE_CHECK(network != nullptr);
  QUORATE_CHECK_MSG(next_packet_id_ == 0, "set the network before any packet is sent");
  QUORATE_CHECK_MSG(network_ == nullptr, "the network is set once");
  network_ = std::move(network);
  network_->attach(scheduler_);
}

NetEventId World::Scheduler::schedule(Instant at, NodeId node, std::string_view label,
                                      Callback callback) {
  QUORATE_CHECK_MSG(at >= world_.now_, "a network event scheduled in the past");
  QUORATE_CHECK_MSG(label.starts_with("net."), "network labels start with \"net.\"");
  QUORATE_CHECK(callback != nullptr);
  const uint64_t id = ++world_.next_net_event_id_;
  const EventHandle handle = world_.queue_.push(at, Pending{Action::kNetwork, node, id});
  const bool inserted =
      world_.net_events_.emplace(id, NetEvent{label, std::move(callback), handle}).second;
  QUORATE_CHECK(inserted);
  return NetEventId{id};
}

bool World::Scheduler::cancel(NetEventId id) {
  const auto it = world_.net_events_.find(id.value);
  if (it == world_.net_events_.end()) return false;
  QUORATE_CHECK_MSG(world_.queue_.cancel(it->second.handle), "network event not in the queue");
  world_.net_events_.erase(it);
  return true;
}

void World::Scheduler::note(NodeId node, std::string_view label,
                            std::span<const TraceField> fields) {
  QUORATE_CHECK_MSG(label.starts_with("net."), "network labels start with \"net.\"");
  world_.trace_.record(TraceRecord{world_.now_, node, false, Instant{}, TraceKind::kState, label,
                                   std::vector<TraceField>(fields.begin(), fields.end())});
}

void World::add_node(NodeId id, Clock clock, std::unique_ptr<Engine> engine) {
  QUORATE_CHECK(id.valid());
  QUORATE_CHECK(engine != nullptr);
  QUORATE_CHECK_MSG(!nodes_.contains(id), "duplicate node id");
  const Instant local = clock.to_local(now_);
  trace_.record(
      TraceRecord{now_,
                  id,
                  true,
                  local,
                  TraceKind::kState,
                  "node.add",
                  {{"offset_ns", clock.offset().ns()}, {"drift_ppb", clock.drift_ppb_at(now_)}}});
  NodeState node;
  node.clock = std::move(clock);
  node.engine = std::move(engine);
  nodes_.emplace(id, std::move(node));
  QUORATE_CHECK(nodes_.contains(id));
}

void World::schedule_command(Instant at, NodeId node, Command command) {
  QUORATE_CHECK(at >= now_);
  QUORATE_CHECK_MSG(nodes_.contains(node), "command for an unknown node");
  const uint64_t id = ++next_command_id_;
  commands_.emplace(id, command);
  queue_.push(at, Pending{Action::kCommand, node, id});
}

void World::inject_packet(Instant at, NodeId from, LinkId link, NodeId to,
                          std::vector<std::byte> bytes) {
  QUORATE_CHECK(at >= now_);
  QUORATE_CHECK(link.valid());
  QUORATE_CHECK_MSG(nodes_.contains(to), "injected packet for an unknown node");
  const uint64_t packet_id = ++next_packet_id_;
  trace_.record(TraceRecord{now_,
                            from,
                            false,
                            Instant{},
                            TraceKind::kPacketSent,
                            "",
                            {{"link", link.value},
                             {"to", to.value},
                             {"pkt", static_cast<int64_t>(packet_id)},
                             {"len", static_cast<int64_t>(bytes.size())},
                             {"sum", payload_sum(bytes)},
                             {"inject", 1}}});
  schedule_delivery(at, packet_id, from, link, to, std::move(bytes));
}

uint64_t World::run_until(Instant until) {
  QUORATE_CHECK(until >= now_);
  uint64_t handled = 0;
  while (!queue_.empty() && queue_.next_time() <= until) {
    QUORATE_CHECK(step());
    ++handled;
  }
  now_ = until;
  QUORATE_CHECK(queue_.empty() || queue_.next_time() > now_);
  return handled;
}

bool World::run_until_idle(uint64_t max_events) {
  for (uint64_t i = 0; i < max_events; ++i) {
    if (!step()) return true;
  }
  return queue_.empty();
}

bool World::step() {
  if (queue_.empty()) return false;
  const EventQueue<Pending>::Entry entry = queue_.pop();
  QUORATE_CHECK_MSG(entry.at >= now_, "event queue went back in time");
  now_ = entry.at;
  ++stats_.events_processed;
  handle(entry);
  return true;
}

std::vector<NodeId> World::node_ids() const {
  std::vector<NodeId> ids;
  ids.reserve(nodes_.size());
  for (const auto& [id, node] : nodes_)
    ids.push_back(id);
  return ids;
}

Engine& World::engine(NodeId id) {
  return *node_state(id).engine;
}

const Clock& World::clock(NodeId id) const {
  const auto it = nodes_.find(id);
  QUORATE_CHECK_MSG(it != nodes_.end(), "unknown node");
  return it->second.clock;
}

World::NodeState& World::node_state(NodeId id) {
  const auto it = nodes_.find(id);
  QUORATE_CHECK_MSG(it != nodes_.end(), "unknown node");
  return it->second;
}

// The node's local time for an engine call at now_; enforces monotonicity per engine.
Instant World::enter_local(NodeState& node) {
  const Instant local = node.clock.to_local(now_);
  QUORATE_CHECK_MSG(local >= node.last_local, "local time went backwards");
  node.last_local = local;
  QUORATE_CHECK(outputs_.empty());
  return local;
}

void World::handle(const EventQueue<Pending>::Entry& entry) {
  switch (entry.payload.action) {
    case Action::kDeliver:
      deliver(entry.payload.node, entry.payload.id);
      return;
    case Action::kWake:
      wake(entry.payload.node);
      return;
    case Action::kCommand:
      command(entry.payload.node, entry.payload.id);
      return;
    case Action::kNetwork:
      network_event(entry.payload.node, entry.payload.id);
      return;
  }
  QUORATE_UNREACHABLE();
}

void World::deliver(NodeId to, uint64_t delivery_id) {
  auto it = in_flight_.find(delivery_id);
  QUORATE_CHECK_MSG(it != in_flight_.end(), "delivery of an unknown packet");
  const InFlight packet = std::move(it->second);
  in_flight_.erase(it);
  NodeState& node = node_state(to);
  const Instant local = enter_local(node);
  trace_.record(TraceRecord{now_,
                            to,
                            true,
                            local,
                            TraceKind::kPacketDelivered,
                            "",
                            {{"link", packet.link.value},
                             {"from", packet.from.value},
                             {"pkt", static_cast<int64_t>(packet.packet_id)},
                             {"len", static_cast<int64_t>(packet.bytes.size())}}});
  ++stats_.packets_delivered;
  node.engine->on_packet(packet.link, packet.from, packet.bytes, local, outputs_);
  apply(to, local);
}

void World::wake(NodeId id) {
  NodeState& node = node_state(id);
  QUORATE_CHECK_MSG(node.wake_pending, "a cancelled wake-up fired");
  node.wake_pending = false;
  const Instant local = enter_local(node);
  QUORATE_CHECK_MSG(local >= node.wake_local, "wake-up fired before the requested local time");
  trace_.record(TraceRecord{now_,
                            id,
                            true,
                            local,
                            TraceKind::kTimerFired,
                            "",
                            {{"late_ns", (local - node.wake_local).ns()}}});
  ++stats_.timers_fired;
  node.engine->on_timer(local, outputs_);
  apply(id, local);
}

void World::command(NodeId id, uint64_t command_id) {
  auto it = commands_.find(command_id);
  QUORATE_CHECK_MSG(it != commands_.end(), "unknown command id");
  const Command cmd = it->second;
  commands_.erase(it);
  NodeState& node = node_state(id);
  const Instant local = enter_local(node);
  trace_.record(TraceRecord{now_, id, true, local, TraceKind::kCommand, to_string(cmd.kind), {}});
  ++stats_.commands;
  node.engine->on_command(cmd, local, outputs_);
  apply(id, local);
}

void World::network_event(NodeId node, uint64_t event_id) {
  auto it = net_events_.find(event_id);
  QUORATE_CHECK_MSG(it != net_events_.end(), "unknown network event");
  NetEvent event = std::move(it->second);
  net_events_.erase(it);
  trace_.record(TraceRecord{now_,
                            node,
                            false,
                            Instant{},
                            TraceKind::kState,
                            event.label,
                            {{"ev", static_cast<int64_t>(event_id)}}});
  ++stats_.network_events;
  event.callback(now_);
}

void World::apply(NodeId id, Instant local) {
  for (OutputItem& item : outputs_.mutable_items()) {
    if (auto* packet = std::get_if<SendPacket>(&item)) {
      send(id, local, *packet);
    } else {
      record_event(id, local, std::get<Event>(item));
    }
  }
  apply_wake(id, node_state(id), local);
  outputs_.clear();
}

void World::apply_wake(NodeId id, NodeState& node, Instant local) {
  const WakeAction action = outputs_.wake_action();
  if (action == WakeAction::kUnchanged) return;
  if (node.wake_pending) {
    QUORATE_CHECK_MSG(queue_.cancel(node.wake_handle), "pending wake-up not in the queue");
    node.wake_pending = false;
  }
  if (action == WakeAction::kCancel) {
    trace_.record(TraceRecord{now_, id, true, local, TraceKind::kTimerCancel, "", {}});
    return;
  }
  QUORATE_CHECK(action == WakeAction::kSet);
  node.wake_local = outputs_.wake_time();
  Instant at = node.clock.to_global(node.wake_local);
  if (at < now_) at = now_;
  node.wake_handle = queue_.push(at, Pending{Action::kWake, id, 0});
  node.wake_pending = true;
  trace_.record(TraceRecord{now_,
                            id,
                            true,
                            local,
                            TraceKind::kTimerSet,
                            "",
                            {{"at_local", node.wake_local.ns()}, {"at_global", at.ns()}}});
}

void World::send(NodeId from, Instant local, SendPacket& packet) {
  if (packet.to != kBroadcast) {
    transmit(from, local, packet.link, packet.to, std::move(packet.bytes), false);
    return;
  }
  for (const auto& [id, node] : nodes_) {  // ordered map: ascending receiver id
    if (id != from) transmit(from, local, packet.link, id, packet.bytes, true);
  }
}

void World::transmit(NodeId from, Instant local, LinkId link, NodeId to,
                     std::vector<std::byte> bytes, bool broadcast) {
  QUORATE_CHECK_MSG(network_ != nullptr, "World::set_network was not called");
  const uint64_t packet_id = ++next_packet_id_;
  trace_.record(TraceRecord{now_,
                            from,
                            true,
                            local,
                            TraceKind::kPacketSent,
                            "",
                            {{"link", link.value},
                             {"to", to.value},
                             {"pkt", static_cast<int64_t>(packet_id)},
                             {"len", static_cast<int64_t>(bytes.size())},
                             {"sum", payload_sum(bytes)},
                             {"bcast", broadcast ? 1 : 0}}});
  ++stats_.packets_sent;
  if (!nodes_.contains(to)) {
    record_drop(packet_id, from, link, to, DropReason::kUnknownNode);
    return;
  }
  decision_.clear();
  network_->route(Transmission{now_, from, link, to, bytes, packet_id}, decision_);
  if (decision_.arrivals.empty()) {
    record_drop(packet_id, from, link, to, decision_.drop_reason);
    return;
  }
  const size_t copies = decision_.arrivals.size();
  for (size_t i = 0; i < copies; ++i) {
    const Instant at = decision_.arrivals[i];
    QUORATE_CHECK_MSG(at >= now_, "the network delivered a packet before it was sent");
    if (i + 1 == copies) {
      schedule_delivery(at, packet_id, from, link, to, std::move(bytes));
    } else {
      schedule_delivery(at, packet_id, from, link, to, bytes);
    }
  }
}

void World::schedule_delivery(Instant at, uint64_t packet_id, NodeId from, LinkId link, NodeId to,
                              std::vector<std::byte> bytes) {
  QUORATE_CHECK(at >= now_);
  const uint64_t delivery_id = ++next_delivery_id_;
  const bool inserted =
      in_flight_.emplace(delivery_id, InFlight{packet_id, from, link, std::move(bytes)}).second;
  QUORATE_CHECK(inserted);
  queue_.push(at, Pending{Action::kDeliver, to, delivery_id});
}

void World::record_drop(uint64_t packet_id, NodeId from, LinkId link, NodeId to,
                        DropReason reason) {
  const auto index = static_cast<size_t>(reason);
  QUORATE_CHECK(index < stats_.drops_by_reason.size());
  trace_.record(TraceRecord{
      now_,
      to,
      false,
      Instant{},
      TraceKind::kPacketDropped,
      to_string(reason),
      {{"link", link.value}, {"from", from.value}, {"pkt", static_cast<int64_t>(packet_id)}}});
  ++stats_.packets_dropped;
  ++stats_.drops_by_reason[index];
}

void World::record_event(NodeId id, Instant local, const Event& event) {
  TraceRecord record{now_, id, true, local, TraceKind::kEngineEvent, to_string(event.kind), {}};
  record.fields.reserve(event.fields.size());
  for (const EventField& f : event.fields)
    record.fields.push_back(TraceField{f.key, f.value});
  trace_.record(std::move(record));
  ++stats_.engine_events;
  if (observer_) observer_(now_, id, local, event);
}

}  // namespace quorate::sim
