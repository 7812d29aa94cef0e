// Options of the knet-style link layer (engine/links/): per-link heartbeat timers, priority and
// MTU, the link-selection mode, the optional cluster key and the bounds of the receive buffers.
//
// Contract:
// - Plain values, copied into the LinkLayer at construction; nothing here is referenced later.
// - Units are in the types (Duration); raw integers are counts or bytes.
// - validate() is the one place that says which option sets are acceptable. The LinkLayer
//   check-fails on options validate() rejects, so callers turning user input (corosync.conf)
//   into options call validate() first and report its text.
// - Link N on this node pairs with link N on every peer (knet pairs links by id on the wire).
//   Priority is LOCAL only: it never reaches the wire, each node picks its own TX link.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ids.h"
#include "engine/time.h"

namespace quorate::links {

// knet's heartbeat thread period (KNET_THREADS_TIMERES, 1.x): every tick it sends due pings and
// checks pong timeouts; every kTicksPerAdjust-th tick it decays the backoff (about once a second).
inline constexpr Duration kHeartbeatTick = Duration::from_ms(200);
inline constexpr int kTicksPerAdjust = 5;
// Backoff multiplier at link creation and after every link-down (KNET_LINK_PONG_TIMEOUT_BACKOFF).
inline constexpr int64_t kBackoffMax = 10;
// pong_timeout_adj = ping_timeout * backoff + kLatencyMultiplier * latency_avg.
inline constexpr int64_t kLatencyMultiplier = 2;

// Smallest and largest accepted per-link MTU (bytes of one datagram on the wire). 576 is the
// IPv4 floor knet's PMTUd never goes below; the top is one UDP/IPv4 datagram.
inline constexpr size_t kMinMtu = 576;
inline constexpr size_t kMaxMtu = 65507;
// 1500-byte Ethernet minus IPv4 (20) and UDP (8) headers.
inline constexpr size_t kDefaultMtu = 1472;

enum class LinkMode : uint8_t {
  kPassive,  // one link per destination: highest priority among usable, ties to the lowest id
  kActive,   // every packet on every usable link; the receiver de-duplicates
  kRr,       // round-robin over usable links, one packet each
};
std::string_view to_string(LinkMode mode);

struct LinkOptions {
  bool enabled = true;
  uint8_t priority = 1;  // knet_link_priority 0..255; 0 is treated as 1 (effective_priority)
  Duration ping_interval = Duration::from_ms(750);
  Duration ping_timeout = Duration::from_ms(1500);
  uint8_t pong_count = 2;          // >= 1; UP on the (pong_count+1)-th valid pong
  uint32_t ping_precision = 2048;  // >= 1; latency mean over min(samples, precision)
  size_t mtu = kDefaultMtu;        // [kMinMtu, kMaxMtu]; fixed (no PMTUd, see link_layer.h)
};

constexpr uint8_t effective_priority(uint8_t priority) {
  return priority == 0 ? 1 : priority;
}

// corosync's totem_calc_knet_ping_timers: from the runtime token (token + (n-2) * coefficient),
// ping_timeout = token / pong_count and ping_interval = token / (2 * pong_count); with the default
// pong_count 2 that is token/2 and token/4 (3000 ms -> 1500 ms and 750 ms). Precision 2048.
struct PingTimers {
  Duration ping_interval;
  Duration ping_timeout;
  uint8_t pong_count = 2;
  uint32_t ping_precision = 2048;
};
PingTimers corosync_ping_timers(Duration runtime_token, uint8_t pong_count = 2);
// A LinkOptions with corosync's timers for `runtime_token` and every other field default.
LinkOptions corosync_link_defaults(Duration runtime_token);

struct LinkLayerOptions {
  NodeId self;
  std::vector<NodeId> peers;  // must not contain self; sorted and de-duplicated by the layer
  std::array<std::optional<LinkOptions>, kMaxLinks> links;  // configured links by id; >= 1
  LinkMode mode = LinkMode::kPassive;
  // Empty: no crypto (clear text). Otherwise corosync-keygen material, kMinKeyBytes..kMaxKeyBytes
  // raw bytes (secauth.h): every packet, pings included, is then authenticated and encrypted.
  std::vector<std::byte> cluster_key;
  // The layer's only randomness: the per-boot nonce prefix and the tick phase. A restarted node
  // MUST get a different seed (a repeated prefix would repeat nonces under the same key).
  uint64_t seed = 0;
  // First tick at start + tick_phase, then every kHeartbeatTick. Unset: drawn from the seed in
  // [0, kHeartbeatTick). Must be in [0, kHeartbeatTick).
  std::optional<Duration> tick_phase;
  size_t max_message_bytes = size_t{4} << 20;          // largest upper-layer message; >= 1
  size_t reassembly_buffers_per_peer = 8;              // >= 1; the oldest is evicted beyond this
  Duration reassembly_timeout = Duration::from_s(10);  // > 0; older partial messages expire
  size_t dedup_window = 1024;   // data sequence numbers remembered per sender; multiple of 64
  size_t replay_window = 1024;  // crypto counters remembered per sender and link; multiple of 64
};

// nullopt if `options` is acceptable, otherwise a one-line explanation.
std::optional<std::string> validate(const LinkLayerOptions& options);

// Upper-layer payload bytes per fragment: the smallest configured link MTU minus the link-layer
// headers (and the crypto tag when a key is set). Fixed for the layer's life (no PMTUd).
size_t data_mtu(const LinkLayerOptions& options);
// Largest fragment count a message may need (the wire field is u16).
inline constexpr size_t kMaxFragments = 65535;

}  // namespace quorate::links
