// The quorum arithmetic of votequorum: calculate_quorum, are_we_quorate, recalculate_quorum and
// the tie-breaker checks. See votequorum.h for the contract.
#include <algorithm>

#include "engine/check.h"
#include "engine/quorum/votequorum.h"

namespace quorate::quorum {
namespace {

bool contains(const std::vector<NodeId>& list, NodeId id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

}  // namespace

// quorum = max((EV+2)/2, (TV+2)/2), never below the current quorum unless allow_decrease;
// two_node with at most two voters (nodes + a casting device) forces quorum 1. `max_expected`
// (when non-zero) replaces the highest expected votes (setexpected, LMS, LEAVING).
uint32_t Votequorum::calculate_quorum(bool allow_decrease, uint32_t max_expected,
                                      uint32_t& total_votes, bool apply_downscale) const {
  if (apply_downscale && config_.allow_downscale && allow_decrease && max_expected != 0) {
    max_expected = std::max(ev_barrier_, max_expected);
  }
  uint32_t highest_expected = 0;
  uint32_t total = 0;
  uint32_t voters = 0;
  for (const auto& [id, node] : nodes_) {
    if (node.state != NodeState::kMember) continue;
    highest_expected = std::max(highest_expected, node.expected_votes);
    total += node.votes;
    ++voters;
  }
  if ((us().flags & kFlagQdeviceCastVote) != 0) {
    total += qdevice_.votes;
    ++voters;
  }
  QUORATE_CHECK_MSG(voters >= 1, "the local node is always a member of its own table");
  if (max_expected > 0) highest_expected = max_expected;
  uint32_t quorum = std::max((highest_expected + 2) / 2, (total + 2) / 2);
  if (!allow_decrease) quorum = std::max<uint32_t>(quorum_, quorum);
  if (config_.two_node && voters <= 2) quorum = 1;
  total_votes = total;
  QUORATE_CHECK(quorum >= 1);
  return quorum;
}

void Votequorum::recalculate_quorum(bool allow_decrease, bool by_current_nodes) {
  QUORATE_CHECK(is_member(local_));
  uint32_t total_all = 0;
  uint32_t members_all = 0;
  for (const auto& [id, node] : nodes_) {
    if (node.state != NodeState::kMember) continue;
    total_all += node.votes;
    ++members_all;
  }
  // get_total_votes counts a configured device whether or not it casts its vote.
  if (qdevice_.votes != 0) {
    total_all += qdevice_.votes;
    ++members_all;
  }
  const uint32_t cluster_members = by_current_nodes ? members_all : 0;
  // Keep expected_votes at the highest number of votes seen.
  if (total_all > us().expected_votes) us().expected_votes = total_all;
  if (config_.ev_tracking && us().expected_votes > ev_tracking_barrier_) {
    ev_tracking_barrier_ = us().expected_votes;
  }
  uint32_t total_votes = 0;
  // Stored in 8 bits, like corosync's `static uint8_t quorum`.
  quorum_ = static_cast<uint8_t>(calculate_quorum(allow_decrease, cluster_members, total_votes));
  set_member_expected_votes(cluster_members);
  are_we_quorate(total_votes);
  QUORATE_CHECK(!cluster_is_quorate_ || !(config_.wait_for_all && wait_for_all_status_));
}

// wait_for_all: while the status is set, quorum is withheld unless TV equals our expected votes
// exactly. Returns true when it withholds (corosync returns early, without notifying).
bool Votequorum::wait_for_all_blocks(uint32_t total_votes) {
  if (!config_.wait_for_all || !wait_for_all_status_) return false;
  QUORATE_CHECK(is_member(local_));
  if (total_votes != us().expected_votes) {
    cluster_is_quorate_ = false;  // the QUORATE flag keeps its old value, as in corosync
    return true;
  }
  set_wfa_status(false);
  QUORATE_CHECK(!wait_for_all_status_);
  return false;
}

void Votequorum::are_we_quorate(uint32_t total_votes) {
  QUORATE_CHECK(is_member(local_));
  if (wait_for_all_blocks(total_votes)) return;
  bool quorate = quorum_ <= total_votes;
  if (quorate) refresh_lowest_highest();
  if (!quorate && tie_breaker_grants(total_votes)) quorate = true;
  if (!quorate && master_wins_grants()) quorate = true;
  const bool changed = cluster_is_quorate_ != quorate;
  cluster_is_quorate_ = quorate;
  NodeRecord& self = us();
  self.flags = quorate ? (self.flags | kFlagQuorate) : (self.flags & ~uint32_t{kFlagQuorate});
  if (config_.wait_for_all) set_wfa_status(!quorate);
  if (changed && !sync_in_progress_) notify();
  QUORATE_CHECK(((self.flags & kFlagQuorate) != 0) == cluster_is_quorate_);
}

// auto_tie_breaker's three-part condition: an exact half (TV == EV/2), the other side cannot
// have quorum (previous - current member count < quorum), and the tie-breaker is here.
bool Votequorum::tie_breaker_grants(uint32_t total_votes) const {
  if (config_.atb == AtbMode::kNone) return false;
  QUORATE_CHECK(config_.atb != AtbMode::kList || !config_.atb_nodes.empty());
  if (total_votes != us().expected_votes / 2) return false;
  const auto lost =
      static_cast<int64_t>(previous_members_.size()) - static_cast<int64_t>(members_.size());
  if (lost >= static_cast<int64_t>(quorum_)) return false;
  QUORATE_CHECK(members_.empty() ||
                std::find(members_.begin(), members_.end(), local_) != members_.end());
  return config_.atb == AtbMode::kList ? atb_list_grants() : tie_breaker_present();
}

// lowest/highest: the lowest (highest) node id seen the last time this node was quorate is a
// member now. Before the first quorate moment there is no such node (corosync: -1).
bool Votequorum::tie_breaker_present() const {
  QUORATE_CHECK(config_.atb != AtbMode::kNone);
  const std::optional<NodeId>& breaker =
      config_.atb == AtbMode::kHighest ? highest_node_id_ : lowest_node_id_;
  QUORATE_CHECK(lowest_node_id_.has_value() == highest_node_id_.has_value());
  return breaker.has_value() && is_member(*breaker);
}

// A node list: the first listed node in the current partition wins, unless a node listed before
// it was in the previous partition (it may be on the other side).
bool Votequorum::atb_list_grants() const {
  QUORATE_CHECK(config_.atb == AtbMode::kList);
  QUORATE_CHECK(!config_.atb_nodes.empty());
  const std::vector<NodeId>& list = config_.atb_nodes;
  for (size_t i = 0; i < list.size(); ++i) {
    if (!contains(members_, list[i])) continue;
    for (size_t j = 0; j < i; ++j) {
      if (contains(previous_members_, list[j])) return false;
    }
    return true;
  }
  return false;
}

// qdevice master_wins: a member whose device casts its vote with master_wins makes us quorate.
bool Votequorum::master_wins_grants() const {
  QUORATE_CHECK(is_member(local_));
  if (!master_wins_) return false;
  for (const auto& [id, node] : nodes_) {
    if (node.state == NodeState::kMember && (node.flags & kFlagQdeviceMasterWins) != 0 &&
        (node.flags & kFlagQdeviceCastVote) != 0) {
      return true;
    }
  }
  return false;
}

}  // namespace quorate::quorum
