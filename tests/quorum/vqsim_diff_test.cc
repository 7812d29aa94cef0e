// Differential test: random scenarios through the real votequorum (corosync-vqsim) and through
// quorate's votequorum module (QuorumCluster), compared after every step. Label: quorum.
//
// QUORATE_VQSIM_SEED=<n> runs only that seed (as printed in a failure report).
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "tests/quorum/vqsim_driver.h"
#include "tests/quorum/vqsim_scenario.h"

namespace quorate::quorum::testing {
namespace {

constexpr int kShards = 8;
#if defined(__SANITIZE_ADDRESS__)
// Under ASan the model runs several times slower; the sanitizer run checks memory safety of the
// same code paths with fewer sequences, the debug run carries the 512.
constexpr uint64_t kPerShard = 24;
#else
constexpr uint64_t kPerShard = 64;  // 8 x 64 = 512 sequences
#endif
constexpr unsigned kThreads = 8;  // vqsim mostly sleeps on its 10 ms sync timers
constexpr uint64_t kBaseSeed = 0x71bd'0000;
constexpr int kTimingRetries = 3;
constexpr int kUncertainReruns = 2;  // see RunResult::hidden_state_uncertain

bool vqsim_available() {
  return ::access(kVqsimPath, X_OK) == 0;
}

struct ShardOutcome {
  uint64_t passed = 0;
  uint64_t startup_errors = 0;
  uint64_t timing_retries = 0;
  uint64_t truncated = 0;
  uint64_t timing_invalid = 0;  // still timing-invalid after every retry
  uint64_t states_compared = 0;
  uint64_t uncertain_reruns = 0;
  std::vector<std::string> failures;
};

RunResult run_with_retries(uint64_t seed, ShardOutcome& outcome, std::mutex& mu) {
  const Scenario sc = generate_scenario(seed);
  RunResult r;
  int uncertain_reruns = 0;
  for (int attempt = 0; attempt <= kTimingRetries; ++attempt) {
    r = run_scenario(sc);
    if (!r.passed && r.hidden_state_uncertain && uncertain_reruns < kUncertainReruns) {
      ++uncertain_reruns;
      std::lock_guard lock(mu);
      ++outcome.uncertain_reruns;
      continue;
    }
    if (!r.timing_invalid) break;
    std::lock_guard lock(mu);
    ++outcome.timing_retries;
  }
  return r;
}

ShardOutcome run_seeds(const std::vector<uint64_t>& seeds) {
  ShardOutcome outcome;
  std::mutex mu;
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < seeds.size(); i = next++) {
      const RunResult r = run_with_retries(seeds[i], outcome, mu);
      std::lock_guard lock(mu);
      if (r.timing_invalid) {
        ++outcome.timing_invalid;
      } else if (r.passed) {
        ++outcome.passed;
        outcome.startup_errors += r.startup_error ? 1 : 0;
        outcome.truncated += r.truncated ? 1 : 0;
        outcome.states_compared += r.steps_compared;
      } else {
        outcome.failures.push_back(r.report);
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < std::min<size_t>(kThreads, seeds.size()); ++t)
    threads.emplace_back(worker);
  for (std::thread& t : threads)
    t.join();
  return outcome;
}

void expect_clean(const ShardOutcome& o, size_t total) {
  for (size_t i = 0; i < o.failures.size() && i < 3; ++i)
    ADD_FAILURE() << o.failures[i];
  EXPECT_EQ(o.failures.size(), 0u) << o.failures.size() << " of " << total << " sequences failed";
  // A machine too loaded to keep vqsim's real-time LMS window apart from the model's steps
  // cannot judge LMS sequences; tolerate a few (at most 20%), never many.
  EXPECT_LE(o.timing_invalid * 5, total) << o.timing_invalid << " sequences timing-invalid";
  EXPECT_EQ(o.passed + o.timing_invalid, total);
  std::printf(
      "vqsim differential: %zu sequences, %llu states compared, %llu passed (%llu start-up "
      "refusals, %llu stopped early at an order-dependent step vqsim resolved unlike any "
      "sampled schedule), %llu timing retries, %llu timing-invalid, %llu re-runs after a "
      "mismatch behind order-dependent steps\n",
      total, static_cast<unsigned long long>(o.states_compared),
      static_cast<unsigned long long>(o.passed), static_cast<unsigned long long>(o.startup_errors),
      static_cast<unsigned long long>(o.truncated),
      static_cast<unsigned long long>(o.timing_retries),
      static_cast<unsigned long long>(o.timing_invalid),
      static_cast<unsigned long long>(o.uncertain_reruns));
}

TEST(VqsimDifferential, VqsimIsInstalled) {
  ASSERT_TRUE(vqsim_available())
      << kVqsimPath << " is missing: the votequorum differential test needs the Debian package "
      << "corosync-vqsim. Run .ci/setup (it installs it) and re-run ctest -L quorum.";
}

VotequorumOptions nodes(std::initializer_list<uint32_t> votes) {
  VotequorumOptions o;
  uint32_t id = 1;
  for (uint32_t v : votes)
    o.nodelist.push_back(NodeVotes{NodeId{id++}, v});
  return o;
}

// Every start-up rule of votequorum_readconfig, one configuration each, against the real code.
std::vector<std::pair<std::string, VotequorumOptions>> startup_rule_cases() {
  std::vector<std::pair<std::string, VotequorumOptions>> cases;
  auto add = [&](std::string name, VotequorumOptions o) { cases.emplace_back(name, o); };
  VotequorumOptions o = nodes({1, 1});
  o.two_node = true;
  o.device = DeviceOptions{};
  add("two_node + device", o);
  o = nodes({1, 1, 1});
  o.auto_tie_breaker = true;
  o.last_man_standing = true;
  add("ATB + LMS, odd, no WFA", o);
  o.wait_for_all = true;
  add("ATB + LMS, odd, WFA", o);
  o = nodes({1, 1, 1, 1});
  o.last_man_standing = true;
  o.device = DeviceOptions{};
  add("device + LMS", o);
  o = nodes({1, 1, 1, 1});
  o.auto_tie_breaker = true;
  o.device = DeviceOptions{};
  add("device + ATB", o);
  o = nodes({1, 1, 1, 1});
  o.allow_downscale = true;
  o.device = DeviceOptions{};
  add("device + allow_downscale", o);
  o = nodes({1, 1, 1});
  o.expected_votes = 5;
  o.device = DeviceOptions{};
  add("device without votes + expected_votes", o);
  o = nodes({1, 2, 1});
  o.device = DeviceOptions{};
  add("device without votes + uneven node votes", o);
  o = nodes({1, 1, 1});
  o.expected_votes = 4;
  o.device = DeviceOptions{};
  o.device->votes = 3;
  add("device votes too high", o);
  o.device->votes = 2;
  add("device votes just fit", o);
  o = nodes({1, 1});
  o.two_node = true;
  o.auto_tie_breaker = true;
  add("two_node + ATB (two_node disabled)", o);
  o = nodes({1, 1, 1});
  o.device = DeviceOptions{};
  add("device with automatic votes", o);
  return cases;
}

TEST(VqsimDifferential, StartupRulesMatchRealVotequorum) {
  ASSERT_TRUE(vqsim_available()) << kVqsimPath << " is missing: run .ci/setup";
  int refusals = 0;
  for (const auto& [name, options] : startup_rule_cases()) {
    const RunResult r = check_startup_against_vqsim(options);
    EXPECT_TRUE(r.passed) << name << "\n" << r.report;
    refusals += r.startup_error ? 1 : 0;
  }
  EXPECT_EQ(refusals, 8);  // the other cases start
}

class VqsimDifferentialShard : public ::testing::TestWithParam<int> {};

TEST_P(VqsimDifferentialShard, RandomSequencesMatchRealVotequorum) {
  ASSERT_TRUE(vqsim_available()) << kVqsimPath << " is missing: run .ci/setup";
  std::vector<uint64_t> seeds;
  if (const char* one = std::getenv("QUORATE_VQSIM_SEED")) {
    if (GetParam() != 0) GTEST_SKIP() << "QUORATE_VQSIM_SEED runs in shard 0 only";
    seeds.push_back(std::strtoull(one, nullptr, 0));
    std::printf("%s", describe(generate_scenario(seeds.back()), SIZE_MAX).c_str());
  } else {
    for (uint64_t i = 0; i < kPerShard; ++i) {
      seeds.push_back(kBaseSeed + static_cast<uint64_t>(GetParam()) * kPerShard + i);
    }
  }
  expect_clean(run_seeds(seeds), seeds.size());
}

INSTANTIATE_TEST_SUITE_P(Shards, VqsimDifferentialShard, ::testing::Range(0, kShards));

}  // namespace
}  // namespace quorate::quorum::testing
