// Unit tests of the link layer's parts: heartbeat state machine, sequence windows, link
// selection, fragmentation, wire codec and option helpers.
#include <gtest/gtest.h>

#include "engine/links/fragments.h"
#include "engine/links/heartbeat.h"
#include "engine/links/link_options.h"
#include "engine/links/link_selection.h"
#include "engine/links/seq_window.h"
#include "engine/links/wire.h"
#include "tests/links/cluster.h"

namespace quorate::links {
namespace {

using test::at_ms;
using test::ms;

TEST(CorosyncTimers, DerivedFromRuntimeToken) {
  const PingTimers t = corosync_ping_timers(ms(3000));
  EXPECT_EQ(t.ping_interval, ms(750));
  EXPECT_EQ(t.ping_timeout, ms(1500));
  EXPECT_EQ(t.pong_count, 2);
  EXPECT_EQ(t.ping_precision, 2048u);
  const LinkOptions link = corosync_link_defaults(ms(1000));
  EXPECT_EQ(link.ping_interval, ms(250));
  EXPECT_EQ(link.ping_timeout, ms(500));
}

TEST(Heartbeat, UpOnPongCountPlusOnePong) {
  LinkOptions options;  // pong_count 2
  LinkHeartbeat hb(NodeId{2}, LinkId{0}, options);
  EXPECT_TRUE(hb.ping_due(at_ms(0)));
  hb.ping_sent(at_ms(0));
  EXPECT_FALSE(hb.ping_due(at_ms(749)));
  EXPECT_TRUE(hb.ping_due(at_ms(750)));
  EXPECT_EQ(hb.on_pong(at_ms(0), at_ms(1)), LinkHeartbeat::PongVerdict::kCounted);
  EXPECT_EQ(hb.on_pong(at_ms(800), at_ms(801)), LinkHeartbeat::PongVerdict::kCounted);
  EXPECT_FALSE(hb.connected());
  EXPECT_EQ(hb.on_pong(at_ms(1600), at_ms(1601)), LinkHeartbeat::PongVerdict::kUp);
  EXPECT_TRUE(hb.connected());
  EXPECT_EQ(hb.latency_avg(), ms(1));
  EXPECT_EQ(hb.latency_samples(), 3u);
}

TEST(Heartbeat, LatePongRefreshesButDoesNotCount) {
  LinkOptions options;
  LinkHeartbeat hb(NodeId{2}, LinkId{0}, options);
  EXPECT_EQ(hb.on_pong(at_ms(0), at_ms(1501)), LinkHeartbeat::PongVerdict::kLateDiscarded);
  EXPECT_EQ(hb.received_pong(), 0u);
  EXPECT_EQ(hb.pong_last(), at_ms(1501));
  EXPECT_EQ(hb.latency_samples(), 0u);
  EXPECT_EQ(hb.on_pong(at_ms(2000), at_ms(1999)), LinkHeartbeat::PongVerdict::kFuture);
}

TEST(Heartbeat, BackoffDecaysOncePerAdjustAndResetsOnTimeout) {
  LinkOptions options;
  LinkHeartbeat hb(NodeId{2}, LinkId{0}, options);
  EXPECT_EQ(hb.backoff(), kBackoffMax);
  EXPECT_EQ(hb.pong_timeout_adj(), ms(1500) * kBackoffMax);
  for (int i = 0; i < 3; ++i)
    hb.on_pong(at_ms(10), at_ms(12));  // latency 2 ms; 3rd pong: up
  ASSERT_TRUE(hb.connected());
  hb.adjust_timeout();
  EXPECT_EQ(hb.backoff(), kBackoffMax - 1);
  EXPECT_EQ(hb.pong_timeout_adj(), ms(1500) * 9 + ms(2) * kLatencyMultiplier);
  for (int i = 0; i < 20; ++i)
    hb.adjust_timeout();
  EXPECT_EQ(hb.backoff(), 1);
  EXPECT_EQ(hb.pong_timeout_adj(), ms(1500) + ms(4));
  EXPECT_FALSE(hb.check_timeout(at_ms(12) + ms(1503)));
  EXPECT_TRUE(hb.check_timeout(at_ms(12) + ms(1504)));
  EXPECT_FALSE(hb.connected());
  EXPECT_EQ(hb.backoff(), kBackoffMax);
  EXPECT_EQ(hb.received_pong(), 0u);
  EXPECT_FALSE(hb.pong_last().has_value());
  EXPECT_FALSE(hb.check_timeout(at_ms(100000)));  // no pong since the reset: nothing to judge
}

TEST(Heartbeat, LatencyMeanIsBoundedByPrecision) {
  LinkOptions options;
  options.ping_precision = 2;
  LinkHeartbeat hb(NodeId{2}, LinkId{0}, options);
  hb.on_pong(at_ms(0), at_ms(10));  // avg 10
  hb.on_pong(at_ms(0), at_ms(20));  // avg (10 + 20) / 2 = 15
  hb.on_pong(at_ms(0), at_ms(40));  // samples stay 2: (15 + 40) / 2 = 27.5
  EXPECT_EQ(hb.latency_samples(), 2u);
  EXPECT_EQ(hb.latency_avg(), Duration::from_us(27500));
}

TEST(SeqWindow, NewOnceDuplicateTooOld) {
  SeqWindow w(64);
  EXPECT_EQ(w.check(0), SeqWindow::Verdict::kTooOld);
  EXPECT_EQ(w.check(5), SeqWindow::Verdict::kNew);
  w.mark(5);
  EXPECT_EQ(w.check(5), SeqWindow::Verdict::kDuplicate);
  EXPECT_EQ(w.check(3), SeqWindow::Verdict::kNew);  // reordered, inside the window
  w.mark(3);
  EXPECT_EQ(w.check(3), SeqWindow::Verdict::kDuplicate);
  w.mark(100);
  EXPECT_EQ(w.check(36), SeqWindow::Verdict::kTooOld);
  EXPECT_EQ(w.check(37), SeqWindow::Verdict::kNew);
  EXPECT_EQ(w.check(5), SeqWindow::Verdict::kTooOld);
  w.mark(300);  // a jump beyond the window clears it
  EXPECT_EQ(w.check(299), SeqWindow::Verdict::kNew);
  w.reset();
  EXPECT_EQ(w.check(1), SeqWindow::Verdict::kNew);
}

TEST(LinkSelection, PassiveHighestPriorityTiesToLowestIdZeroIsOne) {
  const std::vector<LinkCandidate> a{{LinkId{0}, 1}, {LinkId{1}, 20}, {LinkId{2}, 20}};
  EXPECT_EQ(passive_choice(a), LinkId{1});
  const std::vector<LinkCandidate> b{{LinkId{0}, 0}, {LinkId{1}, 1}};
  EXPECT_EQ(passive_choice(b), LinkId{0});  // 0 counts as 1: tie, lowest id
  const std::vector<LinkCandidate> c{{LinkId{3}, 5}};
  EXPECT_EQ(passive_choice(c), LinkId{3});
}

TEST(LinkSelection, RoundRobinAndActive) {
  const std::vector<LinkCandidate> usable{{LinkId{0}, 1}, {LinkId{2}, 1}, {LinkId{5}, 1}};
  LinkSelector rr(LinkMode::kRr);
  std::vector<LinkId> out;
  std::vector<uint8_t> order;
  for (int i = 0; i < 6; ++i) {
    rr.select(usable, out);
    ASSERT_EQ(out.size(), 1u);
    order.push_back(out[0].value);
  }
  EXPECT_EQ(order, (std::vector<uint8_t>{0, 2, 5, 0, 2, 5}));
  LinkSelector active(LinkMode::kActive);
  active.select(usable, out);
  EXPECT_EQ(out.size(), 3u);
  active.select({}, out);
  EXPECT_TRUE(out.empty());
}

TEST(Fragments, SplitAndReassembleOutOfOrder) {
  const std::vector<std::byte> message = test::pattern_bytes(1000, 7);
  const size_t n = fragment_count(message.size(), 300);
  ASSERT_EQ(n, 4u);
  Reassembler r(ReassemblyLimits{});
  std::vector<std::byte> out;
  uint64_t evicted = 0;
  for (size_t i : {3u, 1u, 0u}) {
    const auto frag = fragment_of(message, 300, i);
    EXPECT_EQ(r.add({9, 1000, static_cast<uint16_t>(i), 4}, frag, at_ms(0), out, evicted),
              Reassembler::Result::kIncomplete);
  }
  EXPECT_EQ(r.add({9, 1000, 1, 4}, fragment_of(message, 300, 1), at_ms(0), out, evicted),
            Reassembler::Result::kDuplicate);
  EXPECT_EQ(r.add({9, 1000, 2, 4}, fragment_of(message, 300, 2), at_ms(0), out, evicted),
            Reassembler::Result::kComplete);
  EXPECT_EQ(out, message);
  EXPECT_EQ(r.buffers(), 0u);
  EXPECT_EQ(evicted, 0u);
}

TEST(Fragments, BoundedInCountAndAge) {
  Reassembler r(ReassemblyLimits{2, ms(100), 1 << 20});
  std::vector<std::byte> out;
  uint64_t evicted = 0;
  const std::vector<std::byte> part(10, std::byte{1});
  for (uint64_t seq = 1; seq <= 3; ++seq)
    r.add({seq, 20, 0, 2}, part, at_ms(static_cast<int64_t>(seq)), out, evicted);
  EXPECT_EQ(evicted, 1u);  // the third partial message evicted the oldest
  EXPECT_EQ(r.buffers(), 2u);
  EXPECT_EQ(r.expire(at_ms(101)), 0u);
  EXPECT_EQ(r.expire(at_ms(102)), 1u);
  EXPECT_EQ(r.expire(at_ms(103)), 1u);
  EXPECT_EQ(r.add({5, 2u << 20, 0, 2}, part, at_ms(200), out, evicted),
            Reassembler::Result::kInvalid);  // larger than max_message_bytes
  EXPECT_EQ(r.add({6, 15, 0, 2}, part, at_ms(200), out, evicted), Reassembler::Result::kIncomplete);
  EXPECT_EQ(r.add({6, 15, 1, 2}, part, at_ms(200), out, evicted),
            Reassembler::Result::kInvalid);  // 20 bytes would exceed total_len 15
}

TEST(Wire, RoundTripAndRejections) {
  const Header h{true, NodeId{65535}, LinkId{7}, 0x1122334455667788ULL, 42};
  const HeaderBytes bytes = encode_header(h);
  Header back;
  ASSERT_EQ(decode_header(bytes, back), WireError::kOk);
  EXPECT_EQ(back.sender, h.sender);
  EXPECT_EQ(back.link, h.link);
  EXPECT_EQ(back.boot, h.boot);
  EXPECT_EQ(back.counter, h.counter);
  EXPECT_TRUE(back.encrypted);
  EXPECT_EQ(decode_header(std::span(bytes).first(23), back), WireError::kTooShort);
  HeaderBytes bad = bytes;
  bad[6] = std::byte{8};
  EXPECT_EQ(decode_header(bad, back), WireError::kLinkId);
  const std::vector<std::byte> payload(5, std::byte{9});
  const std::vector<std::byte> data = encode_data({3, 5, 0, 1}, payload);
  Body body;
  ASSERT_EQ(decode_body(data, body), WireError::kOk);
  EXPECT_EQ(body.type, PacketType::kData);
  EXPECT_EQ(body.data.seq, 3u);
  EXPECT_EQ(std::vector<std::byte>(body.payload.begin(), body.payload.end()), payload);
  EXPECT_EQ(decode_body(std::span(data).first(data.size() - 1), body), WireError::kFragment);
  const std::vector<std::byte> ping = encode_heartbeat(PacketType::kPing, -5);
  ASSERT_EQ(decode_body(ping, body), WireError::kOk);
  EXPECT_EQ(body.timestamp_ns, -5);
}

}  // namespace
}  // namespace quorate::links
