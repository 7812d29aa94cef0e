// votequorum's library calls: getinfo, setexpected, setvotes, cancel_wait_for_all, the clean
// shutdown message, and the quorum device calls. See votequorum.h for the contract.
#include <algorithm>

#include "engine/check.h"
#include "engine/quorum/votequorum.h"

namespace quorate::quorum {
namespace {

// corosync refuses a new quorum below half of, or above, the total votes.
bool quorum_acceptable(uint32_t new_quorum, uint32_t total_votes) {
  return new_quorum >= total_votes / 2 && new_quorum <= total_votes;
}

}  // namespace

AdminResult Votequorum::set_expected(uint32_t expected_votes, std::vector<VqMessage>& out) {
  QUORATE_CHECK(is_member(local_));
  if (expected_votes == 0) return AdminResult::kInvalidParam;
  uint32_t total_votes = 0;
  const uint32_t new_quorum = calculate_quorum(true, expected_votes, total_votes, false);
  if (!quorum_acceptable(new_quorum, total_votes)) return AdminResult::kInvalidParam;
  set_member_expected_votes(expected_votes);
  out.emplace_back(ReconfigureMsg{ReconfigureParam::kExpectedVotes, local_, expected_votes});
  QUORATE_CHECK(us().expected_votes == expected_votes);
  return AdminResult::kOk;
}

AdminResult Votequorum::set_votes(NodeId node, uint32_t votes, std::vector<VqMessage>& out) {
  QUORATE_CHECK(node.valid());
  const auto it = nodes_.find(node);
  if (it == nodes_.end()) return AdminResult::kNotFound;
  const uint32_t saved = it->second.votes;
  it->second.votes = votes;
  uint32_t total_votes = 0;
  const uint32_t new_quorum = calculate_quorum(true, 0, total_votes);
  if (!quorum_acceptable(new_quorum, total_votes)) {
    it->second.votes = saved;
    return AdminResult::kInvalidParam;
  }
  out.emplace_back(ReconfigureMsg{ReconfigureParam::kNodeVotes, node, votes});
  QUORATE_CHECK(it->second.votes == votes);
  return AdminResult::kOk;
}

std::vector<VqMessage> Votequorum::cancel_wait_for_all() const {
  QUORATE_CHECK(is_member(local_));
  QUORATE_CHECK(!sync_in_progress_);
  return {ReconfigureMsg{ReconfigureParam::kCancelWfa, local_, 0}};
}

std::vector<VqMessage> Votequorum::leave() {
  QUORATE_CHECK(is_member(local_));
  if (!config_.allow_downscale) return {};
  us().flags |= kFlagLeaving;
  QUORATE_CHECK((us().flags & kFlagLeaving) != 0);
  return {own_nodeinfo()};
}

AdminResult Votequorum::qdevice_register(std::vector<VqMessage>& out) {
  QUORATE_CHECK(is_member(local_));
  // corosync accepts a registration even without quorum.device (the device then has 0 votes).
  if ((us().flags & kFlagQdeviceRegistered) != 0) return AdminResult::kOk;
  us().flags |= kFlagQdeviceRegistered;
  out.emplace_back(qdevice_nodeinfo());
  out.emplace_back(own_nodeinfo());
  QUORATE_CHECK((us().flags & kFlagQdeviceRegistered) != 0);
  return AdminResult::kOk;
}

AdminResult Votequorum::qdevice_unregister(std::vector<VqMessage>& out) {
  QUORATE_CHECK(is_member(local_));
  if ((us().flags & kFlagQdeviceRegistered) == 0) return AdminResult::kNotRegistered;
  us().flags &= ~uint32_t{kFlagQdeviceRegistered | kFlagQdeviceAlive | kFlagQdeviceCastVote |
                          kFlagQdeviceMasterWins};
  out.emplace_back(own_nodeinfo());
  QUORATE_CHECK((us().flags & kFlagQdeviceCastVote) == 0);
  return AdminResult::kOk;
}

AdminResult Votequorum::qdevice_poll(bool cast_vote, std::vector<VqMessage>& out) {
  QUORATE_CHECK(is_member(local_));
  if ((us().flags & kFlagQdeviceRegistered) == 0) return AdminResult::kNotRegistered;
  const uint32_t old_flags = us().flags;
  us().flags |= kFlagQdeviceAlive;
  if (cast_vote) {
    us().flags |= kFlagQdeviceCastVote;
  } else {
    us().flags &= ~uint32_t{kFlagQdeviceCastVote};
  }
  if (us().flags != old_flags) out.emplace_back(own_nodeinfo());
  QUORATE_CHECK((us().flags & kFlagQdeviceAlive) != 0);
  return AdminResult::kOk;
}

AdminResult Votequorum::qdevice_master_wins(bool allow, std::vector<VqMessage>& out) {
  QUORATE_CHECK(is_member(local_));
  if ((us().flags & kFlagQdeviceRegistered) == 0) return AdminResult::kNotRegistered;
  const uint32_t old_flags = us().flags;
  if (allow) {
    us().flags |= kFlagQdeviceMasterWins;
  } else {
    us().flags &= ~uint32_t{kFlagQdeviceMasterWins};
  }
  if (us().flags != old_flags) out.emplace_back(own_nodeinfo());
  master_wins_ = allow;
  QUORATE_CHECK(master_wins_ == allow);
  return AdminResult::kOk;
}

std::optional<VotequorumInfo> Votequorum::info(NodeId node) const {
  if (node.value == kQdeviceNodeId) node = local_;
  const auto it = nodes_.find(node);
  if (it == nodes_.end()) return std::nullopt;
  VotequorumInfo out;
  for (const auto& [id, record] : nodes_) {
    if (record.state != NodeState::kMember) continue;
    out.highest_expected = std::max(out.highest_expected, record.expected_votes);
    out.total_votes += record.votes;
  }
  const uint32_t flags = it->second.flags;
  if ((flags & kFlagQdeviceCastVote) != 0) out.total_votes += qdevice_.votes;
  out.node = node;
  out.state = it->second.state;
  out.node_votes = it->second.votes;
  out.node_expected_votes = it->second.expected_votes;
  out.quorum = quorum_;
  out.quorate = cluster_is_quorate_;
  out.two_node = config_.two_node;
  out.wait_for_all = config_.wait_for_all;
  out.last_man_standing = config_.last_man_standing;
  out.auto_tie_breaker = config_.atb != AtbMode::kNone;
  out.allow_downscale = config_.allow_downscale;
  out.qdevice_registered = (flags & kFlagQdeviceRegistered) != 0;
  out.qdevice_alive = (flags & kFlagQdeviceAlive) != 0;
  out.qdevice_cast_vote = (flags & kFlagQdeviceCastVote) != 0;
  out.qdevice_master_wins = (flags & kFlagQdeviceMasterWins) != 0;
  out.qdevice_votes = qdevice_.votes;
  return out;
}

}  // namespace quorate::quorum
