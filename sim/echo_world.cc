#include "sim/echo_world.h"

#include <string>
#include <utility>
#include <vector>

#include "engine/check.h"
#include "engine/echo_heartbeat.h"
#include "sim/clock.h"
#include "sim/fixed_latency_network.h"

namespace quorate::sim {
namespace {

Clock make_clock(const World& world, const EchoWorldOptions& options, int k, NodeId id) {
  int64_t offset_ns = 0;
  if (options.clock_offset_max > Duration::zero()) {
    Prng prng = world.stream("node/" + to_string(id) + "/clock");
    offset_ns = prng.uniform_i64(0, options.clock_offset_max.ns() - 1);
  }
  int64_t drift_ppb = 0;
  if (options.nodes > 1) {
    drift_ppb = options.drift_ppb_max * (2 * k - (options.nodes - 1)) / (options.nodes - 1);
  }
  QUORATE_CHECK(drift_ppb >= -options.drift_ppb_max && drift_ppb <= options.drift_ppb_max);
  return Clock(Duration::from_ns(offset_ns), drift_ppb);
}

}  // namespace

std::unique_ptr<World> make_echo_world(const EchoWorldOptions& options) {
  QUORATE_CHECK(options.nodes >= 1 && static_cast<uint32_t>(options.nodes) <= kMaxNodeId);
  QUORATE_CHECK(options.links >= 1 && options.links <= kMaxLinks);
  QUORATE_CHECK(options.drift_ppb_max >= 0 && options.drift_ppb_max <= Clock::kDriftPpbMax);
  auto world = std::make_unique<World>(WorldOptions{options.seed, options.trace});
  world->set_network(std::make_unique<FixedLatencyNetwork>(
      FixedLatencyOptions{options.latency, options.loss_probability}, world->stream("net")));
  std::vector<NodeId> ids;
  for (int k = 0; k < options.nodes; ++k)
    ids.push_back(NodeId{static_cast<uint32_t>(k + 1)});
  std::vector<LinkId> links;
  for (int l = 0; l < options.links; ++l)
    links.push_back(LinkId{static_cast<uint8_t>(l)});
  for (int k = 0; k < options.nodes; ++k) {
    const NodeId id = ids[k];
    EchoHeartbeatOptions engine{
        id, {}, links, options.interval, world->stream_seed("node/" + to_string(id) + "/engine")};
    for (const NodeId peer : ids) {
      if (peer != id) engine.peers.push_back(peer);
    }
    world->add_node(id, make_clock(*world, options, k, id),
                    std::make_unique<EchoHeartbeat>(std::move(engine)));
    world->schedule_command(Instant::epoch(), id, Command{CommandKind::kStart});
  }
  QUORATE_CHECK(world->node_ids().size() == ids.size());
  return world;
}

}  // namespace quorate::sim
