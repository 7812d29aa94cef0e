// run_scenario: one scenario through corosync-vqsim and through QuorumCluster, compared after
// every step. See vqsim_scenario.h.
//
// vqsim runs its nodes as concurrent processes, so when the outcome of a step depends on the
// order in which nodes hear each other, vqsim itself gives different answers from run to run.
// The harness therefore keeps every cluster state that explains what vqsim showed so far: each
// step is applied to each kept state under several schedules (vqsim's canonical one and seeded
// random interleavings), and the results that show exactly vqsim's state are kept (deduplicated
// by their full state). When no schedule explains vqsim's state:
// - if every schedule predicted the same visible state (the step itself is not order-dependent),
//   it is a difference between quorate and votequorum: the run fails. When earlier steps were
//   order-dependent (the kept states may miss the hidden state vqsim really reached), the result
//   says so and the caller re-runs the scenario before believing it;
// - otherwise vqsim resolved an order-dependent step in a way the sampled schedules missed: the
//   comparison of this scenario stops there (counted as truncated).
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "engine/prng.h"
#include "tests/quorum/quorum_cluster.h"
#include "tests/quorum/vqsim_driver.h"
#include "tests/quorum/vqsim_scenario.h"

namespace quorate::quorum::testing {
namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kTimeout = std::chrono::milliseconds(8000);
constexpr size_t kSchedulesPerStep = 32;  // split among the kept states, at least 3 each
constexpr size_t kMaxStates = 8;

std::string state_line(int partition, uint32_t id, bool quorate, uint32_t rep, uint64_t seq,
                       const std::vector<NodeId>& members) {
  std::ostringstream s;
  s << partition << ":" << id << ": q=" << (quorate ? 1 : 0) << " ring=[" << std::hex << rep << "."
    << seq << std::dec << "] nodes=[";
  for (size_t i = 0; i < members.size(); ++i)
    s << (i ? " " : "") << members[i].value;
  s << "]\n";
  return s.str();
}

std::string vqsim_state(const std::string& show) {
  std::string out;
  for (const VqsimNodeState& n : parse_vqsim_show(show)) {
    out += n.initialized
               ? state_line(n.partition, n.id.value, n.quorate, n.ring_rep, n.ring_seq, n.members)
               : std::to_string(n.partition) + ":" + std::to_string(n.id.value) +
                     ": q=UNINITIALIZED\n";
  }
  return out;
}

std::string harness_state(const QuorumCluster& cluster) {
  std::string out;
  for (const NodeView& v : cluster.views()) {
    const RingId& ring = cluster.node(v.id).ring();
    out += state_line(v.partition, v.id.value, v.quorate, ring.rep.value, ring.seq, v.members);
  }
  return out;
}

// The state lines without the quorate flags: which nodes are where, on which ring.
std::string rings_only(const std::string& state) {
  std::string out;
  std::istringstream lines(state);
  std::string line;
  while (std::getline(lines, line)) {
    const size_t q = line.find(" q=");
    const size_t after = q == std::string::npos ? q : line.find(' ', q + 1);
    out += after == std::string::npos ? line : line.substr(0, q) + line.substr(after);
    out += '\n';
  }
  return out;
}

std::string harness_detail(const QuorumCluster& cluster) {
  std::ostringstream s;
  for (const NodeView& v : cluster.views()) {
    const Votequorum& n = cluster.node(v.id);
    s << "  node " << v.id.value << ": quorate=" << v.quorate << " quorum=" << v.quorum
      << " expected=" << v.expected_votes << " wfa_status=" << n.wait_for_all_status()
      << " lms=" << n.last_man_standing_enabled() << " atb=" << to_string(n.config().atb)
      << " two_node=" << n.config().two_node << "\n";
  }
  return s.str();
}

// vqsim resumes input as soon as the nodes of each partition agree on a ring seq, which can be
// before they report the new ring; late nodeinfo may still change a node's quorate state after
// that. So: poll `show` until every node reports the expected rings, then let the nodes settle
// and read the state once more.
std::optional<std::string> settled_show(VqsimProcess& vq, const std::string& expected_rings,
                                        std::string& out) {
  const auto deadline = Clock::now() + std::chrono::seconds(4);
  for (;;) {
    if (auto err = vq.command("show", kTimeout, out)) return err;
    if (rings_only(vqsim_state(out)) == expected_rings) break;
    if (Clock::now() > deadline) return std::nullopt;  // the comparison reports it
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(25));
  return vq.command("show", kTimeout, out);
}

std::optional<std::string> expected_startup_error(const VotequorumOptions& options) {
  for (const NodeVotes& n : options.nodelist) {
    const ResolveResult r = resolve_options(options, n.id, 0);
    if (const auto* e = std::get_if<StartupError>(&r)) return e->message;
  }
  return std::nullopt;
}

RunResult fail(const Scenario& sc, size_t steps, const std::string& why) {
  return RunResult{false, false, false,
                   "vqsim differential mismatch: " + why + "\n" + describe(sc, steps)};
}

RunResult check_startup(const Scenario& sc, VqsimProcess& vq) {
  const std::optional<std::string> expected = expected_startup_error(sc.options);
  const std::string err = vq.stderr_text();
  const std::string prefix = "votequorum exec init failed: ";
  if (expected.has_value()) {
    if (err.find(prefix + *expected) == std::string::npos) {
      return fail(sc, 0,
                  "quorate refuses to start with \"" + *expected + "\", vqsim says:\n" + err);
    }
    return RunResult{true, false, true, ""};
  }
  if (err.find(prefix) != std::string::npos) {
    return fail(sc, 0, "vqsim refused to start, quorate accepts the options:\n" + err);
  }
  return RunResult{true, false, false, ""};
}

void apply(QuorumCluster& cluster, const Step& step) {
  switch (step.kind) {
    case Step::Kind::kUp:
      cluster.up(step.partition, step.ids);
      return;
    case Step::Kind::kDown:
      cluster.down(step.ids.front());
      return;
    case Step::Kind::kSplit:
      cluster.split(step.partition, step.ids);
      return;
    case Step::Kind::kJoin:
      cluster.join(step.partition, {step.other});
      return;
    case Step::Kind::kWait:
      cluster.wait(kVqsimLmsWindow + kVqsimWaitMargin);
      return;
  }
}

uint64_t schedule_seed(const Scenario& sc, size_t step, size_t state, size_t variant) {
  return stream_seed(sc.seed, "quorum/vqsim-schedule/" + std::to_string(step) + "/" +
                                  std::to_string(state) + "/" + std::to_string(variant));
}

// The cluster states (one per schedule variant) reached from `from` by `step` (or, with no
// step, by starting the cluster).
std::vector<QuorumCluster> successors(const Scenario& sc, const QuorumCluster* from,
                                      const Step* step, size_t step_index, size_t state_index,
                                      size_t variants) {
  std::vector<QuorumCluster> out;
  for (size_t v = 0; v < variants; ++v) {
    const SyncSchedule schedule = v == 0 ? SyncSchedule::kVqsim : SyncSchedule::kVqsimRandom;
    const uint64_t seed = schedule_seed(sc, step_index, state_index, v);
    if (from == nullptr) {
      out.emplace_back(sc.options, schedule, seed);
    } else {
      out.push_back(*from);
      out.back().set_schedule(schedule, seed);
      apply(out.back(), *step);
    }
  }
  return out;
}

// Keeps the successors whose visible state is vqsim's, deduplicated by full state. Collects
// every visible outcome and every full state the schedules reached.
std::vector<QuorumCluster> explain(std::vector<QuorumCluster> candidates, const std::string& real,
                                   std::set<std::string>& seen_outcomes,
                                   std::set<std::string>& seen_states) {
  std::vector<QuorumCluster> kept;
  std::set<std::string> kept_states;
  for (QuorumCluster& c : candidates) {
    const std::string visible = harness_state(c);
    const std::string full = c.fingerprint();
    seen_outcomes.insert(visible);
    seen_states.insert(full);
    if (visible != real || kept.size() >= kMaxStates) continue;
    if (kept_states.insert(full).second) kept.push_back(std::move(c));
  }
  return kept;
}

std::string mismatch_text(size_t step, const std::string& real,
                          const std::set<std::string>& outcomes,
                          const std::vector<QuorumCluster>& before, VqsimProcess& vq) {
  std::string s = "after step " + std::to_string(step) + "\n--- vqsim ---\n" + real +
                  "--- quorate (every outcome its schedules allow) ---\n";
  for (const std::string& o : outcomes)
    s += o + "--\n";
  if (!before.empty()) s += "--- quorate state before the step ---\n" + harness_detail(before[0]);
  return s + "--- vqsim stderr ---\n" + vq.stderr_text();
}

// LMS timers run in real time in vqsim: a timer the model armed must not have been armed longer
// than 3/4 of the window before an observation that assumes it has not fired.
class LmsClock {
 public:
  bool still_valid(const QuorumCluster& model, Clock::time_point now) {
    for (const NodeView& v : model.views()) {
      const auto wake = model.node(v.id).wake_time();
      auto& [armed_wake, armed_at] = armed_[v.id];
      if (!wake.has_value()) {
        armed_wake.reset();
        continue;
      }
      if (armed_wake != wake) {
        armed_wake = wake;
        armed_at = step_start_;
      }
      if (now - armed_at > std::chrono::milliseconds(kVqsimLmsWindow.ms() * 3 / 4)) return false;
    }
    return true;
  }
  void step_started(Clock::time_point t) { step_start_ = t; }

 private:
  std::map<NodeId, std::pair<std::optional<Instant>, Clock::time_point>> armed_;
  Clock::time_point step_start_ = Clock::now();
};

}  // namespace

RunResult check_startup_against_vqsim(const VotequorumOptions& options) {
  Scenario sc;
  sc.options = options;
  VqsimProcess vq;
  if (auto err = vq.start(sc.options, kTimeout)) return fail(sc, 0, "vqsim start: " + *err);
  return check_startup(sc, vq);
}

RunResult run_scenario(const Scenario& sc) {
  VqsimProcess vq;
  const auto started = Clock::now();
  if (auto err = vq.start(sc.options, kTimeout)) return fail(sc, 0, "vqsim start: " + *err);
  RunResult startup = check_startup(sc, vq);
  if (!startup.passed || startup.startup_error) return startup;
  std::string out;
  if (auto err = vq.command("timeout 4000", kTimeout, out)) return fail(sc, 0, *err);
  std::vector<QuorumCluster> states;
  bool determinate = true;  // every schedule so far reached the same full state
  LmsClock lms;
  lms.step_started(started);
  for (size_t i = 0; i <= sc.steps.size(); ++i) {
    const Step* step = i > 0 ? &sc.steps[i - 1] : nullptr;
    // The model runs first, so that its CPU time does not eat into vqsim's real-time LMS window.
    std::vector<QuorumCluster> candidates;
    const size_t n_states = std::max<size_t>(states.size(), 1);
    const size_t variants = std::max<size_t>(3, kSchedulesPerStep / n_states);
    for (size_t s = 0; s < n_states; ++s) {
      auto next = successors(sc, states.empty() ? nullptr : &states[s], step, i, s, variants);
      for (QuorumCluster& c : next)
        candidates.push_back(std::move(c));
    }
    lms.step_started(Clock::now());
    if (step != nullptr && step->kind == Step::Kind::kWait) {
      std::this_thread::sleep_for(
          std::chrono::milliseconds((kVqsimLmsWindow + kVqsimWaitMargin).ms()));
    } else if (step != nullptr) {
      if (auto err = vq.command(vqsim_command(*step), kTimeout, out)) return fail(sc, i, *err);
    }
    if (auto err = settled_show(vq, rings_only(harness_state(candidates[0])), out)) {
      return fail(sc, i, *err);
    }
    if (sc.options.last_man_standing && !lms.still_valid(candidates[0], Clock::now())) {
      return RunResult{false, true, false, "timing-invalid\n" + describe(sc, i)};
    }
    const std::string real = vqsim_state(out);
    std::set<std::string> outcomes;
    std::set<std::string> full_states;
    std::vector<QuorumCluster> kept = explain(std::move(candidates), real, outcomes, full_states);
    determinate = determinate && full_states.size() == 1;
    if (kept.empty() && outcomes.size() == 1) {
      RunResult r = fail(sc, i, mismatch_text(i, real, outcomes, states, vq));
      r.hidden_state_uncertain = !determinate;
      return r;
    }
    if (kept.empty()) return RunResult{true, false, false, "", true, i};
    states = std::move(kept);
  }
  if (const std::string err = vq.stderr_text(); err.find("ERR") != std::string::npos) {
    return fail(sc, sc.steps.size(), "vqsim reported errors:\n" + err);
  }
  return RunResult{true, false, false, "", false, sc.steps.size() + 1};
}

}  // namespace quorate::quorum::testing
