#include "engine/echo_heartbeat.h"

#include <algorithm>
#include <utility>

#include "engine/check.h"

namespace quorate {
namespace {

void put_le(std::vector<std::byte>& out, size_t offset, uint64_t value, size_t width) {
  QUORATE_CHECK(offset + width <= out.size());
  for (size_t i = 0; i < width; ++i) {
    out[offset + i] = static_cast<std::byte>((value >> (8 * i)) & 0xff);
  }
}

uint64_t get_le(std::span<const std::byte> in, size_t offset, size_t width) {
  QUORATE_CHECK(offset + width <= in.size());
  uint64_t value = 0;
  for (size_t i = 0; i < width; ++i) {
    value |= static_cast<uint64_t>(std::to_integer<uint8_t>(in[offset + i])) << (8 * i);
  }
  return value;
}

template <typename T>
void sort_unique(std::vector<T>& values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
}

}  // namespace

EchoHeartbeat::EchoHeartbeat(EchoHeartbeatOptions options)
    : options_(std::move(options)), prng_(options_.seed) {
  sort_unique(options_.peers);
  sort_unique(options_.links);
  QUORATE_CHECK(options_.self.valid());
  QUORATE_CHECK(!options_.links.empty());
  QUORATE_CHECK(options_.interval > Duration::zero());
  for (const NodeId peer : options_.peers)
    QUORATE_CHECK(peer.valid() && peer != options_.self);
  for (const LinkId link : options_.links)
    QUORATE_CHECK(link.valid());
}

std::vector<std::byte> EchoHeartbeat::encode(const Message& message) {
  QUORATE_CHECK(message.kind == kPing || message.kind == kPong);
  QUORATE_CHECK(message.sender.valid());
  std::vector<std::byte> bytes(kPacketBytes);
  put_le(bytes, 0, kMagic, 2);
  put_le(bytes, 2, kVersion, 1);
  put_le(bytes, 3, message.kind, 1);
  put_le(bytes, 4, message.sender.value, 4);
  put_le(bytes, 8, message.seq, 8);
  put_le(bytes, 16, static_cast<uint64_t>(message.timestamp_ns), 8);
  return bytes;
}

uint8_t EchoHeartbeat::decode(std::span<const std::byte> bytes, Message& message) {
  if (bytes.size() != kPacketBytes) return static_cast<uint8_t>(EchoMalformed::kSize);
  if (get_le(bytes, 0, 2) != kMagic) return static_cast<uint8_t>(EchoMalformed::kMagic);
  if (get_le(bytes, 2, 1) != kVersion) return static_cast<uint8_t>(EchoMalformed::kVersion);
  message.kind = static_cast<uint8_t>(get_le(bytes, 3, 1));
  if (message.kind != kPing && message.kind != kPong) {
    return static_cast<uint8_t>(EchoMalformed::kKind);
  }
  message.sender = NodeId{static_cast<uint32_t>(get_le(bytes, 4, 4))};
  message.seq = get_le(bytes, 8, 8);
  message.timestamp_ns = static_cast<int64_t>(get_le(bytes, 16, 8));
  return 0;
}

uint8_t EchoHeartbeat::validate(LinkId link, NodeId from, const Message& message,
                                Instant now) const {
  if (message.sender != from) return static_cast<uint8_t>(EchoMalformed::kSender);
  if (!is_peer(from)) return static_cast<uint8_t>(EchoMalformed::kUnknownPeer);
  if (!is_link(link)) return static_cast<uint8_t>(EchoMalformed::kUnknownLink);
  if (message.kind == kPong) {
    if (message.timestamp_ns > now.ns()) {
      return static_cast<uint8_t>(EchoMalformed::kFutureTimestamp);
    }
    if (message.seq == 0 || message.seq > seq_)
      return static_cast<uint8_t>(EchoMalformed::kUnknownSeq);
  }
  return 0;
}

void EchoHeartbeat::on_packet(LinkId link, NodeId from, std::span<const std::byte> bytes,
                              Instant now, Outputs& out) {
  QUORATE_CHECK_MSG(now >= last_now_, "engine time went backwards");
  last_now_ = now;
  Message message;
  uint8_t reason = decode(bytes, message);
  if (reason == 0) reason = validate(link, from, message, now);
  if (reason != 0) {
    report_malformed(link, from, reason, bytes.size(), out);
    return;
  }
  if (message.kind == kPing) {
    const Message pong{kPong, options_.self, message.seq, message.timestamp_ns};
    out.send(link, from, encode(pong));
    ++counters_.pongs_sent;
    return;
  }
  QUORATE_CHECK(message.kind == kPong);
  on_pong(link, from, message, now, out);
}

void EchoHeartbeat::on_pong(LinkId link, NodeId from, const Message& message, Instant now,
                            Outputs& out) {
  const int64_t rtt_ns = now.ns() - message.timestamp_ns;
  QUORATE_CHECK(rtt_ns >= 0);  // validate() rejected future timestamps
  ++counters_.pongs_received;
  out.emit(Event{EventKind::kEchoRtt,
                 {{"peer", from.value},
                  {"link", link.value},
                  {"seq", static_cast<int64_t>(message.seq)},
                  {"rtt_ns", rtt_ns}}});
}

void EchoHeartbeat::report_malformed(LinkId link, NodeId from, uint8_t reason, size_t size,
                                     Outputs& out) {
  QUORATE_CHECK(reason > 0 && reason < kEchoMalformedKinds);
  ++counters_.malformed;
  ++counters_.malformed_by_reason[reason];
  out.emit(Event{EventKind::kEchoMalformed,
                 {{"from", from.value},
                  {"link", link.value},
                  {"reason", reason},
                  {"size", static_cast<int64_t>(size)}}});
}

void EchoHeartbeat::on_timer(Instant now, Outputs& out) {
  QUORATE_CHECK_MSG(now >= last_now_, "engine time went backwards");
  QUORATE_CHECK_MSG(running_, "woken while stopped: the driver ignored cancel_wake");
  QUORATE_CHECK_MSG(now >= next_round_, "woken before the requested time");
  last_now_ = now;
  send_round(now, out);
  next_round_ += options_.interval;
  while (next_round_ <= now) {  // woken late by more than an interval: skip, do not burst
    next_round_ += options_.interval;
    ++counters_.rounds_skipped;
  }
  QUORATE_CHECK(next_round_ > now);
  out.wake_at(next_round_);
}

void EchoHeartbeat::send_round(Instant now, Outputs& out) {
  ++seq_;
  ++counters_.rounds;
  const Message ping{kPing, options_.self, seq_, now.ns()};
  for (const LinkId link : options_.links) {
    for (const NodeId peer : options_.peers) {
      out.send(link, peer, encode(ping));
      ++counters_.pings_sent;
    }
  }
}

void EchoHeartbeat::on_command(const Command& command, Instant now, Outputs& out) {
  QUORATE_CHECK_MSG(now >= last_now_, "engine time went backwards");
  last_now_ = now;
  switch (command.kind) {
    case CommandKind::kStart: {
      if (running_) return;  // idempotent
      running_ = true;
      const int64_t phase_ns = prng_.uniform_i64(0, options_.interval.ns() - 1);
      next_round_ = now + Duration::from_ns(phase_ns);
      out.wake_at(next_round_);
      return;
    }
    case CommandKind::kStop:
      running_ = false;
      out.cancel_wake();
      return;
  }
  QUORATE_UNREACHABLE();
}

bool EchoHeartbeat::is_peer(NodeId id) const {
  return std::binary_search(options_.peers.begin(), options_.peers.end(), id);
}

bool EchoHeartbeat::is_link(LinkId id) const {
  return std::binary_search(options_.links.begin(), options_.links.end(), id);
}

}  // namespace quorate
