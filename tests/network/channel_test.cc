// One channel's impairments: which frames are lost, queued, delayed, duplicated, and when.
#include "sim/net/channel.h"

#include <gtest/gtest.h>

#include <vector>

#include "net_test_util.h"

namespace quorate::sim::net {
namespace {

using testing::at_ms;
using testing::at_us;

// 24-byte UDP payload over IPv4: IP 52 bytes; on the wire 52 + 38 = 90 bytes.
const FrameSize kSmall = FrameSize::for_udp(24, 20);

Impairments constant(Duration latency) {
  Impairments imp;
  imp.latency = Latency::constant(latency);
  return imp;
}

TEST(FrameSize, CountsHeadersAndMinimumFrame) {
  EXPECT_EQ(kSmall.ip_bytes, 52U);
  EXPECT_EQ(kSmall.wire_bytes, 90U);
  EXPECT_EQ(FrameSize::for_udp(0, 20).wire_bytes, 46U + 38U);  // padded to 64-byte frame
  EXPECT_EQ(FrameSize::for_udp(1472, 20).ip_bytes, 1500U);
  EXPECT_EQ(FrameSize::for_udp(1452, 40).ip_bytes, 1500U);
}

TEST(Channel, BernoulliLossRateAndReason) {
  Impairments imp = constant(Duration::from_us(10));
  imp.loss_probability = 0.2;
  Channel channel(1, "c", imp);
  int lost = 0;
  for (int i = 0; i < 50'000; ++i) {
    const ChannelOutcome out = channel.traverse(at_us(i), kSmall);
    if (out.drop) {
      EXPECT_EQ(*out.drop, NetDropReason::kLoss);
      ++lost;
    } else {
      EXPECT_EQ(out.arrivals[0], at_us(i + 10));
    }
  }
  EXPECT_NEAR(lost / 50'000.0, 0.2, 0.01);
}

TEST(Channel, GilbertElliottBurstsAreGeometric) {
  // p = 0.01, r = 0.25, lossless good state, lossy bad state: bursts average 1/r = 4 frames,
  // long-run loss p / (p + r) = 3.85 %, and P(burst = 1) = r.
  Impairments imp = constant(Duration::from_us(10));
  imp.burst = GilbertElliott{true, 0.01, 0.25, 0.0, 1.0};
  Channel channel(9, "ge", imp);
  std::vector<int> bursts;
  int run = 0, lost = 0;
  constexpr int kFrames = 400'000;
  for (int i = 0; i < kFrames; ++i) {
    const ChannelOutcome out = channel.traverse(at_us(i), kSmall);
    if (out.drop) {
      EXPECT_EQ(*out.drop, NetDropReason::kBurstLoss);
      ++run;
      ++lost;
    } else if (run > 0) {
      bursts.push_back(run);
      run = 0;
    }
  }
  double mean = 0;
  int ones = 0;
  for (const int b : bursts) {
    mean += b;
    if (b == 1) ++ones;
  }
  mean /= static_cast<double>(bursts.size());
  EXPECT_NEAR(mean, 4.0, 0.2);
  EXPECT_NEAR(static_cast<double>(ones) / static_cast<double>(bursts.size()), 0.25, 0.02);
  EXPECT_NEAR(static_cast<double>(lost) / kFrames, 0.01 / 0.26, 0.004);
}

TEST(Channel, BandwidthQueueSerialisesAndTailDrops) {
  // 1 Mbit/s: a 90-byte frame takes 720 us on the wire. Queue of 4 frames.
  Impairments imp = constant(Duration::from_us(5));
  imp.rate_bps = 1'000'000;
  imp.queue_frames = 4;
  Channel channel(1, "q", imp);
  for (int i = 0; i < 10; ++i) {
    const ChannelOutcome out = channel.traverse(at_us(0), kSmall);
    if (i < 4) {
      ASSERT_FALSE(out.drop) << i;
      EXPECT_EQ(out.arrivals[0], at_us(720 * (i + 1) + 5)) << i;
    } else {
      ASSERT_TRUE(out.drop) << i;
      EXPECT_EQ(*out.drop, NetDropReason::kQueueFull);
    }
  }
  // At 720 us the first frame has left: 3 remain, so one more fits, behind the fourth.
  EXPECT_EQ(channel.queued_at(at_us(720)), 3U);
  const ChannelOutcome late = channel.traverse(at_us(720), kSmall);
  ASSERT_FALSE(late.drop);
  EXPECT_EQ(late.arrivals[0], at_us(720 * 5 + 5));
  EXPECT_TRUE(channel.traverse(at_us(721), kSmall).drop.has_value());
  EXPECT_EQ(channel.queued_at(at_us(720 * 5)), 0U);
}

TEST(Channel, PerPacketJitterReordersPerIntervalJitterDoesNot) {
  const Latency uniform = Latency::uniform(Duration::from_us(100), Duration::from_us(900));
  Impairments per_packet = constant(Duration::zero());
  per_packet.latency = uniform;
  Impairments per_interval = per_packet;
  per_interval.latency = uniform.per_interval(Duration::from_ms(5));
  Channel a(3, "a", per_packet), b(3, "b", per_interval);
  int reordered_a = 0, reordered_b = 0;
  Instant last_a, last_b;
  std::vector<Duration> delays_b;
  for (int i = 0; i < 20'000; ++i) {
    const Instant t = at_us(i * 50);
    const Instant arrival_a = a.traverse(t, kSmall).arrivals[0];
    const Instant arrival_b = b.traverse(t, kSmall).arrivals[0];
    if (arrival_a < last_a) ++reordered_a;
    if (arrival_b < last_b) ++reordered_b;
    last_a = arrival_a;
    last_b = arrival_b;
    if (i % 100 == 0) delays_b.push_back(arrival_b - t);  // one frame per 5 ms interval
  }
  EXPECT_GT(reordered_a, 1000);
  EXPECT_EQ(reordered_b, 0);
  std::sort(delays_b.begin(), delays_b.end());
  EXPECT_GT(delays_b.back() - delays_b.front(), Duration::from_us(500));  // it still varies
}

TEST(Channel, PerIntervalSampleIsHeldWithinAnInterval) {
  Impairments imp = constant(Duration::zero());
  imp.latency = Latency::uniform(Duration::from_us(100), Duration::from_us(900))
                    .per_interval(Duration::from_ms(10));
  Channel channel(3, "held", imp);
  const Duration first = channel.traverse(at_ms(20), kSmall).arrivals[0] - at_ms(20);
  for (int us = 1; us < 9000; us += 997) {
    const Instant t = at_ms(20) + Duration::from_us(us);
    EXPECT_EQ(channel.traverse(t, kSmall).arrivals[0] - t, first);
  }
}

TEST(Channel, DuplicatesCorruptionAndBlackHole) {
  Impairments imp = constant(Duration::from_us(10));
  imp.duplicate_probability = 0.1;
  Channel dup(5, "dup", imp);
  int copies = 0;
  for (int i = 0; i < 20'000; ++i)
    copies += dup.traverse(at_us(i), kSmall).copies;
  EXPECT_NEAR((copies - 20'000) / 20'000.0, 0.1, 0.01);

  Impairments bad = constant(Duration::from_us(10));
  bad.corrupt_probability = 1.0;
  Channel corrupt(5, "corrupt", bad);
  EXPECT_EQ(*corrupt.traverse(at_us(0), kSmall).drop, NetDropReason::kCorruption);

  Impairments hole = constant(Duration::from_us(10));
  hole.blackhole_above_bytes = 1400;
  Channel mtu(5, "mtu", hole);
  EXPECT_FALSE(mtu.traverse(at_us(0), FrameSize::for_udp(1372, 20)).drop);  // IP 1400
  EXPECT_EQ(*mtu.traverse(at_us(0), FrameSize::for_udp(1373, 20)).drop, NetDropReason::kMtu);
}

TEST(Channel, ScheduledChangeAppliesFromItsInstant) {
  Channel channel(1, "sched", constant(Duration::from_us(10)));
  Impairments dead = constant(Duration::from_us(10));
  dead.loss_probability = 1.0;
  channel.schedule(at_ms(10), dead);
  channel.schedule(at_ms(20), constant(Duration::from_us(30)));
  EXPECT_FALSE(channel.traverse(at_ms(10) - Duration::from_ns(1), kSmall).drop);
  EXPECT_EQ(*channel.traverse(at_ms(10), kSmall).drop, NetDropReason::kLoss);
  EXPECT_EQ(*channel.traverse(at_ms(19), kSmall).drop, NetDropReason::kLoss);
  EXPECT_EQ(channel.traverse(at_ms(20), kSmall).arrivals[0], at_ms(20) + Duration::from_us(30));
}

TEST(Channel, EnablingOneStageDoesNotShiftAnothersDraws) {
  Impairments lossy = constant(Duration::from_us(10));
  lossy.loss_probability = 0.3;
  Impairments lossy_dup = lossy;
  lossy_dup.duplicate_probability = 0.5;
  Channel a(8, "same", lossy), b(8, "same", lossy_dup);
  for (int i = 0; i < 5000; ++i) {
    ASSERT_EQ(a.traverse(at_us(i), kSmall).drop.has_value(),
              b.traverse(at_us(i), kSmall).drop.has_value());
  }
}

}  // namespace
}  // namespace quorate::sim::net
