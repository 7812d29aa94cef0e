// EchoHeartbeat driven directly through the seam: rounds, pongs, RTT events, malformed input.
#include "engine/echo_heartbeat.h"

#include <gtest/gtest.h>

#include <variant>
#include <vector>

#include "engine/prng.h"

namespace quorate {
namespace {

Instant at_ns(int64_t ns) {
  return Instant::from_ns(ns);
}

EchoHeartbeatOptions options_for(uint32_t self) {
  EchoHeartbeatOptions o;
  o.self = NodeId{self};
  o.peers = {NodeId{3}, NodeId{2}, NodeId{1}};  // includes self? no: filtered below
  std::erase(o.peers, NodeId{self});
  o.links = {LinkId{1}, LinkId{0}};
  o.interval = Duration::from_ms(100);
  o.seed = 5;
  return o;
}

std::vector<SendPacket> packets(const Outputs& out) {
  std::vector<SendPacket> result;
  for (const OutputItem& item : out.items()) {
    if (const auto* p = std::get_if<SendPacket>(&item)) result.push_back(*p);
  }
  return result;
}

std::vector<Event> events(const Outputs& out) {
  std::vector<Event> result;
  for (const OutputItem& item : out.items()) {
    if (const auto* e = std::get_if<Event>(&item)) result.push_back(*e);
  }
  return result;
}

TEST(EchoHeartbeat, StartArmsTimerWithinOneInterval) {
  EchoHeartbeat engine(options_for(1));
  Outputs out;
  engine.on_command(Command{CommandKind::kStart}, at_ns(1000), out);
  ASSERT_EQ(out.wake_action(), WakeAction::kSet);
  EXPECT_GE(out.wake_time(), at_ns(1000));
  EXPECT_LT(out.wake_time(), at_ns(1000) + Duration::from_ms(100));
  EXPECT_TRUE(out.items().empty());
}

TEST(EchoHeartbeat, RoundPingsEveryPeerOnEveryLinkInOrder) {
  EchoHeartbeat engine(options_for(1));
  Outputs out;
  engine.on_command(Command{CommandKind::kStart}, at_ns(0), out);
  const Instant first = out.wake_time();
  out.clear();
  engine.on_timer(first, out);
  const std::vector<SendPacket> sent = packets(out);
  ASSERT_EQ(sent.size(), 4U);  // 2 links x 2 peers, links ascending then peers ascending
  EXPECT_EQ(sent[0].link, LinkId{0});
  EXPECT_EQ(sent[0].to, NodeId{2});
  EXPECT_EQ(sent[1].to, NodeId{3});
  EXPECT_EQ(sent[2].link, LinkId{1});
  EXPECT_EQ(out.wake_time(), first + Duration::from_ms(100));
  EXPECT_EQ(engine.counters().pings_sent, 4U);
}

TEST(EchoHeartbeat, PingPongMeasuresRoundTrip) {
  EchoHeartbeat a(options_for(1));
  EchoHeartbeat b(options_for(2));
  Outputs out;
  a.on_command(Command{CommandKind::kStart}, at_ns(0), out);
  const Instant t0 = out.wake_time();
  out.clear();
  a.on_timer(t0, out);
  const SendPacket ping = packets(out)[0];
  out.clear();
  b.on_packet(ping.link, NodeId{1}, ping.bytes, at_ns(5), out);  // b's clock is its own
  const std::vector<SendPacket> pongs = packets(out);
  ASSERT_EQ(pongs.size(), 1U);
  EXPECT_EQ(pongs[0].to, NodeId{1});
  EXPECT_EQ(pongs[0].link, ping.link);
  out.clear();
  a.on_packet(pongs[0].link, NodeId{2}, pongs[0].bytes, t0 + Duration::from_us(700), out);
  const std::vector<Event> ev = events(out);
  ASSERT_EQ(ev.size(), 1U);
  EXPECT_EQ(ev[0].kind, EventKind::kEchoRtt);
  EXPECT_EQ(ev[0].field("rtt_ns"), 700'000);
  EXPECT_EQ(ev[0].field("peer"), 2);
  EXPECT_EQ(ev[0].field("seq"), 1);
  EXPECT_EQ(a.counters().pongs_received, 1U);
  EXPECT_EQ(b.counters().pongs_sent, 1U);
}

TEST(EchoHeartbeat, MalformedPacketsAreCountedByReason) {
  EchoHeartbeat a(options_for(1));
  EchoHeartbeat b(options_for(2));
  Outputs out;
  a.on_command(Command{CommandKind::kStart}, at_ns(0), out);
  const Instant t0 = out.wake_time();
  out.clear();
  a.on_timer(t0, out);
  const std::vector<std::byte> ping = packets(out)[0].bytes;
  out.clear();
  const auto expect_reason = [&](std::vector<std::byte> bytes, NodeId from, LinkId link,
                                 EchoMalformed reason) {
    out.clear();
    b.on_packet(link, from, bytes, t0, out);
    const std::vector<Event> ev = events(out);
    ASSERT_EQ(ev.size(), 1U);
    EXPECT_EQ(ev[0].kind, EventKind::kEchoMalformed);
    EXPECT_EQ(ev[0].field("reason"), static_cast<int64_t>(reason));
    EXPECT_TRUE(packets(out).empty());
  };
  expect_reason({}, NodeId{1}, LinkId{0}, EchoMalformed::kSize);
  expect_reason(std::vector<std::byte>(25), NodeId{1}, LinkId{0}, EchoMalformed::kSize);
  auto bad = ping;
  bad[0] = std::byte{0};
  expect_reason(bad, NodeId{1}, LinkId{0}, EchoMalformed::kMagic);
  bad = ping;
  bad[2] = std::byte{9};
  expect_reason(bad, NodeId{1}, LinkId{0}, EchoMalformed::kVersion);
  bad = ping;
  bad[3] = std::byte{7};
  expect_reason(bad, NodeId{1}, LinkId{0}, EchoMalformed::kKind);
  expect_reason(ping, NodeId{3}, LinkId{0}, EchoMalformed::kSender);
  expect_reason(ping, NodeId{1}, LinkId{5}, EchoMalformed::kUnknownLink);
  // A pong for a round node 2 never sent (node 2 has sent no rounds).
  bad = ping;
  bad[3] = std::byte{EchoHeartbeat::kPong};
  expect_reason(bad, NodeId{1}, LinkId{0}, EchoMalformed::kUnknownSeq);
  EXPECT_EQ(b.counters().malformed, 8U);
  EXPECT_EQ(b.counters().malformed_by_reason[static_cast<int>(EchoMalformed::kSize)], 2U);
}

TEST(EchoHeartbeat, RandomBytesNeverCrash) {
  EchoHeartbeat engine(options_for(1));
  Outputs out;
  engine.on_command(Command{CommandKind::kStart}, at_ns(0), out);
  Prng prng(77);
  for (int i = 0; i < 20000; ++i) {
    out.clear();
    std::vector<std::byte> bytes(prng.uniform_u64(0, 40));
    for (std::byte& b : bytes)
      b = static_cast<std::byte>(prng.uniform_u64(0, 255));
    if (bytes.size() >= 4 && prng.bernoulli(0.5)) {  // valid header, random body
      bytes.resize(24);
      bytes[0] = std::byte{0x45};
      bytes[1] = std::byte{0x51};
      bytes[2] = std::byte{1};
      bytes[3] = std::byte{static_cast<uint8_t>(prng.uniform_u64(1, 2))};
    }
    engine.on_packet(LinkId{static_cast<uint8_t>(prng.uniform_u64(0, 7))},
                     NodeId{static_cast<uint32_t>(prng.uniform_u64(0, 4))}, bytes, at_ns(1), out);
  }
  const EchoHeartbeatCounters& c = engine.counters();
  EXPECT_EQ(c.malformed + c.pongs_sent + c.pongs_received, 20000U);
  EXPECT_GT(c.malformed, 0U);
}

TEST(EchoHeartbeat, StopCancelsWakeUp) {
  EchoHeartbeat engine(options_for(1));
  Outputs out;
  engine.on_command(Command{CommandKind::kStart}, at_ns(0), out);
  out.clear();
  engine.on_command(Command{CommandKind::kStop}, at_ns(1), out);
  EXPECT_EQ(out.wake_action(), WakeAction::kCancel);
  EXPECT_FALSE(engine.running());
}

TEST(EchoHeartbeatDeath, TimeGoingBackwardsIsABug) {
  EchoHeartbeat engine(options_for(1));
  Outputs out;
  engine.on_command(Command{CommandKind::kStart}, at_ns(100), out);
  EXPECT_DEATH(engine.on_packet(LinkId{0}, NodeId{2}, {}, at_ns(99), out), "backwards");
}

}  // namespace
}  // namespace quorate
