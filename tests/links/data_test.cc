// Upper-layer data in sim::World: fragmentation and reassembly (bounded), secauth (wrong key,
// clear, forged, replayed datagrams) and the status text.
#include <gtest/gtest.h>

#include "engine/links/secauth.h"
#include "tests/links/cluster.h"

namespace quorate::links::test {
namespace {

constexpr size_t kMiB = size_t{1} << 20;

size_t drops(Cluster& c, NodeId node, RxDrop reason) {
  return c.engine(node).layer().status().peers[0].drops[static_cast<size_t>(reason)];
}

std::vector<const Sent*> data_sent(Cluster& c, NodeId from, NodeId to) {
  std::vector<const Sent*> out;
  const size_t heartbeat_max = kHeaderBytes + kHeartbeatBodyBytes + kTagBytes;
  for (const Sent& s : c.net().log())
    if (s.from == from && s.to == to && s.size > heartbeat_max) out.push_back(&s);
  return out;
}

class Fragmentation : public ::testing::TestWithParam<bool> {};

TEST_P(Fragmentation, OneMebibyteMessageArrivesWhole) {
  ClusterOptions options;
  if (GetParam()) options.key = key_bytes(256, 1);
  Cluster c(options);
  const std::vector<std::byte> message = pattern_bytes(kMiB, 42);
  c.engine(kA).send_at(at_ms(5000), kB, message);
  c.run_until(at_ms(6000));
  ASSERT_EQ(c.engine(kB).deliveries().size(), 1u);
  EXPECT_EQ(c.engine(kB).deliveries()[0].from, kA);
  EXPECT_TRUE(c.engine(kB).deliveries()[0].bytes == message);
  const size_t mtu = c.engine(kA).layer().data_mtu();
  EXPECT_EQ(mtu, kDefaultMtu - kHeaderBytes - kDataBodyHeaderBytes - (GetParam() ? kTagBytes : 0));
  const std::vector<const Sent*> sent = data_sent(c, kA, kB);
  EXPECT_EQ(sent.size(), fragment_count(kMiB, mtu));
  for (const Sent* s : sent)
    EXPECT_LE(s->size, kDefaultMtu);
  EXPECT_EQ(c.engine(kB).layer().status().peers[0].reassembly_buffers, 0u);
}

INSTANTIATE_TEST_SUITE_P(ClearAndSecauth, Fragmentation, ::testing::Bool());

TEST(Reassembly, LostFragmentExpiresAndEvictionIsBounded) {
  ClusterOptions options;
  options.customize = [](NodeId, LinkLayerOptions& layer, LinkAppOptions&) {
    layer.reassembly_timeout = ms(2000);
    layer.reassembly_buffers_per_peer = 2;
  };
  Cluster c(options);
  // Drop the last fragment of every message sent before 9 s.
  c.net().set_drop([](const sim::Transmission& t) {
    return t.sent_at < at_ms(9000) && t.bytes.size() > 40 && t.bytes.size() < kDefaultMtu;
  });
  const size_t mtu = kDefaultMtu - kHeaderBytes - kDataBodyHeaderBytes;
  const size_t size = 3 * mtu + 10;  // 4 fragments, the last one short
  c.engine(kA).send_at(at_ms(5000), kB, pattern_bytes(size, 1));
  c.run_until(at_ms(8000));
  EXPECT_EQ(drops(c, kB, RxDrop::kReassemblyExpired), 1u);
  EXPECT_EQ(c.engine(kB).layer().status().peers[0].reassembly_buffers, 0u);
  for (int i = 0; i < 3; ++i)
    c.engine(kA).send_at(at_ms(8000 + i), kB, pattern_bytes(size, 2 + i));
  c.run_until(at_ms(8500));
  EXPECT_EQ(drops(c, kB, RxDrop::kReassemblyEvicted), 1u);  // 3 partial messages, room for 2
  EXPECT_EQ(c.engine(kB).layer().status().peers[0].reassembly_buffers, 2u);
  const std::vector<std::byte> whole = pattern_bytes(size, 9);
  c.engine(kA).send_at(at_ms(9500), kB, whole);
  c.run_until(at_ms(11'000));
  ASSERT_EQ(c.engine(kB).deliveries().size(), 1u);
  EXPECT_TRUE(c.engine(kB).deliveries()[0].bytes == whole);
  // The whole message needed a buffer too (evicting the older of the two partial ones); the
  // other partial one expired 2 s after it started.
  EXPECT_EQ(drops(c, kB, RxDrop::kReassemblyEvicted), 2u);
  EXPECT_EQ(drops(c, kB, RxDrop::kReassemblyExpired), 2u);
  EXPECT_EQ(c.engine(kB).layer().status().peers[0].reassembly_buffers, 0u);
}

TEST(Secauth, KeySizesFollowCorosyncKeygen) {
  EXPECT_TRUE(check_cluster_key(key_bytes(127, 1)).has_value());
  EXPECT_FALSE(check_cluster_key(key_bytes(128, 1)).has_value());
  EXPECT_FALSE(check_cluster_key(key_bytes(4096, 1)).has_value());
  EXPECT_TRUE(check_cluster_key(key_bytes(4097, 1)).has_value());
  LinkLayerOptions options;
  options.self = kA;
  options.links[0] = LinkOptions{};
  options.cluster_key = key_bytes(64, 1);
  const auto error = validate(options);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(*error, "cluster key is 64 bytes; corosync-keygen keys are 128..4096 bytes");
}

TEST(Secauth, SameKeyLinksUpAndEveryDatagramIsEncrypted) {
  ClusterOptions options;
  options.key = key_bytes(256, 7);
  Cluster c(options);
  c.net().set_capture(true);
  c.run_until(at_ms(5000));
  const Instant expected =
      Instant::epoch() + c.engine(kA).layer().tick_phase() + ms(1600) + Duration::from_us(200);
  EXPECT_EQ(c.event_time(kA, LinkEventKind::kLinkUp, kB, kLink0), expected);
  ASSERT_FALSE(c.net().log().empty());
  for (const Sent& s : c.net().log()) {
    Header h;
    ASSERT_EQ(decode_header(s.bytes, h), WireError::kOk);
    EXPECT_TRUE(h.encrypted);
    EXPECT_EQ(s.size, kHeaderBytes + kHeartbeatBodyBytes + kTagBytes);  // pings and pongs
  }
}

TEST(Secauth, WrongKeyNoLinkComesUp) {
  ClusterOptions options;
  options.key = key_bytes(256, 7);
  options.customize = [](NodeId self, LinkLayerOptions& layer, LinkAppOptions&) {
    if (self == kB) layer.cluster_key = key_bytes(256, 8);
  };
  Cluster c(options);
  c.run_until(at_ms(10'000));
  EXPECT_TRUE(c.engine(kA).link_events().empty());
  EXPECT_TRUE(c.engine(kB).link_events().empty());
  EXPECT_GT(drops(c, kA, RxDrop::kForged), 10u);
  EXPECT_GT(drops(c, kB, RxDrop::kForged), 10u);
  EXPECT_EQ(c.engine(kB).layer().status().peers[0].links[0].counters.tx_pong_packets, 0u);
}

TEST(Secauth, ClearForgedAndReplayedDatagramsAreDroppedAndCounted) {
  ClusterOptions options;
  options.key = key_bytes(256, 7);
  Cluster c(options);
  c.net().set_capture(true);
  c.engine(kA).send_at(at_ms(5000), kB, pattern_bytes(100, 3));
  c.run_until(at_ms(5100));
  ASSERT_EQ(c.engine(kB).deliveries().size(), 1u);
  const std::vector<const Sent*> data = data_sent(c, kA, kB);
  ASSERT_EQ(data.size(), 1u);
  const std::vector<std::byte> captured = data[0]->bytes;
  sim::World& w = c.world();
  // Clear text: a well-formed ping without encryption.
  std::vector<std::byte> clear;
  const HeaderBytes h = encode_header(Header{false, kA, kLink0, c.engine(kA).layer().boot(), 1});
  clear.assign(h.begin(), h.end());
  const std::vector<std::byte> ping = encode_heartbeat(PacketType::kPing, 5);
  clear.insert(clear.end(), ping.begin(), ping.end());
  w.inject_packet(at_ms(5200), kA, kLink0, kB, clear);
  // Forged: one ciphertext bit flipped; a header field changed (the header is the nonce/AD).
  std::vector<std::byte> flipped = captured;
  flipped[kHeaderBytes + 3] ^= std::byte{0x01};
  w.inject_packet(at_ms(5200), kA, data[0]->link, kB, flipped);
  std::vector<std::byte> renumbered = captured;
  renumbered[16] ^= std::byte{0x40};  // counter
  w.inject_packet(at_ms(5200), kA, data[0]->link, kB, renumbered);
  // Replay: the genuine datagram again.
  w.inject_packet(at_ms(5300), kA, data[0]->link, kB, captured);
  c.run_until(at_ms(5400));
  EXPECT_EQ(drops(c, kB, RxDrop::kClearText), 1u);
  EXPECT_EQ(drops(c, kB, RxDrop::kForged), 2u);
  EXPECT_EQ(drops(c, kB, RxDrop::kReplay), 1u);
  EXPECT_EQ(c.engine(kB).deliveries().size(), 1u);
  EXPECT_TRUE(c.hb(kB, kA, kLink0).connected());
}

TEST(Status, TextLikeCfgtool) {
  ClusterOptions options;
  options.app.traffic_interval = ms(100);
  Cluster c(options);
  c.run_until(at_ms(12'000));
  c.net().cut_both(kA, kB, kLink0);
  c.run_until(at_ms(16'000));
  const std::string text = status_text(c.engine(kA).layer().status());
  EXPECT_NE(text.find("Local node ID 1, transport knet, link_mode passive, secauth off, "
                      "data mtu 1428\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("nodeid: 2 reachable"), std::string::npos) << text;
  // Down 1.5 s after the cut; the backoff went back to 10 and decays once a second since.
  const int64_t backoff = c.hb(kA, kB, kLink0).backoff();
  EXPECT_GT(backoff, 1);
  EXPECT_LT(backoff, kBackoffMax);
  EXPECT_NE(
      text.find("   LINK: 0 enabled disconnected pri 1 latency_avg_us 200 backoff " +
                std::to_string(backoff) + " timeout_adj_ms " + std::to_string(1500 * backoff)),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("   LINK: 1 enabled connected pri 1 latency_avg_us 200 backoff 1 "
                      "timeout_adj_ms 1500"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(" up 1 down 1\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace quorate::links::test
