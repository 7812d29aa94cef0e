#include "engine/quorum/votequorum_options.h"

#include <cctype>
#include <cstdlib>
#include <limits>

#include "engine/check.h"

namespace quorate::quorum {
namespace {

// What votequorum gathers from the configuration before applying any rule.
struct Gathered {
  uint32_t expected_votes = 0;  // quorum.expected_votes, 0 = unset
  bool have_nodelist = false;   // the local node is in the nodelist
  uint32_t node_votes = 1;      // the local node's quorum_votes
  uint32_t node_count = 0;
  uint32_t node_expected_votes = 0;  // sum of quorum_votes over the nodelist
  bool have_qdevice = false;
  std::optional<uint32_t> qdevice_votes;
};

Gathered gather(const VotequorumOptions& options, NodeId local) {
  QUORATE_CHECK(local.valid());
  Gathered g;
  g.expected_votes = options.expected_votes.value_or(0);
  for (const NodeVotes& node : options.nodelist) {
    QUORATE_CHECK_MSG(node.id.valid(), "nodelist entry without a valid nodeid");
    ++g.node_count;
    g.node_expected_votes += node.votes;
    if (node.id == local) {
      g.have_nodelist = true;
      g.node_votes = node.votes;
    }
  }
  if (options.device.has_value() && !options.device->model.empty()) {
    g.have_qdevice = true;
    g.qdevice_votes = options.device->votes;
  }
  QUORATE_CHECK(g.node_count == options.nodelist.size());
  return g;
}

// The features read only at start-up, with their defaults and implications.
void read_features(const VotequorumOptions& options, ResolvedOptions& r) {
  r.wait_for_all = options.wait_for_all.value_or(r.two_node);
  r.allow_downscale = options.allow_downscale;
  r.last_man_standing = options.last_man_standing;
  r.last_man_standing_window = options.last_man_standing_window;
  r.ev_tracking = options.expected_votes_tracking || options.allow_downscale;
  r.atb = options.auto_tie_breaker ? AtbMode::kLowest : AtbMode::kNone;
  if (!options.auto_tie_breaker && options.auto_tie_breaker_node.has_value()) {
    r.log.emplace_back("auto_tie_breaker_node: is meaningless if auto_tie_breaker is set to 0");
  }
  if (options.auto_tie_breaker && options.auto_tie_breaker_node.has_value()) {
    r.atb = parse_atb_nodes(*options.auto_tie_breaker_node, r.atb_nodes);
    if (r.atb == AtbMode::kNone) {
      r.log.emplace_back(
          "auto_tie_breaker_nodes is not valid. It must be 'lowest', 'highest' or a "
          "space-separated list of node IDs. auto_tie_breaker is disabled");
    }
  }
  QUORATE_CHECK(r.atb == AtbMode::kList || r.atb_nodes.empty());
}

// two_node + ATB, and ATB on an odd number of nodelist votes without wait_for_all.
std::optional<StartupError> apply_atb_rules(const Gathered& g, ResolvedOptions& r) {
  if (r.two_node && r.atb != AtbMode::kNone) {
    r.log.emplace_back("two_node and auto_tie_breaker are both specified but are not compatible.");
    r.log.emplace_back("two_node has been disabled, please fix your corosync.conf");
    r.two_node = false;
  }
  if (r.atb == AtbMode::kNone || g.node_expected_votes % 2 == 0 || r.wait_for_all) {
    return std::nullopt;
  }
  if (r.last_man_standing) {
    r.log.emplace_back("auto_tie_breaker is set, the cluster has an odd number of nodes");
    r.log.emplace_back("and last_man_standing is also set. With this situation a better");
    r.log.emplace_back("solution would be to disable LMS, leave ATB enabled, and also");
    r.log.emplace_back("enable wait_for_all (mandatory for ATB in odd-numbered clusters).");
    r.log.emplace_back(
        "Due to this ambiguity, corosync will fail to start. Please fix your corosync.conf");
    return StartupError{
        "configuration error: auto_tie_breaker & last_man_standing not available in odd sized "
        "cluster"};
  }
  r.log.emplace_back("auto_tie_breaker is set and the cluster has an odd number of nodes.");
  r.log.emplace_back("wait_for_all needs to be set for this configuration but it is missing");
  r.log.emplace_back("Therefore auto_tie_breaker has been disabled. Please fix your corosync.conf");
  r.atb = AtbMode::kNone;
  r.atb_nodes.clear();
  return std::nullopt;
}

// The quorum device rules, in corosync's order; the first that fails stops the start.
std::optional<StartupError> apply_device_rules(const Gathered& g, const ResolvedOptions& r) {
  if (!g.have_qdevice) return std::nullopt;
  if (r.last_man_standing) {
    return StartupError{
        "configuration error: quorum.device is not compatible with last_man_standing"};
  }
  if (r.atb != AtbMode::kNone) {
    return StartupError{
        "configuration error: quorum.device is not compatible with auto_tie_breaker"};
  }
  if (r.allow_downscale) {
    return StartupError{
        "configuration error: quorum.device is not compatible with allow_downscale"};
  }
  if (g.expected_votes != 0 && !g.qdevice_votes.has_value()) {
    return StartupError{
        "configuration error: quorum.device.votes must be specified when "
        "quorum.expected_votes is set"};
  }
  if (!g.qdevice_votes.has_value() && g.have_nodelist && g.node_count != g.node_expected_votes) {
    return StartupError{
        "configuration error: quorum.device.votes must be specified when not all nodes votes 1"};
  }
  if (g.qdevice_votes.value_or(0) > 0 && g.expected_votes != 0) {
    const auto delta = static_cast<int32_t>(g.expected_votes - *g.qdevice_votes);
    if (delta < 2) {
      return StartupError{
          "configuration error: quorum.device.votes is too high or expected_votes is too low"};
    }
  }
  return std::nullopt;
}

// This node's votes and expected votes, and the device's votes (automatic N-1 rule).
void assign_votes(const VotequorumOptions& options, Gathered g, uint32_t ev_tracking_barrier,
                  ResolvedOptions& r) {
  if (g.have_qdevice && !g.qdevice_votes.has_value() && g.expected_votes == 0 && g.have_nodelist &&
      g.node_count == g.node_expected_votes) {
    g.qdevice_votes = g.node_expected_votes - 1;
    g.node_expected_votes += *g.qdevice_votes;
  }
  if (r.ev_tracking) g.expected_votes = ev_tracking_barrier;
  if (g.have_nodelist) {
    r.votes = g.node_votes;
    r.expected_votes = g.node_expected_votes;
  } else {
    r.votes = options.votes.value_or(1);
  }
  if (g.expected_votes != 0) r.expected_votes = g.expected_votes;
  r.have_qdevice = g.have_qdevice;
  r.qdevice_votes = g.have_qdevice ? g.qdevice_votes.value_or(0) : 0;
  if (g.have_qdevice) {
    r.qdevice_timeout = options.device->timeout;
    r.qdevice_sync_timeout = options.device->sync_timeout;
  }
  QUORATE_CHECK(r.have_qdevice || r.qdevice_votes == 0);
}

}  // namespace

const char* to_string(AtbMode mode) {
  switch (mode) {
    case AtbMode::kNone:
      return "none";
    case AtbMode::kLowest:
      return "lowest";
    case AtbMode::kHighest:
      return "highest";
    case AtbMode::kList:
      return "list";
  }
  QUORATE_UNREACHABLE();
}

AtbMode parse_atb_nodes(const std::string& text, std::vector<NodeId>& list_out) {
  list_out.clear();
  if (text == "lowest") return AtbMode::kLowest;
  if (text == "highest") return AtbMode::kHighest;
  // corosync: if atoi(string) is non-zero, read numbers with strtol until one reads as 0.
  if (std::atoi(text.c_str()) == 0) return AtbMode::kNone;
  const char* ptr = text.c_str();
  for (;;) {
    char* end = nullptr;
    const long num = std::strtol(ptr, &end, 10);
    if (num == 0) break;
    QUORATE_CHECK(end != ptr);
    if (num > 0 && num <= static_cast<long>(kMaxNodeId)) {
      list_out.push_back(NodeId{static_cast<uint32_t>(num)});
    }
    ptr = end;
  }
  return list_out.empty() ? AtbMode::kNone : AtbMode::kList;
}

ResolveResult resolve_options(const VotequorumOptions& options, NodeId local,
                              uint32_t ev_tracking_barrier) {
  const Gathered g = gather(options, local);
  ResolvedOptions r;
  r.node_count = g.node_count;
  r.two_node = options.two_node;
  if (!g.have_nodelist && g.expected_votes == 0) {
    return StartupError{
        "configuration error: nodelist or quorum.expected_votes must be configured!"};
  }
  if (r.two_node && g.have_qdevice) {
    return StartupError{
        "configuration error: two_node and quorum device cannot be configured at the same "
        "time!"};
  }
  read_features(options, r);
  if (auto err = apply_atb_rules(g, r)) return *err;
  if (auto err = apply_device_rules(g, r)) return *err;
  assign_votes(options, g, ev_tracking_barrier, r);
  QUORATE_CHECK(!(r.two_node && r.atb != AtbMode::kNone));
  return r;
}

}  // namespace quorate::quorum
