// Determinism check: identical runs pass; runs leaking randomness or addresses are caught and
// the first differing record is reported.
#include "sim/determinism.h"

#include <gtest/gtest.h>

#include <memory>
#include <random>

#include "sim/echo_world.h"
#include "sim/fixed_latency_network.h"

namespace quorate::sim {
namespace {

const Instant kUntil = Instant::epoch() + Duration::from_s(5);

std::unique_ptr<World> echo_factory(uint64_t seed) {
  EchoWorldOptions options;
  options.seed = seed;
  options.nodes = 4;
  options.links = 2;
  options.loss_probability = 0.2;
  options.drift_ppb_max = 50'000;
  return make_echo_world(options);
}

TEST(Determinism, IdenticalRunsPass) {
  const DeterminismReport report = check_determinism(echo_factory, 1234, kUntil);
  EXPECT_TRUE(report.identical()) << report.describe();
  EXPECT_EQ(report.hash_a, report.hash_b);
  EXPECT_GT(report.records_a, 100U);
  EXPECT_EQ(report.describe().rfind("deterministic: ", 0), 0U);
}

// The kind of bug the check exists for. kTimer: a std::random_device value in a wake-up time.
// kPacket: a heap address in a payload (both runs are alive at once, so addresses differ).
enum class Leak { kTimer, kPacket };

class LeakyEngine final : public Engine {
 public:
  explicit LeakyEngine(Leak leak) : leak_(leak), marker_(std::make_unique<int>(0)) {}
  void on_packet(LinkId, NodeId, std::span<const std::byte>, Instant, Outputs&) override {}
  void on_timer(Instant now, Outputs& out) override {
    if (leak_ == Leak::kPacket) {
      const auto address = reinterpret_cast<uintptr_t>(marker_.get());
      std::vector<std::byte> bytes(sizeof address);
      std::memcpy(bytes.data(), &address, sizeof address);
      out.send(LinkId{0}, kBroadcast, std::move(bytes));
    }
    arm(now, out);
  }
  void on_command(const Command&, Instant now, Outputs& out) override { arm(now, out); }

 private:
  void arm(Instant now, Outputs& out) {
    Duration delay = Duration::from_ms(100);
    if (leak_ == Leak::kTimer) delay += Duration::from_ns(std::random_device{}() % 1'000'000 + 1);
    out.wake_at(now + delay);
  }
  Leak leak_;
  std::unique_ptr<int> marker_;
};

WorldFactory leaky_factory(Leak leak) {
  return [leak](uint64_t seed) {
    auto world = std::make_unique<World>(WorldOptions{seed, {}});
    world->set_network(std::make_unique<FixedLatencyNetwork>(
        FixedLatencyOptions{Duration::from_us(50), 0.0}, world->stream("net")));
    for (uint32_t id = 1; id <= 2; ++id) {
      world->add_node(NodeId{id}, Clock(), std::make_unique<LeakyEngine>(leak));
      world->schedule_command(Instant::epoch(), NodeId{id}, Command{});
    }
    return world;
  };
}

TEST(Determinism, RandomDeviceInATimerIsCaught) {
  const DeterminismReport report = check_determinism(leaky_factory(Leak::kTimer), 7, kUntil);
  ASSERT_FALSE(report.identical());
  EXPECT_NE(report.hash_a, report.hash_b);
  // Records: 2 x state:node.add, then cmd:start and the first timer.set of node 1.
  EXPECT_EQ(report.divergence->index, 3U);
  EXPECT_NE(report.divergence->line_a.find("timer.set"), std::string::npos);
  EXPECT_NE(report.divergence->line_a, report.divergence->line_b);
  EXPECT_NE(report.describe().find("NOT deterministic: traces differ first at record 3"),
            std::string::npos);
}

TEST(Determinism, HeapAddressInAPacketIsCaught) {
  const DeterminismReport report = check_determinism(leaky_factory(Leak::kPacket), 7, kUntil);
  ASSERT_FALSE(report.identical());
  // Same timing in both runs; the first difference is the payload digest of the first send.
  EXPECT_NE(report.divergence->line_a.find(" send "), std::string::npos);
  EXPECT_NE(report.divergence->line_a.find("sum="), std::string::npos);
  EXPECT_EQ(report.records_a, report.records_b);
}

TEST(Determinism, CompareReportsEndOfShorterTraceAndUnretainedRecords) {
  Trace a(TraceOptions{1}), b(TraceOptions{1});
  const TraceRecord r{Instant::epoch(), NodeId{1}, false, Instant{}, TraceKind::kState, "x", {}};
  a.record(r);
  b.record(r);
  b.record(r);
  DeterminismReport report = compare_traces(a, b);
  ASSERT_FALSE(report.identical());
  EXPECT_EQ(report.divergence->index, 1U);
  EXPECT_EQ(report.divergence->line_a, "<end of trace>");
  EXPECT_EQ(report.divergence->line_b, "<not retained>");
}

}  // namespace
}  // namespace quorate::sim
