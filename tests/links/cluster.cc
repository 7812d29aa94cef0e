#include "tests/links/cluster.h"

#include <string>

#include "engine/check.h"
#include "engine/prng.h"

namespace quorate::links::test {

Cluster::Cluster(const ClusterOptions& options) {
  world_ = std::make_unique<sim::World>(sim::WorldOptions{options.seed, {}});
  auto net = std::make_unique<CutNetwork>(options.latency);
  net_ = net.get();
  world_->set_network(std::move(net));
  for (int i = 1; i <= options.nodes; ++i) {
    const NodeId self{static_cast<uint32_t>(i)};
    LinkLayerOptions layer;
    layer.self = self;
    for (int p = 1; p <= options.nodes; ++p)
      if (p != i) layer.peers.push_back(NodeId{static_cast<uint32_t>(p)});
    for (int l = 0; l < options.links; ++l)
      layer.links[l] = options.link;
    layer.mode = options.mode;
    layer.cluster_key = options.key;
    layer.seed = world_->stream_seed("node/" + std::to_string(i) + "/links");
    LinkAppOptions app = options.app;
    if (options.customize) options.customize(self, layer, app);
    world_->add_node(self, sim::Clock{}, std::make_unique<LinkEngine>(layer, app));
    world_->schedule_command(Instant::epoch(), self, Command{CommandKind::kStart});
  }
}

LinkEngine& Cluster::engine(NodeId id) {
  return static_cast<LinkEngine&>(world_->engine(id));
}

const LinkHeartbeat& Cluster::hb(NodeId node, NodeId peer, LinkId link) {
  const LinkHeartbeat* heartbeat = engine(node).layer().heartbeat(peer, link);
  QUORATE_CHECK(heartbeat != nullptr);
  return *heartbeat;
}

std::optional<Instant> Cluster::event_time(NodeId node, LinkEventKind kind, NodeId peer,
                                           LinkId link, Instant from) {
  for (const LinkEvent& e : engine(node).link_events()) {
    const bool link_matters = kind == LinkEventKind::kLinkUp || kind == LinkEventKind::kLinkDown;
    if (e.kind == kind && e.host == peer && (!link_matters || e.link == link) && e.at >= from) {
      return e.at;
    }
  }
  return std::nullopt;
}

std::vector<std::byte> pattern_bytes(size_t size, uint64_t seed) {
  Prng prng(seed);
  std::vector<std::byte> bytes(size);
  for (std::byte& b : bytes)
    b = static_cast<std::byte>(prng.next_u64() & 0xff);
  return bytes;
}

std::vector<std::byte> key_bytes(size_t size, uint64_t seed) {
  return pattern_bytes(size, seed ^ 0x6b657973ULL);
}

}  // namespace quorate::links::test
