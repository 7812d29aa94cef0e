#include "engine/quorum/votequorum.h"

#include <algorithm>
#include <utility>

#include "engine/check.h"

namespace quorate::quorum {
namespace {

bool contains(const std::vector<NodeId>& list, NodeId id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

bool has_flag(uint32_t flags, NodeFlag flag) {
  return (flags & flag) != 0;
}

void set_flag(uint32_t& flags, NodeFlag flag, bool on) {
  if (on) {
    flags |= flag;
  } else {
    flags &= ~static_cast<uint32_t>(flag);
  }
}

}  // namespace

// ---------------------------------------------------------------- start-up

Votequorum::Votequorum(NodeId local, ResolvedOptions config)
    : local_(local), config_(std::move(config)) {
  QUORATE_CHECK(local_.valid());
  NodeRecord self;
  self.state = NodeState::kMember;
  self.votes = config_.votes;
  self.expected_votes = config_.expected_votes;
  self.flags = kFlagFirst;
  nodes_.emplace(local_, self);
  qdevice_.votes = config_.qdevice_votes;
  ev_barrier_ = self.expected_votes;
  QUORATE_CHECK(nodes_.size() == 1);
}

std::variant<Votequorum, StartupError> Votequorum::start(NodeId local,
                                                         const VotequorumOptions& options,
                                                         uint32_t ev_tracking_barrier) {
  QUORATE_CHECK(local.valid());
  ResolveResult resolved = resolve_options(options, local, ev_tracking_barrier);
  if (auto* error = std::get_if<StartupError>(&resolved)) return *error;
  Votequorum vq(local, std::move(std::get<ResolvedOptions>(resolved)));
  if (vq.config_.ev_tracking) vq.ev_tracking_barrier_ = ev_tracking_barrier;
  if (vq.config_.wait_for_all) vq.set_wfa_status(true);
  vq.recalculate_quorum(false, false);
  QUORATE_CHECK(!vq.sync_in_progress_);
  return vq;
}

std::vector<VqMessage> Votequorum::startup_messages() const {
  QUORATE_CHECK(!sync_in_progress_);
  QUORATE_CHECK(is_member(local_));
  return {own_nodeinfo()};
}

// ---------------------------------------------------------------- helpers

bool Votequorum::is_member(NodeId id) const {
  const auto it = nodes_.find(id);
  return it != nodes_.end() && it->second.state == NodeState::kMember;
}

void Votequorum::set_wfa_status(bool on) {
  QUORATE_CHECK_MSG(config_.wait_for_all || !on, "waiting for all without wait_for_all");
  wait_for_all_status_ = on;
  set_flag(us().flags, kFlagWfaStatus, on);
  QUORATE_CHECK(has_flag(us().flags, kFlagWfaStatus) == wait_for_all_status_);
}

void Votequorum::set_member_expected_votes(uint32_t expected_votes) {
  QUORATE_CHECK(is_member(local_));
  if (expected_votes == 0) return;
  for (auto& [id, node] : nodes_) {
    if (node.state == NodeState::kMember) node.expected_votes = expected_votes;
  }
  QUORATE_CHECK(us().expected_votes == expected_votes);
}

void Votequorum::refresh_lowest_highest() {
  NodeId lowest = local_;
  NodeId highest = local_;
  for (const auto& [id, node] : nodes_) {
    if (node.state != NodeState::kMember) continue;
    lowest = std::min(lowest, id);
    highest = std::max(highest, id);
  }
  QUORATE_CHECK(lowest <= highest);
  QUORATE_CHECK(lowest <= local_ && local_ <= highest);
  lowest_node_id_ = lowest;
  highest_node_id_ = highest;
}

NodeInfoMsg Votequorum::own_nodeinfo() const {
  const NodeRecord& self = us();
  QUORATE_CHECK(local_.valid());
  QUORATE_CHECK(self.state == NodeState::kMember || has_flag(self.flags, kFlagLeaving));
  return NodeInfoMsg{local_.value, self.votes, self.expected_votes, self.flags};
}

NodeInfoMsg Votequorum::qdevice_nodeinfo() const {
  QUORATE_CHECK(qdevice_.flags == 0);
  QUORATE_CHECK(qdevice_.expected_votes == 0);
  return NodeInfoMsg{kQdeviceNodeId, qdevice_.votes, qdevice_.expected_votes, qdevice_.flags};
}

void Votequorum::notify() {
  QUORATE_CHECK(contains(members_, local_) || members_.empty());
  QUORATE_CHECK(cluster_is_quorate_ == has_flag(us().flags, kFlagQuorate) || config_.wait_for_all);
  notifications_.push_back(QuorumNotification{cluster_is_quorate_, ring_, members_});
}

std::string Votequorum::debug_string() const {
  std::string s =
      "node " + to_string(local_) + " quorum " + std::to_string(quorum_) + " quorate " +
      std::to_string(cluster_is_quorate_) + " wfa " + std::to_string(wait_for_all_status_) +
      " sync " + std::to_string(sync_in_progress_) + " lms " +
      std::to_string(config_.last_man_standing) + " mw " + std::to_string(master_wins_) + " evb " +
      std::to_string(ev_barrier_) + " evt " + std::to_string(ev_tracking_barrier_) + " low " +
      (lowest_node_id_ ? to_string(*lowest_node_id_) : "-") + " high " +
      (highest_node_id_ ? to_string(*highest_node_id_) : "-") + " ring " + to_string(ring_.rep) +
      "." + std::to_string(ring_.seq) + " wake " +
      (lms_deadline_ ? std::to_string(lms_deadline_->ns()) : "-") + " qdev " +
      std::to_string(qdevice_.votes) + " members";
  for (NodeId id : members_)
    s += " " + to_string(id);
  s += " prev";
  for (NodeId id : previous_members_)
    s += " " + to_string(id);
  for (const auto& [id, n] : nodes_) {
    s += " | " + to_string(id) + " s" + std::to_string(static_cast<int>(n.state)) + " v" +
         std::to_string(n.votes) + " e" + std::to_string(n.expected_votes) + " f" +
         std::to_string(n.flags);
  }
  return s;
}

std::vector<QuorumNotification> Votequorum::drain_notifications() {
  std::vector<QuorumNotification> out;
  out.swap(notifications_);
  return out;
}

}  // namespace quorate::quorum
