#include "engine/links/link_status.h"

#include "absl/strings/str_cat.h"
#include "engine/check.h"

namespace quorate::links {
namespace {

std::string drops_text(const DropCounts& drops) {
  std::string text;
  for (size_t i = 0; i < kRxDropCount; ++i) {
    if (drops[i] == 0) continue;
    absl::StrAppend(&text, text.empty() ? "" : " ", std::string(to_string(static_cast<RxDrop>(i))),
                    "=", drops[i]);
  }
  return text.empty() ? "none" : text;
}

void append_link(const LinkStatus& link, std::string& out) {
  const LinkCounters& c = link.counters;
  absl::StrAppend(&out, "   LINK: ", link.link.value, link.enabled ? " enabled" : " disabled",
                  link.connected ? " connected" : " disconnected", " pri ", link.priority,
                  " latency_avg_us ", link.latency_avg.us(), " backoff ", link.backoff,
                  " timeout_adj_ms ", link.pong_timeout_adj.ms(), "\n");
  absl::StrAppend(&out, "      tx ping/pong/data pkts ", c.tx_ping_packets, "/", c.tx_pong_packets,
                  "/", c.tx_data_packets, " bytes ", c.tx_ping_bytes, "/", c.tx_pong_bytes, "/",
                  c.tx_data_bytes, "\n");
  absl::StrAppend(&out, "      rx ping/pong/data pkts ", c.rx_ping_packets, "/", c.rx_pong_packets,
                  "/", c.rx_data_packets, " bytes ", c.rx_ping_bytes, "/", c.rx_pong_bytes, "/",
                  c.rx_data_bytes, " up ", c.up_count, " down ", c.down_count, "\n");
}

}  // namespace

std::string_view to_string(RxDrop reason) {
  switch (reason) {
    case RxDrop::kMalformed:
      return "malformed";
    case RxDrop::kUnknownHost:
      return "unknown-host";
    case RxDrop::kSenderMismatch:
      return "sender-mismatch";
    case RxDrop::kLinkMismatch:
      return "link-mismatch";
    case RxDrop::kLinkNotConfigured:
      return "link-not-configured";
    case RxDrop::kClearText:
      return "clear-text";
    case RxDrop::kNoCrypto:
      return "no-crypto";
    case RxDrop::kForged:
      return "forged";
    case RxDrop::kReplay:
      return "replay";
    case RxDrop::kStaleBoot:
      return "stale-boot";
    case RxDrop::kUnreachable:
      return "unreachable";
    case RxDrop::kDuplicate:
      return "duplicate";
    case RxDrop::kPongFuture:
      return "pong-future";
    case RxDrop::kPongLate:
      return "pong-late";
    case RxDrop::kReassemblyInvalid:
      return "reassembly-invalid";
    case RxDrop::kReassemblyEvicted:
      return "reassembly-evicted";
    case RxDrop::kReassemblyExpired:
      return "reassembly-expired";
  }
  QUORATE_UNREACHABLE();
}

std::string status_text(const LayerStatus& status) {
  QUORATE_CHECK(status.self.valid());
  std::string out;
  absl::StrAppend(&out, "Local node ID ", status.self.value, ", transport knet, link_mode ",
                  std::string(to_string(status.mode)), ", secauth ", status.secauth ? "on" : "off",
                  ", data mtu ", status.data_mtu, "\n");
  for (const PeerStatus& peer : status.peers) {
    QUORATE_CHECK(peer.host.valid());
    absl::StrAppend(&out, "nodeid: ", peer.host.value,
                    peer.reachable ? " reachable" : " unreachable", " delivered ",
                    peer.messages_delivered, " tx_unreachable ", peer.tx_unreachable, "\n");
    for (const LinkStatus& link : peer.links)
      append_link(link, out);
    absl::StrAppend(&out, "   drops: ", drops_text(peer.drops), "\n");
  }
  absl::StrAppend(&out, "all drops: ", drops_text(status.drops), "\n");
  return out;
}

}  // namespace quorate::links
