// The votequorum sync protocol (sync_init / sync_process / message delivery / sync_activate)
// and the last_man_standing timer. See votequorum.h for the driver's contract.
#include <algorithm>
#include <set>

#include "engine/check.h"
#include "engine/quorum/votequorum.h"

namespace quorate::quorum {
namespace {

bool contains(std::span<const NodeId> list, NodeId id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

}  // namespace

void Votequorum::sync_init(std::span<const NodeId> members, RingId ring, Instant now) {
  QUORATE_CHECK_MSG(contains(members, local_), "a node is always a member of its own ring");
  QUORATE_CHECK_MSG(std::set<NodeId>(members.begin(), members.end()).size() == members.size(),
                    "duplicate member");
  sync_in_progress_ = true;
  if (members.size() > 1) us().flags &= ~uint32_t{kFlagFirst};
  // Nodes of the previous ring that are not in this one are dead; LMS needs to know if any left.
  bool someone_left = false;
  for (NodeId old : members_) {
    if (contains(members, old)) continue;
    someone_left = true;
    if (auto it = nodes_.find(old); it != nodes_.end()) it->second.state = NodeState::kDead;
  }
  if (config_.last_man_standing) maybe_arm_lms(members.size(), someone_left, now);
  previous_members_ = members_;
  members_.assign(members.begin(), members.end());
  ring_ = ring;
  QUORATE_CHECK(is_member(local_));
}

// LMS arming rule: (members >= quorum and someone left), or (members <= quorum, ATB on and the
// lowest node id of the last quorate partition is still here). Re-arming restarts the window.
void Votequorum::maybe_arm_lms(size_t member_count, bool someone_left, Instant now) {
  QUORATE_CHECK(config_.last_man_standing);
  QUORATE_CHECK(member_count >= 1);
  const bool shrink = member_count >= quorum_ && someone_left;
  const bool tie = member_count <= quorum_ && config_.atb != AtbMode::kNone &&
                   lowest_node_id_.has_value() && is_member(*lowest_node_id_);
  if (shrink || tie) lms_deadline_ = now + config_.last_man_standing_window;
}

std::vector<VqMessage> Votequorum::sync_process() const {
  QUORATE_CHECK(sync_in_progress_);
  QUORATE_CHECK(contains(members_, local_));
  return {own_nodeinfo(), qdevice_nodeinfo()};
}

void Votequorum::deliver(NodeId sender, const VqMessage& message) {
  QUORATE_CHECK(sender.valid());
  QUORATE_CHECK(is_member(local_));
  if (const auto* info = std::get_if<NodeInfoMsg>(&message)) {
    if (info->about == kQdeviceNodeId) {
      deliver_qdevice_info(sender, *info);
    } else {
      deliver_nodeinfo(sender, *info);
    }
  } else {
    deliver_reconfigure(std::get<ReconfigureMsg>(message));
  }
}

void Votequorum::deliver_nodeinfo(NodeId sender, const NodeInfoMsg& msg) {
  const NodeId about{msg.about};
  QUORATE_CHECK(about.valid());
  QUORATE_CHECK_MSG(about == sender, "a node only sends nodeinfo about itself");
  const bool new_node = !nodes_.contains(about);
  NodeRecord& node = nodes_[about];
  const NodeRecord old = node;
  node.flags = msg.flags;
  node.votes = msg.votes;
  node.state = NodeState::kMember;
  bool allow_decrease = false;
  bool by_node = false;
  if ((node.flags & kFlagLeaving) != 0) {
    node.state = NodeState::kLeaving;
    allow_decrease = by_node = true;
  }
  // An inquorate node adopts the expected votes of a quorate one (this may lower quorum).
  if (!cluster_is_quorate_ && (node.flags & kFlagQuorate) != 0) {
    allow_decrease = true;
    us().expected_votes = msg.expected_votes;
  }
  const bool trust_ev = (node.flags & kFlagQuorate) != 0 || config_.ev_tracking;
  node.expected_votes = trust_ev ? msg.expected_votes : us().expected_votes;
  if (config_.last_man_standing && node.votes > 1) {
    // "Last Man Standing feature is supported only when all cluster nodes votes are set to 1."
    config_.last_man_standing = false;
    lms_deadline_.reset();
  }
  if (new_node || about == local_ || (node.flags & kFlagFirst) != 0 || old.votes != node.votes ||
      old.expected_votes != node.expected_votes || old.flags != node.flags ||
      old.state != node.state) {
    recalculate_quorum(allow_decrease, by_node);
  }
  const NodeRecord& now_node = nodes_.at(about);
  if (config_.wait_for_all && (now_node.flags & kFlagWfaStatus) == 0 &&
      (now_node.flags & kFlagQuorate) != 0) {
    set_wfa_status(false);
  }
}

// The device's votes: an inquorate node takes a quorate sender's value, otherwise the maximum.
void Votequorum::deliver_qdevice_info(NodeId sender, const NodeInfoMsg& msg) {
  const auto it = nodes_.find(sender);
  QUORATE_CHECK_MSG(it != nodes_.end(), "qdevice nodeinfo from a node never heard of");
  QUORATE_CHECK(msg.about == kQdeviceNodeId);
  const uint32_t old_votes = qdevice_.votes;
  if (!cluster_is_quorate_ && (it->second.flags & kFlagQuorate) != 0) {
    qdevice_.votes = msg.votes;
  } else {
    qdevice_.votes = std::max(qdevice_.votes, msg.votes);
  }
  if (old_votes != qdevice_.votes) recalculate_quorum(false, false);
}

void Votequorum::deliver_reconfigure(const ReconfigureMsg& msg) {
  QUORATE_CHECK(msg.node.valid());
  switch (msg.param) {
    case ReconfigureParam::kExpectedVotes:
      QUORATE_CHECK(msg.value > 0);
      set_member_expected_votes(msg.value);
      ev_barrier_ = msg.value;
      if (config_.ev_tracking) {
        us().expected_votes = std::max(us().expected_votes, ev_tracking_barrier_);
      }
      recalculate_quorum(true, false);
      return;
    case ReconfigureParam::kNodeVotes:
      if (auto it = nodes_.find(msg.node); it != nodes_.end()) {
        it->second.votes = msg.value;
        recalculate_quorum(true, false);
      }
      return;
    case ReconfigureParam::kCancelWfa:
      set_wfa_status(false);
      recalculate_quorum(false, false);
      return;
  }
  QUORATE_UNREACHABLE();
}

void Votequorum::sync_activate() {
  QUORATE_CHECK(sync_in_progress_);
  recalculate_quorum(false, false);
  notify();
  sync_in_progress_ = false;
  QUORATE_CHECK(!notifications_.empty());
}

// The LMS window expired: if still quorate, expected votes drop to the current member count.
void Votequorum::on_timer(Instant now) {
  QUORATE_CHECK(is_member(local_));
  if (!lms_deadline_.has_value() || now < *lms_deadline_) return;
  lms_deadline_.reset();
  QUORATE_CHECK(config_.last_man_standing);
  if (cluster_is_quorate_) recalculate_quorum(true, true);
}

}  // namespace quorate::quorum
