#include "engine/links/link_options.h"

#include <algorithm>
#include <cstdint>

#include "engine/check.h"
#include "engine/links/secauth.h"
#include "engine/links/wire.h"

namespace quorate::links {
namespace {

std::optional<std::string> validate_link(int id, const LinkOptions& link) {
  const std::string where = "link " + std::to_string(id) + ": ";
  if (link.ping_interval <= Duration::zero()) return where + "ping_interval must be > 0";
  if (link.ping_timeout <= Duration::zero()) return where + "ping_timeout must be > 0";
  if (link.pong_count < 1) return where + "pong_count must be >= 1";
  if (link.ping_precision < 1) return where + "ping_precision must be >= 1";
  if (link.mtu < kMinMtu || link.mtu > kMaxMtu) {
    return where + "mtu must be in [" + std::to_string(kMinMtu) + ", " + std::to_string(kMaxMtu) +
           "]";
  }
  return std::nullopt;
}

std::optional<std::string> validate_hosts(const LinkLayerOptions& options) {
  if (!options.self.valid()) return "self node id must be in 1..65535";
  for (const NodeId peer : options.peers) {
    if (!peer.valid()) return "peer node id " + to_string(peer) + " is not in 1..65535";
    if (peer == options.self) return "peer list contains self";
  }
  return std::nullopt;
}

std::optional<std::string> validate_bounds(const LinkLayerOptions& options) {
  if (options.max_message_bytes < 1) return "max_message_bytes must be >= 1";
  if (options.reassembly_buffers_per_peer < 1) return "reassembly_buffers_per_peer must be >= 1";
  if (options.reassembly_timeout <= Duration::zero()) return "reassembly_timeout must be > 0";
  if (options.dedup_window < 64 || options.dedup_window % 64 != 0) {
    return "dedup_window must be a positive multiple of 64";
  }
  if (options.replay_window < 64 || options.replay_window % 64 != 0) {
    return "replay_window must be a positive multiple of 64";
  }
  if (options.tick_phase &&
      (*options.tick_phase < Duration::zero() || *options.tick_phase >= kHeartbeatTick)) {
    return "tick_phase must be in [0, 200ms)";
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(LinkMode mode) {
  switch (mode) {
    case LinkMode::kPassive:
      return "passive";
    case LinkMode::kActive:
      return "active";
    case LinkMode::kRr:
      return "rr";
  }
  QUORATE_UNREACHABLE();
}

PingTimers corosync_ping_timers(Duration runtime_token, uint8_t pong_count) {
  QUORATE_CHECK(runtime_token > Duration::zero());
  QUORATE_CHECK(pong_count >= 1);
  PingTimers timers;
  timers.pong_count = pong_count;
  timers.ping_timeout = runtime_token / pong_count;
  timers.ping_interval = runtime_token / (2 * int64_t{pong_count});
  QUORATE_CHECK(timers.ping_interval <= timers.ping_timeout);
  return timers;
}

LinkOptions corosync_link_defaults(Duration runtime_token) {
  const PingTimers timers = corosync_ping_timers(runtime_token);
  LinkOptions link;
  link.ping_interval = timers.ping_interval;
  link.ping_timeout = timers.ping_timeout;
  link.pong_count = timers.pong_count;
  link.ping_precision = timers.ping_precision;
  return link;
}

std::optional<std::string> validate(const LinkLayerOptions& options) {
  if (auto error = validate_hosts(options)) return error;
  bool any_link = false;
  for (int id = 0; id < kMaxLinks; ++id) {
    if (!options.links[id]) continue;
    any_link = true;
    if (auto error = validate_link(id, *options.links[id])) return error;
  }
  if (!any_link) return "at least one link must be configured";
  if (!options.cluster_key.empty()) {
    if (auto error = check_cluster_key(options.cluster_key)) return error;
  }
  if (auto error = validate_bounds(options)) return error;
  if (options.max_message_bytes > UINT32_MAX ||
      (options.max_message_bytes + data_mtu(options) - 1) / data_mtu(options) > kMaxFragments) {
    return "max_message_bytes needs more than 65535 fragments at the smallest link MTU";
  }
  return std::nullopt;
}

size_t data_mtu(const LinkLayerOptions& options) {
  size_t smallest = kMaxMtu;
  bool any_link = false;
  for (const std::optional<LinkOptions>& link : options.links) {
    if (!link) continue;
    any_link = true;
    smallest = std::min(smallest, link->mtu);
  }
  QUORATE_CHECK(any_link);
  const size_t overhead =
      kHeaderBytes + kDataBodyHeaderBytes + (options.cluster_key.empty() ? 0 : kTagBytes);
  QUORATE_CHECK(smallest > overhead);
  return smallest - overhead;
}

}  // namespace quorate::links
