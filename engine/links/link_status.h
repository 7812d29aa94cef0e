// Status and counters of the link layer, and their text form (like `corosync-cfgtool -n`/`-s`).
//
// Plain values: LinkLayer::status() returns a snapshot the caller owns. Peers are listed in
// ascending node id, links in ascending link id (configured links only), drop reasons in enum
// order, so the text is a deterministic function of the layer's state.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ids.h"
#include "engine/links/link_options.h"
#include "engine/time.h"

namespace quorate::links {

// Why a received datagram (or a fragment, or a partial message) went nowhere.
enum class RxDrop : uint8_t {
  kMalformed,          // bad framing (wire.h WireError), before or after decryption
  kUnknownHost,        // `from` is not a configured peer
  kSenderMismatch,     // header sender differs from the transport's `from`
  kLinkMismatch,       // header link differs from the arrival link
  kLinkNotConfigured,  // the arrival link is not configured or not enabled here
  kClearText,          // a clear datagram while crypto is on
  kNoCrypto,           // an encrypted datagram while crypto is off
  kForged,             // did not authenticate under our key
  kReplay,             // crypto counter already seen, or older than the replay window
  kStaleBoot,          // secauth only: from a boot of the sender that was already superseded
  kUnreachable,        // data from a host with no connected link
  kDuplicate,          // data already delivered (active mode sends every packet on every link)
  kPongFuture,         // pong echoing a timestamp later than now
  kPongLate,           // pong with latency > ping_timeout (still refreshes pong_last, as knet)
  kReassemblyInvalid,  // fragment inconsistent with its message, or message too large
  kReassemblyEvicted,  // partial message evicted by the buffer-count bound (one per message)
  kReassemblyExpired,  // partial message older than reassembly_timeout (one per message)
};
inline constexpr size_t kRxDropCount = 17;
std::string_view to_string(RxDrop reason);
using DropCounts = std::array<uint64_t, kRxDropCount>;

// knet_link_status-like counters of one (peer, link). Bytes are datagram bytes on the wire.
struct LinkCounters {
  uint64_t tx_ping_packets = 0, tx_ping_bytes = 0;
  uint64_t tx_pong_packets = 0, tx_pong_bytes = 0;
  uint64_t tx_data_packets = 0, tx_data_bytes = 0;
  uint64_t rx_ping_packets = 0, rx_ping_bytes = 0;
  uint64_t rx_pong_packets = 0, rx_pong_bytes = 0;
  uint64_t rx_data_packets = 0, rx_data_bytes = 0;
  uint64_t up_count = 0, down_count = 0;
};

struct LinkStatus {
  LinkId link;
  bool enabled = false;
  bool connected = false;
  uint8_t priority = 1;  // as configured (local only)
  Duration latency_avg;
  uint32_t latency_samples = 0;
  int64_t backoff = 0;
  Duration pong_timeout_adj;
  std::optional<Instant> pong_last;  // since the last reset
  LinkCounters counters;
};

struct PeerStatus {
  NodeId host;
  bool reachable = false;
  std::vector<LinkStatus> links;  // configured links, ascending id
  DropCounts drops{};             // received from this peer and dropped
  uint64_t tx_unreachable = 0;    // messages not sent: the host was unreachable
  uint64_t messages_delivered = 0;
  uint64_t reassembly_buffers = 0;  // partial messages held right now
};

struct LayerStatus {
  NodeId self;
  LinkMode mode = LinkMode::kPassive;
  bool secauth = false;
  size_t data_mtu = 0;            // payload bytes per fragment
  std::vector<PeerStatus> peers;  // ascending id
  DropCounts drops{};             // all drops, including those from unknown senders
};

// Multi-line text, one block per peer and one line per link, e.g.
//   Local node ID 1, transport knet, link_mode passive, secauth off, data mtu 1428
//   nodeid: 2 reachable
//      LINK: 0 enabled connected pri 1 latency_avg_us 200 backoff 1 timeout_adj_ms 1500
//         tx ping/pong/data pkts 10/10/3 bytes 400/400/240 rx ping/pong/data pkts 10/10/3 ...
//      drops: duplicate=3
std::string status_text(const LayerStatus& status);

}  // namespace quorate::links
