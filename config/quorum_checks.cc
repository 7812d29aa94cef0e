#include "config/quorum_checks.h"

#include <cctype>
#include <string>

namespace quorate::config {

uint32_t effective_expected_votes(const CorosyncConfig& c) {
  if (c.quorum.expected_votes.value != 0) return c.quorum.expected_votes.value;
  uint32_t sum = 0;
  for (const NodeConfig& n : c.nodes)
    sum += n.quorum_votes.value;
  return sum;
}

namespace {

class QuorumChecker {
 public:
  QuorumChecker(const CorosyncConfig& c, Severity s) : c_(c), q_(c.quorum), severity_(s) {}

  Diagnostics run() {
    check_device();
    check_two_node();
    check_atb();
    check_lms();
    check_provider();
    return std::move(out_);
  }

 private:
  void report(int line, std::string message) {
    out_.push_back(Diagnostic{severity_, Origin::kQuorum, c_.file, line, std::move(message)});
  }

  void device_conflict(const Setting<uint32_t>& s, const char* option) {
    if (s.value == 0) return;
    report(s.line, std::string(option) +
                       " and quorum device cannot be configured at the same time! "
                       "(votequorum refuses to start)");
  }

  void check_device() {
    if (!q_.device) return;
    const QuorumDeviceConfig& d = *q_.device;
    device_conflict(q_.two_node, "two_node");
    device_conflict(q_.last_man_standing, "last_man_standing");
    device_conflict(q_.auto_tie_breaker, "auto_tie_breaker");
    device_conflict(q_.allow_downscale, "allow_downscale");
    if (!d.model.is_set()) report(d.line, "quorum.device.model is not set");
    if (!q_.expected_votes.is_set()) return;
    if (!d.votes.is_set()) {
      report(q_.expected_votes.line,
             "quorum.device.votes must be set when quorum.expected_votes is set");
    } else if (q_.expected_votes.value < d.votes.value + 2) {
      report(d.votes.line, "quorum.expected_votes (" + std::to_string(q_.expected_votes.value) +
                               ") minus quorum.device.votes (" + std::to_string(d.votes.value) +
                               ") must be at least 2");
    }
  }

  void check_two_node() {
    if (q_.two_node.value == 0) return;
    if (q_.auto_tie_breaker.value != 0) {
      report(q_.two_node.line,
             "two_node is disabled because auto_tie_breaker is set (votequorum logs CRIT)");
    }
    if (c_.nodes.size() != 2) {
      report(q_.two_node.line, "two_node is set but the nodelist has " +
                                   std::to_string(c_.nodes.size()) +
                                   " nodes: it only applies while at most 2 nodes are members");
    }
  }

  void check_atb() {
    if (q_.auto_tie_breaker.value == 0) return;
    uint32_t ev = effective_expected_votes(c_);
    bool wfa = q_.wait_for_all.value != 0;
    if (q_.last_man_standing.value != 0 && !wfa && ev % 2 == 1) {
      report(q_.auto_tie_breaker.line,
             "auto_tie_breaker & last_man_standing not available in odd sized cluster");
    } else if (!wfa && ev % 2 == 1) {
      report(q_.auto_tie_breaker.line,
             "auto_tie_breaker is disabled with an odd number of expected votes (" +
                 std::to_string(ev) + ") unless wait_for_all is set");
    }
    if (!valid_atb_node(q_.auto_tie_breaker_node.value)) {
      report(q_.auto_tie_breaker_node.line,
             "auto_tie_breaker_node must be lowest, highest or a list of node ids");
    }
  }

  static bool valid_atb_node(const std::string& v) {
    if (v == "lowest" || v == "highest") return true;
    bool digit_seen = false;
    for (char ch : v) {
      if (std::isdigit(static_cast<unsigned char>(ch)))
        digit_seen = true;
      else if (ch != ' ' && ch != '\t')
        return false;
    }
    return digit_seen;
  }

  void check_lms() {
    if (q_.last_man_standing.value == 0) return;
    for (const NodeConfig& n : c_.nodes) {
      if (n.quorum_votes.value != 1) {
        report(q_.last_man_standing.line,
               "last_man_standing is disabled at runtime unless every node has 1 vote");
        return;
      }
    }
  }

  void check_provider() {
    const auto& p = q_.provider;
    if (p.is_set() && p.value != "corosync_votequorum") {
      report(p.line,
             "quorum provider '" + p.value + "' is unknown: only corosync_votequorum is supported");
    }
  }

  const CorosyncConfig& c_;
  const QuorumConfig& q_;
  Severity severity_;
  Diagnostics out_;
};

}  // namespace

Diagnostics check_quorum(const CorosyncConfig& config, Severity severity) {
  return QuorumChecker(config, severity).run();
}

}  // namespace quorate::config
