#include "tests/ring/ring_cluster.h"

#include <string>

#include "engine/check.h"
#include "engine/links/link_options.h"
#include "engine/ring/ring_events.h"
#include "engine/seam.h"

namespace quorate::ring::test {

std::unique_ptr<sim::World> build_ring_world(const RingClusterOptions& options, RingNet** net_out) {
  auto world = std::make_unique<sim::World>(sim::WorldOptions{options.seed, {}});
  auto net = std::make_unique<RingNet>(options.net, world->stream("net"));
  if (net_out) *net_out = net.get();
  world->set_network(std::move(net));
  const RingOptions ring = corosync_ring_defaults(options.nodes);
  for (int i = 1; i <= options.nodes; ++i) {
    const NodeId self{static_cast<uint32_t>(i)};
    RingEngineOptions engine;
    engine.layer.self = self;
    for (int p = 1; p <= options.nodes; ++p)
      if (p != i) engine.layer.peers.push_back(NodeId{static_cast<uint32_t>(p)});
    engine.layer.links[0] = links::corosync_link_defaults(ring.token);
    engine.layer.seed = world->stream_seed("node/" + std::to_string(i) + "/links");
    engine.ring = ring;
    engine.app = options.app;
    if (options.customize) options.customize(self, engine);
    world->add_node(self, sim::Clock{}, std::make_unique<RingEngine>(engine));
    world->schedule_command(Instant::epoch(), self, Command{CommandKind::kStart});
  }
  return world;
}

RingCluster::RingCluster(const RingClusterOptions& options)
    : nodes_(options.nodes), ring_options_(corosync_ring_defaults(options.nodes)) {
  world_ = build_ring_world(options, &net_);
}

RingEngine& RingCluster::engine(NodeId id) {
  return static_cast<RingEngine&>(world_->engine(id));
}

std::vector<NodeId> RingCluster::all() const {
  std::vector<NodeId> ids;
  for (int i = 1; i <= nodes_; ++i)
    ids.push_back(NodeId{static_cast<uint32_t>(i)});
  return ids;
}

void RingCluster::isolate(NodeId id) {
  for (NodeId other : all()) {
    if (other == id) continue;
    net_->cut(id, other);
    net_->cut(other, id);
  }
}

void RingCluster::rejoin(NodeId id) {
  for (NodeId other : all()) {
    if (other == id) continue;
    net_->heal(id, other);
    net_->heal(other, id);
  }
}

void RingCluster::partition(const std::vector<NodeId>& side_a, const std::vector<NodeId>& side_b) {
  for (NodeId a : side_a) {
    for (NodeId b : side_b) {
      net_->cut(a, b);
      net_->cut(b, a);
    }
  }
}

bool RingCluster::converged(const std::vector<NodeId>& group) {
  for (NodeId id : group) {
    const Totem& t = engine(id).totem();
    if (t.state() != MembState::kOperational || t.members() != group) return false;
    if (t.ring_id() != engine(group.front()).totem().ring_id()) return false;
  }
  return true;
}

std::optional<Instant> RingCluster::run_until_converged(const std::vector<NodeId>& group,
                                                        Instant deadline) {
  while (world_->now() < deadline) {
    if (converged(group)) return world_->now();
    run_until(world_->now() + ms(10));
  }
  return converged(group) ? std::optional<Instant>(world_->now()) : std::nullopt;
}

std::optional<Instant> RingCluster::regular_change(NodeId at_node,
                                                   const std::vector<NodeId>& members,
                                                   Instant from) {
  const int64_t bits = node_bitset(members);
  for (const sim::TraceRecord& r : world_->trace().records()) {
    if (r.node != at_node || r.global < from || r.kind != sim::TraceKind::kEngineEvent) continue;
    if (r.label != to_string(EventKind::kRingConfChange)) continue;
    if (r.field("type") == 1 && r.field("members") == bits) return r.global;
  }
  return std::nullopt;
}

}  // namespace quorate::ring::test
