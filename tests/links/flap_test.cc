// Links under light and heavy loss (research §2.2; knet threads_heartbeat.c, threads_rx.c).
//
// Finding: with corosync's derived timers (ping_interval = token/4, ping_timeout = token/2) one
// lost ping or pong takes a link down, in knet as here. Pings leave on the 200 ms tick once
// ping_interval has elapsed, so the real period P is ping_interval rounded UP to the tick (750 ->
// 800 ms) and 2 * P >= ping_timeout. After one missing pong the gap between accepted pongs is
// 2 * P, and the heartbeat declares the link down at the tick where now - pong_last >=
// pong_timeout_adj = ping_timeout * backoff + 2 * latency_avg (backoff 1 once it has decayed),
// which is 2 * P - rtt >= ping_timeout + 2 * rtt on any LAN. That is not a bug in the pong
// acceptance (every pong refreshes pong_last; the latency mean, jitter reordering and the
// echoed timestamp play no part at these spacings): it is the timer ratio. A link with headroom
// (2 * P < ping_timeout, e.g. ping_interval 400 ms with timeout 1500 ms) survives 1% loss.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/links/wire.h"
#include "tests/links/cluster.h"

namespace quorate::links::test {
namespace {

constexpr Duration kJitter = Duration::from_us(1500);

size_t downs(Cluster& c, NodeId node) {
  const auto& events = c.engine(node).link_events();
  return static_cast<size_t>(std::count_if(events.begin(), events.end(), [](const LinkEvent& e) {
    return e.kind == LinkEventKind::kLinkDown;
  }));
}

bool is_pong(const sim::Transmission& t) {
  Header header;
  Body body;
  return decode_header(t.bytes, header) == WireError::kOk &&
         decode_body(t.bytes.subspan(kHeaderBytes), body) == WireError::kOk &&
         body.type == PacketType::kPong;
}

ClusterOptions two_nodes(LinkOptions link) {
  ClusterOptions o;
  o.nodes = 2;
  o.links = 1;
  o.link = link;
  o.seed = 7;
  return o;
}

void impair(Cluster& c, double loss) {
  c.net().set_impairment(loss, kJitter, c.world().stream("net/impairment"));
}

// The mechanism on one lost pong (2 nodes, token 3000: interval 750 -> period 800, timeout 1500).
TEST(LinkFlap, OneLostPongTakesADefaultLinkDownAtTheTickAfterTwoPeriods) {
  Cluster c(two_nodes(corosync_link_defaults(ms(3000))));
  c.run_until(at_ms(20000));  // up, backoff decayed to 1
  const LinkHeartbeat& hb = c.hb(kA, kB, kLink0);
  ASSERT_TRUE(hb.connected());
  ASSERT_EQ(hb.backoff(), 1);
  const Instant last = *hb.pong_last();
  const Duration rtt = hb.latency_avg();
  ASSERT_EQ(rtt, Duration::from_us(200));
  const Instant lose_after = last + ms(1);
  bool dropped = false;
  c.net().set_drop([&](const sim::Transmission& t) {
    if (dropped || t.sent_at < lose_after || t.to != kA || !is_pong(t)) return false;
    dropped = true;
    return true;
  });
  c.run_until(last + ms(3000));
  ASSERT_TRUE(dropped);
  const std::optional<Instant> down = c.event_time(kA, LinkEventKind::kLinkDown, kB, kLink0);
  ASSERT_TRUE(down.has_value());
  // The pong after `last` was lost. `last` came one rtt after its ping's tick; the tick that
  // sends the ping two periods later sees now - pong_last = 1600 ms - rtt >= 1500 ms + 2 * rtt.
  EXPECT_EQ(*down - last, ms(1600) - rtt);
  // It comes back up on the third pong after the reset (pong_count 2).
  c.run_until(*down + ms(3000));
  EXPECT_TRUE(c.hb(kA, kB, kLink0).connected());
}

// 10 virtual minutes of 1% loss with 1.5 ms reordering jitter, corosync's default timers: the
// link flaps (as knet's would), but only because of lost heartbeats: never more downs than lost
// pings + pongs on the pair.
TEST(LinkFlap, LightLossFlapsDefaultTimersOncePerLostHeartbeatAtMost) {
  Cluster c(two_nodes(corosync_link_defaults(ms(3000))));
  impair(c, 0.01);
  c.run_until(at_ms(600000));
  size_t lost_heartbeats = 0;
  for (const Sent& s : c.net().log())
    lost_heartbeats += s.delivered ? 0 : 1;
  const size_t total = downs(c, kA) + downs(c, kB);
  std::printf("default timers, 1%% loss, 10 min: %zu link-downs, %zu lost datagrams\n", total,
              lost_heartbeats);
  EXPECT_GT(total, 0u) << "one lost pong must take a default-timer link down";
  EXPECT_LE(total, lost_heartbeats);
}

// With headroom (two missing pongs still inside ping_timeout) 1% loss never takes the link down.
TEST(LinkFlap, LightLossNeverTakesALinkWithHeadroomDown) {
  LinkOptions link = corosync_link_defaults(ms(3000));
  link.ping_interval = ms(400);  // period 400: three pongs must be lost in a row
  Cluster c(two_nodes(link));
  impair(c, 0.01);
  c.run_until(at_ms(600000));
  EXPECT_EQ(downs(c, kA), 0u);
  EXPECT_EQ(downs(c, kB), 0u);
  EXPECT_TRUE(c.hb(kA, kB, kLink0).connected());
  EXPECT_TRUE(c.hb(kB, kA, kLink0).connected());
}

// Heavy loss (60%): runs of lost heartbeats longer than ping_timeout are common; the link must
// go down, and it must come back up between the runs.
TEST(LinkFlap, HeavyLossTakesTheLinkDown) {
  LinkOptions link = corosync_link_defaults(ms(3000));
  link.ping_interval = ms(400);
  Cluster c(two_nodes(link));
  impair(c, 0.6);
  c.run_until(at_ms(600000));
  EXPECT_GT(downs(c, kA), 0u);
  EXPECT_GT(downs(c, kB), 0u);
  const auto& events = c.engine(kA).link_events();
  EXPECT_GT(std::count_if(events.begin(), events.end(),
                          [](const LinkEvent& e) { return e.kind == LinkEventKind::kLinkUp; }),
            1);
}

}  // namespace
}  // namespace quorate::links::test
