// Wire format: every message type round-trips, and decode() survives any byte string.
#include "engine/ring/wire.h"

#include <gtest/gtest.h>

#include "engine/prng.h"
#include "engine/ring/ring_options.h"

namespace quorate::ring::test {
namespace {

std::vector<Message> samples() {
  const RingId r{NodeId{1}, 0x1b0};
  OrfToken token{
      r, 7, MsgSeq{40}, MsgSeq{38}, NodeId{2}, 3, 12, true, {{r, MsgSeq{39}}, {r, MsgSeq{40}}}};
  Mcast mcast{r, MsgSeq{41}, NodeId{3}, 9, false, r, MsgSeq{41}, {std::byte{1}, std::byte{2}}};
  Mcast encapsulated{r, MsgSeq{2}, NodeId{3}, 9, true, RingId{NodeId{2}, 0x1ac}, MsgSeq{17}, {}};
  Join join{false, 0x1b0, {NodeId{1}, NodeId{2}, NodeId{3}}, {NodeId{3}}};
  Join leave{true, 0x1b0, {NodeId{1}, NodeId{2}}, {NodeId{3}}};
  CommitToken commit{
      RingId{NodeId{1}, 0x1b4},
      3,
      2,
      {{NodeId{1}, r, MsgSeq{40}, MsgSeq{40}, true}, {NodeId{2}, {}, {}, {}, false}}};
  return {Message{NodeId{2}, token},        Message{NodeId{3}, mcast},
          Message{NodeId{3}, encapsulated}, Message{NodeId{1}, MergeDetect{r}},
          Message{NodeId{3}, join},         Message{NodeId{3}, leave},
          Message{NodeId{1}, commit},       Message{NodeId{2}, TokenHoldCancel{r}}};
}

TEST(RingWire, EveryMessageTypeRoundTrips) {
  for (const Message& m : samples()) {
    const std::vector<std::byte> bytes = encode(m);
    DecodeError error = DecodeError::kTrailing;
    const std::optional<Message> back = decode(bytes, error);
    ASSERT_TRUE(back.has_value()) << to_string(error);
    EXPECT_EQ(error, DecodeError::kNone);
    EXPECT_EQ(*back, m);
  }
}

TEST(RingWire, RejectsWhatItCannotTrust) {
  std::vector<std::byte> bytes = encode(samples()[0]);
  DecodeError error = DecodeError::kNone;
  bytes.push_back(std::byte{0});
  EXPECT_FALSE(decode(bytes, error));
  EXPECT_EQ(error, DecodeError::kTrailing);
  bytes.pop_back();
  bytes.pop_back();
  EXPECT_FALSE(decode(bytes, error));
  EXPECT_EQ(error, DecodeError::kTruncated);
  std::vector<std::byte> magic = encode(samples()[0]);
  magic[0] = std::byte{0x71};
  EXPECT_FALSE(decode(magic, error));
  EXPECT_EQ(error, DecodeError::kMagic);
  std::vector<std::byte> type = encode(samples()[0]);
  type[3] = std::byte{9};
  EXPECT_FALSE(decode(type, error));
  EXPECT_EQ(error, DecodeError::kType);
  // A JOIN whose proc list is not ascending.
  Join join{false, 1, {NodeId{2}, NodeId{3}}, {}};
  std::vector<std::byte> unsorted = encode(Message{NodeId{1}, join});
  std::swap(unsorted[8 + 1 + 8 + 2], unsorted[8 + 1 + 8 + 2 + 4]);
  EXPECT_FALSE(decode(unsorted, error));
  EXPECT_EQ(error, DecodeError::kList);
}

// Truncations, bit flips and random bytes of every sample: decode answers, never crashes, and
// whatever it accepts re-encodes to the same bytes.
TEST(RingWire, FuzzedBytesNeverCrash) {
  Prng prng(99);
  uint64_t accepted = 0;
  for (const Message& m : samples()) {
    const std::vector<std::byte> good = encode(m);
    for (int round = 0; round < 2000; ++round) {
      std::vector<std::byte> bytes = good;
      if (round % 3 == 0) bytes.resize(prng.uniform_u64(0, bytes.size()));
      if (round % 3 == 1 && !bytes.empty()) {
        bytes[prng.uniform_u64(0, bytes.size() - 1)] ^= static_cast<std::byte>(1 << (round % 8));
      }
      if (round % 3 == 2) {
        for (std::byte& b : bytes)
          b = static_cast<std::byte>(prng.next_u64() & 0xff);
      }
      DecodeError error = DecodeError::kNone;
      const std::optional<Message> back = decode(bytes, error);
      EXPECT_EQ(back.has_value(), error == DecodeError::kNone);
      if (back) {
        ++accepted;
        EXPECT_EQ(encode(*back), bytes);
      }
    }
  }
  EXPECT_GT(accepted, 0u);  // some bit flips land in values and stay valid
}

// research §1.5: corosync's derived timers for N configured nodes.
TEST(RingOptionsTest, CorosyncDerivedTimersMatchTheTable) {
  struct Row {
    int n;
    int64_t token, retransmit, hold, consensus;
  };
  for (const Row& row :
       {Row{2, 3000, 714, 561, 3600}, Row{3, 3650, 869, 685, 4380}, Row{4, 4300, 1023, 808, 5160},
        Row{5, 4950, 1178, 932, 5940}, Row{8, 6900, 1642, 1303, 8280},
        Row{16, 12100, 2880, 2294, 14520}, Row{32, 22500, 5357, 4275, 27000}}) {
    const RingOptions o = corosync_ring_defaults(row.n);
    EXPECT_EQ(o.token.ms(), row.token) << row.n;
    EXPECT_EQ(o.token_retransmit.ms(), row.retransmit) << row.n;
    EXPECT_EQ(o.hold.ms(), row.hold) << row.n;
    EXPECT_EQ(o.consensus.ms(), row.consensus) << row.n;
    EXPECT_EQ(o.join.ms(), 50);
    EXPECT_EQ(o.merge.ms(), 200);
    EXPECT_FALSE(validate(o).has_value());
  }
  RingOptions bad = corosync_ring_defaults(3);
  bad.consensus = Duration::from_ms(40);
  EXPECT_TRUE(validate(bad).has_value());
}

}  // namespace
}  // namespace quorate::ring::test
