#include "tests/quorum/vqsim_scenario.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "engine/check.h"
#include "engine/prng.h"
#include "tests/quorum/quorum_cluster.h"
#include "tests/quorum/vqsim_driver.h"

namespace quorate::quorum::testing {
namespace {

constexpr int kPartitions = 4;  // partitions the generator uses (vqsim has more)
constexpr int kMaxStretch = 3;
constexpr auto kCommandTimeout = std::chrono::milliseconds(8000);

bool chance(Prng& rng, uint64_t percent) {
  return rng.uniform_u64(0, 99) < percent;
}

std::vector<NodeVotes> gen_nodelist(Prng& rng) {
  const auto n = static_cast<uint32_t>(rng.uniform_u64(2, 8));
  const auto span = n + static_cast<uint32_t>(rng.uniform_u64(0, 4));
  std::vector<uint32_t> pool(span);
  for (uint32_t i = 0; i < span; ++i)
    pool[i] = i + 1;
  while (pool.size() > n)
    pool.erase(pool.begin() + static_cast<long>(rng.uniform_u64(0, pool.size() - 1)));
  const bool weighted = chance(rng, 20);
  std::vector<NodeVotes> out;
  for (uint32_t id : pool) {
    out.push_back(
        NodeVotes{NodeId{id}, weighted ? static_cast<uint32_t>(rng.uniform_u64(1, 3)) : 1});
  }
  return out;
}

std::string gen_atb_nodes(Prng& rng, const std::vector<NodeVotes>& nodes) {
  const uint64_t pick = rng.uniform_u64(0, 99);
  if (pick < 20) return "lowest";
  if (pick < 40) return "highest";
  if (pick < 45) return "none-such";
  std::vector<uint32_t> ids;
  for (const NodeVotes& n : nodes) {
    if (chance(rng, 60)) ids.push_back(n.id.value);
  }
  if (ids.empty()) ids.push_back(nodes.back().id.value);
  for (size_t i = ids.size(); i > 1; --i)
    std::swap(ids[i - 1], ids[rng.uniform_u64(0, i - 1)]);
  std::string s;
  for (uint32_t id : ids)
    s += (s.empty() ? "" : " ") + std::to_string(id);
  return s;
}

VotequorumOptions gen_options(Prng& rng) {
  VotequorumOptions o;
  o.nodelist = gen_nodelist(rng);
  uint32_t sum = 0;
  for (const NodeVotes& n : o.nodelist)
    sum += n.votes;
  o.two_node = chance(rng, o.nodelist.size() == 2 ? 50 : 8);
  const uint64_t wfa = rng.uniform_u64(0, 2);
  if (wfa > 0) o.wait_for_all = wfa == 2;
  o.last_man_standing = chance(rng, 30);
  o.last_man_standing_window = kVqsimLmsWindow;
  o.auto_tie_breaker = chance(rng, 40);
  if (chance(rng, 60)) o.auto_tie_breaker_node = gen_atb_nodes(rng, o.nodelist);
  if (!o.auto_tie_breaker && !chance(rng, 10)) o.auto_tie_breaker_node.reset();
  if (chance(rng, 20)) o.expected_votes = static_cast<uint32_t>(rng.uniform_u64(1, sum + 2));
  o.allow_downscale = chance(rng, 8);
  o.expected_votes_tracking = chance(rng, 8);
  if (chance(rng, 6)) {  // a configured device that never registers (vqsim's qdevice is real time)
    o.device = DeviceOptions{};
    if (chance(rng, 50)) o.device->votes = static_cast<uint32_t>(rng.uniform_u64(1, 3));
  }
  return o;
}

// The generator's own view of which nodes run where.
struct Tracker {
  std::map<NodeId, int> running;  // node -> partition
  std::vector<NodeId> stopped;

  std::vector<NodeId> running_ids() const {
    std::vector<NodeId> ids;
    for (const auto& [id, p] : running)
      ids.push_back(id);
    return ids;
  }
  std::set<int> used_partitions() const {
    std::set<int> ps;
    for (const auto& [id, p] : running)
      ps.insert(p);
    return ps;
  }
};

Step gen_split(Prng& rng, Tracker& t) {
  Step s{Step::Kind::kSplit, static_cast<int>(rng.uniform_u64(0, kPartitions - 1)), 0, {}};
  for (NodeId id : t.running_ids()) {
    if (chance(rng, 40)) s.ids.push_back(id);
  }
  if (s.ids.empty()) {
    const auto ids = t.running_ids();
    s.ids.push_back(ids[rng.uniform_u64(0, ids.size() - 1)]);
  }
  for (NodeId id : s.ids)
    t.running[id] = s.partition;
  return s;
}

std::optional<Step> gen_join(Prng& rng, Tracker& t) {
  const std::set<int> used = t.used_partitions();
  if (used.size() < 2) return std::nullopt;
  std::vector<int> ps(used.begin(), used.end());
  const auto a = rng.uniform_u64(0, ps.size() - 1);
  auto b = rng.uniform_u64(0, ps.size() - 2);
  if (b >= a) ++b;
  Step s{Step::Kind::kJoin, ps[a], ps[b], {}};
  for (auto& [id, p] : t.running) {
    if (p == s.other) p = s.partition;
  }
  return s;
}

// Only nodes that share their partition: when a partition empties, vqsim waits for a report
// that never comes (its sync timeout, "ERR: Partition(s) not stable within timeout").
std::optional<Step> gen_down(Prng& rng, Tracker& t) {
  std::vector<NodeId> ids;
  for (const auto& [id, p] : t.running) {
    const auto same = std::count_if(t.running.begin(), t.running.end(),
                                    [&](const auto& e) { return e.second == p; });
    if (same >= 2) ids.push_back(id);
  }
  if (ids.empty()) return std::nullopt;
  const NodeId id = ids[rng.uniform_u64(0, ids.size() - 1)];
  t.running.erase(id);
  t.stopped.push_back(id);
  return Step{Step::Kind::kDown, 0, 0, {id}};
}

std::optional<Step> gen_up(Prng& rng, Tracker& t) {
  if (t.stopped.empty()) return std::nullopt;
  const auto i = rng.uniform_u64(0, t.stopped.size() - 1);
  const NodeId id = t.stopped[i];
  t.stopped.erase(t.stopped.begin() + static_cast<long>(i));
  const int p = static_cast<int>(rng.uniform_u64(0, kPartitions - 1));
  t.running[id] = p;
  return Step{Step::Kind::kUp, p, 0, {id}};
}

Step gen_step(Prng& rng, Tracker& t, bool lms, int since_wait) {
  const uint64_t pick = rng.uniform_u64(0, 99);
  std::optional<Step> s;
  // With LMS, at most kMaxStretch membership steps between waits (real-time budget, see .h),
  // and mostly failures and waits: the cascades are what LMS is about.
  if (lms && (pick < 25 || since_wait >= kMaxStretch)) return Step{Step::Kind::kWait, 0, 0, {}};
  if (lms && pick < 60) s = gen_down(rng, t);
  if (s.has_value()) return *s;
  if (pick < 40) {
    s = gen_join(rng, t);
  } else if (pick < 60) {
    s = gen_down(rng, t);
  } else if (pick < 75) {
    s = gen_up(rng, t);
  }
  return s.has_value() ? *s : gen_split(rng, t);
}

std::string ids_text(const std::vector<NodeId>& ids, const char* sep) {
  std::string s;
  for (NodeId id : ids)
    s += (s.empty() ? "" : sep) + std::to_string(id.value);
  return s;
}

}  // namespace

Scenario generate_scenario(uint64_t seed) {
  Prng rng = Prng::for_stream(seed, "quorum/vqsim-scenario");
  Scenario sc;
  sc.seed = seed;
  sc.options = gen_options(rng);
  Tracker t;
  for (const NodeVotes& n : sc.options.nodelist)
    t.running[n.id] = 0;
  const bool lms = sc.options.last_man_standing;
  const auto len = rng.uniform_u64(3, lms ? 8 : 10);
  const bool cascade = lms && chance(rng, 50);  // failures one by one, the window between some
  int since_wait = 0;
  for (uint64_t i = 0; i < len; ++i) {
    std::optional<Step> step;
    if (cascade) {
      step = since_wait > 0 && (since_wait >= 2 || chance(rng, 60))
                 ? Step{Step::Kind::kWait, 0, 0, {}}
                 : gen_down(rng, t);
    }
    if (!step.has_value()) step = gen_step(rng, t, lms, since_wait);
    if (step->kind == Step::Kind::kWait && since_wait == 0 && !sc.steps.empty()) continue;
    sc.steps.push_back(*step);
    since_wait = step->kind == Step::Kind::kWait ? 0 : since_wait + 1;
  }
  QUORATE_CHECK(!t.running.empty());
  return sc;
}

std::string vqsim_command(const Step& step) {
  switch (step.kind) {
    case Step::Kind::kUp:
      return "up " + std::to_string(step.partition) + ":" + ids_text(step.ids, ",");
    case Step::Kind::kDown:
      return "down " + ids_text(step.ids, ",");
    case Step::Kind::kSplit:
      return "split " + std::to_string(step.partition) + ":" + ids_text(step.ids, ",");
    case Step::Kind::kJoin:
      return "join " + std::to_string(step.partition) + " " + std::to_string(step.other);
    case Step::Kind::kWait:
      return "";
  }
  QUORATE_UNREACHABLE();
}

std::string describe(const Scenario& sc, size_t steps_shown) {
  std::ostringstream out;
  out << "seed " << sc.seed << " (rerun: QUORATE_VQSIM_SEED=" << sc.seed << ")\n";
  out << "--- corosync.conf ---\n" << vqsim_config_text(sc.options) << "--- commands ---\n";
  for (size_t i = 0; i < steps_shown && i < sc.steps.size(); ++i) {
    const std::string c = vqsim_command(sc.steps[i]);
    out << "  " << i + 1 << ": "
        << (c.empty() ? "wait " + std::to_string((kVqsimLmsWindow + kVqsimWaitMargin).ms()) + " ms"
                      : c)
        << "\n";
  }
  return out.str();
}

}  // namespace quorate::quorum::testing
