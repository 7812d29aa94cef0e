// Hostile bytes: a bounded, seeded fuzz loop feeds random and mutated datagrams to a LinkLayer
// (clear and with secauth) and checks it never crashes, counts every rejected datagram, and
// still works afterwards.
#include <gtest/gtest.h>

#include <numeric>

#include "engine/links/link_layer.h"
#include "engine/prng.h"
#include "tests/links/cluster.h"

namespace quorate::links::test {
namespace {

LinkLayerOptions layer_options(NodeId self, NodeId peer, bool secauth) {
  LinkLayerOptions options;
  options.self = self;
  options.peers = {peer};
  options.links[0] = LinkOptions{};
  options.links[1] = LinkOptions{};
  options.links[1]->mtu = 600;
  options.tick_phase = Duration::zero();
  options.seed = self.value;
  options.max_message_bytes = 64 << 10;
  if (secauth) options.cluster_key = key_bytes(256, 3);
  return options;
}

// Two layers wired back to back with zero latency; collects every datagram ever sent.
struct Pair {
  explicit Pair(bool secauth)
      : a(layer_options(kA, kB, secauth)), b(layer_options(kB, kA, secauth)) {}

  // Delivers `out`'s packets (from `from`) to the other layer, recursively, recording them.
  void flush(NodeId from, Outputs& out, Instant at) {
    std::vector<SendPacket> packets;
    for (OutputItem& item : out.mutable_items())
      packets.push_back(std::move(std::get<SendPacket>(item)));
    out.clear();
    for (const SendPacket& p : packets) {
      corpus.push_back(p.bytes);
      Outputs reply;
      (from == kA ? b : a).on_packet(p.link, from, p.bytes, at, reply, batch);
      flush(from == kA ? kB : kA, reply, at);
    }
  }
  void run_until(Instant until) {
    while (std::min(*a.next_wake(), *b.next_wake()) <= until) {
      const Instant t = std::min(*a.next_wake(), *b.next_wake());
      for (const NodeId id : {kA, kB}) {
        LinkLayer& layer = id == kA ? a : b;
        if (*layer.next_wake() > t) continue;
        Outputs out;
        layer.on_timer(t, out, batch);
        flush(id, out, t);
      }
      now = t;
    }
  }

  LinkLayer a;
  LinkLayer b;
  LinkBatch batch;
  Instant now;
  std::vector<std::vector<std::byte>> corpus;
};

std::vector<std::byte> mutate(const std::vector<std::byte>& base, Prng& prng) {
  std::vector<std::byte> bytes = base;
  switch (prng.uniform_u64(0, 4)) {
    case 0:  // fresh random bytes
      bytes = pattern_bytes(prng.uniform_u64(0, 120), prng.next_u64());
      break;
    case 1:  // flip a few bytes
      for (uint64_t i = prng.uniform_u64(1, 3); i > 0 && !bytes.empty(); --i)
        bytes[prng.uniform_u64(0, bytes.size() - 1)] ^=
            static_cast<std::byte>(prng.uniform_u64(1, 255));
      break;
    case 2:  // truncate
      bytes.resize(prng.uniform_u64(0, bytes.size()));
      break;
    case 3:  // extend
      for (uint64_t i = prng.uniform_u64(1, 40); i > 0; --i)
        bytes.push_back(static_cast<std::byte>(prng.next_u64() & 0xff));
      break;
    default:  // verbatim (a replay, or a duplicate in clear mode)
      break;
  }
  return bytes;
}

uint64_t total(const DropCounts& drops) {
  return std::accumulate(drops.begin(), drops.end(), uint64_t{0});
}

class Fuzz : public ::testing::TestWithParam<bool> {};

TEST_P(Fuzz, MalformedBytesNeverCrashAndAreCounted) {
  Pair pair(GetParam());
  pair.a.start(Instant::epoch());
  pair.b.start(Instant::epoch());
  pair.run_until(at_ms(3000));
  ASSERT_TRUE(pair.a.reachable(kB));
  Outputs out;
  ASSERT_EQ(pair.b.send(kA, pattern_bytes(5000, 1), pair.now, out).hosts_sent, 1u);
  pair.flush(kB, out, pair.now);
  ASSERT_EQ(pair.batch.deliveries.size(), 1u);
  ASSERT_GT(pair.corpus.size(), 20u);

  Prng prng(99);
  const LinkCounters before = pair.a.status().peers[0].links[0].counters;
  const uint64_t drops_before = total(pair.a.status().drops);
  constexpr int kRounds = 20'000;
  Instant now = pair.now;
  for (int i = 0; i < kRounds; ++i) {
    now += Duration::from_us(1);
    const auto& base = pair.corpus[prng.uniform_u64(0, pair.corpus.size() - 1)];
    const std::vector<std::byte> bytes = mutate(base, prng);
    const LinkId link{static_cast<uint8_t>(prng.uniform_u64(0, kMaxLinks - 1))};
    const NodeId from{
        prng.bernoulli(0.9) ? kB : NodeId{static_cast<uint32_t>(prng.uniform_u64(1, kMaxNodeId))}};
    Outputs ignored;
    pair.a.on_packet(link, from, bytes, now, ignored, pair.batch);
  }
  const LayerStatus status = pair.a.status();
  const uint64_t dropped = total(status.drops) - drops_before;
  EXPECT_GT(dropped, static_cast<uint64_t>(kRounds) / 2);
  if (GetParam()) {
    // With secauth nothing mutated gets through; only verbatim replays reach the replay window.
    const LinkCounters after = status.peers[0].links[0].counters;
    EXPECT_EQ(after.rx_data_packets, before.rx_data_packets);
    EXPECT_EQ(pair.batch.deliveries.size(), 1u);
    EXPECT_GT(status.drops[static_cast<size_t>(RxDrop::kForged)], 0u);
    EXPECT_GT(status.drops[static_cast<size_t>(RxDrop::kReplay)], 0u);
  }
  // The layer still works: links stay or come back up and data flows.
  pair.run_until(now + ms(20'000));
  ASSERT_TRUE(pair.a.reachable(kB));
  const size_t delivered = pair.batch.deliveries.size();
  Outputs again;
  pair.b.send(kA, pattern_bytes(3000, 2), pair.now, again);
  pair.flush(kB, again, pair.now);
  ASSERT_EQ(pair.batch.deliveries.size(), delivered + 1);
  EXPECT_TRUE(pair.batch.deliveries.back().bytes == pattern_bytes(3000, 2));
}

INSTANTIATE_TEST_SUITE_P(ClearAndSecauth, Fuzz, ::testing::Bool());

}  // namespace
}  // namespace quorate::links::test
