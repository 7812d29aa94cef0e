// The votequorum state machine of ONE node (behaviour of corosync:exec/votequorum.c).
//
// How a driver (the future totem ring, or tests/quorum's cluster harness) uses it, per
// configuration change of the ring this node is in:
//   1. sync_init(members, ring, now) on every member;
//   2. sync_process() on every member: the messages it returns are multicast to all members;
//   3. deliver(sender, message, now) on every member, for every message, in one agreed order
//      (the sender receives its own messages too);
//   4. sync_activate(now) on every member.
// Outside a sync, messages returned by the admin and qdevice calls (set_expected, set_votes,
// qdevice_poll, leave, ...) are multicast and delivered the same way, in agreed order.
//
// Time: the module never reads a clock. Every call that can arm the last_man_standing timer
// carries `now`; wake_time() tells the driver when to call on_timer(now) (now >= wake_time()).
//
// Ownership and invariants:
// - A Votequorum owns its node table (keyed and ordered by NodeId), its own node's record is
//   always present and MEMBER, and it never keeps references into a caller's data.
// - `quorum` is stored in 8 bits like corosync's `static uint8_t quorum`: it wraps modulo 256.
// - Quorum never decreases except through the allow_decrease paths corosync has: setexpected,
//   setvotes, the LMS window expiry, a LEAVING node, and a quorate node's nodeinfo reaching an
//   inquorate node (which adopts that node's expected votes).
// - Disabling at runtime (LMS when a node has > 1 vote) is permanent for this node, as in
//   corosync.
// - Message order matters: corosync delivers a sync round's nodeinfo (the sender's own included)
//   before sync_activate. Delivering them after activation (as corosync-vqsim does) is allowed
//   and reproduces vqsim's results; see tests/quorum/quorum_cluster.h.
//
// Not modelled (yet): the quorum device's alive timeout and the sync wait for its poll
// (device.timeout / sync_timeout: the driver calls qdevice_poll on every ring instead), the
// device name bookkeeping messages, runtime configuration reload, and the ev_tracking file
// itself (the driver persists ev_tracking_barrier() and passes it to start()).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "engine/ids.h"
#include "engine/quorum/votequorum_options.h"
#include "engine/time.h"

namespace quorate::quorum {

// A totem ring id: representative node and sequence number.
struct RingId {
  NodeId rep;
  uint64_t seq = 0;
  friend bool operator==(const RingId&, const RingId&) = default;
};

// Node flags exchanged in nodeinfo (the values are corosync's NODE_FLAGS_*).
enum NodeFlag : uint32_t {
  kFlagQuorate = 1,
  kFlagLeaving = 2,
  kFlagWfaStatus = 4,
  kFlagFirst = 8,
  kFlagQdeviceRegistered = 16,
  kFlagQdeviceAlive = 32,
  kFlagQdeviceCastVote = 64,
  kFlagQdeviceMasterWins = 128,
};

// The quorum device's pseudo node id in nodeinfo messages (VOTEQUORUM_QDEVICE_NODEID).
inline constexpr uint32_t kQdeviceNodeId = 0;

// "My votes, expected votes and flags" (or, with about == kQdeviceNodeId, the device's votes).
struct NodeInfoMsg {
  uint32_t about = 0;  // a node id, or kQdeviceNodeId
  uint32_t votes = 0;
  uint32_t expected_votes = 0;
  uint32_t flags = 0;
  friend bool operator==(const NodeInfoMsg&, const NodeInfoMsg&) = default;
};

enum class ReconfigureParam : uint8_t { kExpectedVotes = 1, kNodeVotes = 2, kCancelWfa = 3 };

struct ReconfigureMsg {
  ReconfigureParam param = ReconfigureParam::kExpectedVotes;
  NodeId node;
  uint32_t value = 0;
  friend bool operator==(const ReconfigureMsg&, const ReconfigureMsg&) = default;
};

using VqMessage = std::variant<NodeInfoMsg, ReconfigureMsg>;

enum class NodeState : uint8_t { kMember = 1, kDead = 2, kLeaving = 3 };

struct NodeRecord {
  NodeState state = NodeState::kDead;
  uint32_t votes = 0;
  uint32_t expected_votes = 0;
  uint32_t flags = 0;
};

// What corosync's quorum callback reports: sent at every sync_activate and on every change of
// the quorate state outside a sync.
struct QuorumNotification {
  bool quorate = false;
  RingId ring;
  std::vector<NodeId> members;
};

// votequorum_getinfo for one node (the fields corosync-quorumtool prints).
struct VotequorumInfo {
  NodeId node;
  NodeState state = NodeState::kDead;
  uint32_t node_votes = 0;
  uint32_t node_expected_votes = 0;
  uint32_t highest_expected = 0;
  uint32_t total_votes = 0;
  uint32_t quorum = 0;
  bool quorate = false;
  bool two_node = false;
  bool wait_for_all = false;
  bool last_man_standing = false;
  bool auto_tie_breaker = false;
  bool allow_downscale = false;
  bool qdevice_registered = false;
  bool qdevice_alive = false;
  bool qdevice_cast_vote = false;
  bool qdevice_master_wins = false;
  uint32_t qdevice_votes = 0;
};

// Result of the admin calls, with corosync's error codes where it refuses.
enum class AdminResult : uint8_t { kOk, kInvalidParam, kNotFound, kNotRegistered };

class Votequorum {
 public:
  // Starts node `local`: resolves the options (a StartupError means corosync would refuse to
  // start) and runs the start-up quorum calculation. `ev_tracking_barrier` is the persisted
  // expected_votes_tracking value.
  static std::variant<Votequorum, StartupError> start(NodeId local,
                                                      const VotequorumOptions& options,
                                                      uint32_t ev_tracking_barrier = 0);

  // The nodeinfo corosync multicasts from exec_init, before any sync (vqsim delivers it to the
  // node's partition; a real corosync delivers it in the node's first, singleton ring).
  std::vector<VqMessage> startup_messages() const;

  // --- sync (every configuration change) ---
  void sync_init(std::span<const NodeId> members, RingId ring, Instant now);
  std::vector<VqMessage> sync_process() const;
  void deliver(NodeId sender, const VqMessage& message);
  void sync_activate();

  // --- time ---
  std::optional<Instant> wake_time() const { return lms_deadline_; }
  void on_timer(Instant now);

  // --- administration (corosync-quorumtool -e / -v, cancel_wait_for_all, clean shutdown) ---
  // On kOk, `out` receives the messages to multicast.
  AdminResult set_expected(uint32_t expected_votes, std::vector<VqMessage>& out);
  AdminResult set_votes(NodeId node, uint32_t votes, std::vector<VqMessage>& out);
  std::vector<VqMessage> cancel_wait_for_all() const;
  // Clean shutdown (exec_exit_fn): with allow_downscale, the LEAVING nodeinfo to multicast.
  std::vector<VqMessage> leave();

  // --- quorum device (the local corosync-qdevice daemon's library calls) ---
  AdminResult qdevice_register(std::vector<VqMessage>& out);
  AdminResult qdevice_unregister(std::vector<VqMessage>& out);
  AdminResult qdevice_poll(bool cast_vote, std::vector<VqMessage>& out);
  AdminResult qdevice_master_wins(bool allow, std::vector<VqMessage>& out);

  // --- observers ---
  NodeId id() const { return local_; }
  bool quorate() const { return cluster_is_quorate_; }
  uint32_t quorum() const { return quorum_; }
  uint32_t expected_votes() const { return us().expected_votes; }
  bool wait_for_all_status() const { return wait_for_all_status_; }
  bool last_man_standing_enabled() const { return config_.last_man_standing; }
  uint32_t ev_tracking_barrier() const { return ev_tracking_barrier_; }
  const RingId& ring() const { return ring_; }
  const std::vector<NodeId>& members() const { return members_; }
  const ResolvedOptions& config() const { return config_; }
  const std::map<NodeId, NodeRecord>& nodes() const { return nodes_; }
  std::optional<VotequorumInfo> info(NodeId node) const;
  // Every field of the state, one stable line (traces; tests compare states with it).
  std::string debug_string() const;
  // Quorum callbacks since the last call, oldest first.
  std::vector<QuorumNotification> drain_notifications();

 private:
  Votequorum(NodeId local, ResolvedOptions config);

  NodeRecord& us() { return nodes_.at(local_); }
  const NodeRecord& us() const { return nodes_.at(local_); }
  bool is_member(NodeId id) const;

  // Quorum core (calculate_quorum, are_we_quorate, recalculate_quorum).
  uint32_t calculate_quorum(bool allow_decrease, uint32_t max_expected, uint32_t& total_votes,
                            bool apply_downscale = true) const;
  void recalculate_quorum(bool allow_decrease, bool by_current_nodes);
  void are_we_quorate(uint32_t total_votes);
  bool wait_for_all_blocks(uint32_t total_votes);
  bool tie_breaker_grants(uint32_t total_votes) const;
  bool tie_breaker_present() const;
  bool atb_list_grants() const;
  bool master_wins_grants() const;
  void set_wfa_status(bool on);
  void refresh_lowest_highest();
  void set_member_expected_votes(uint32_t expected_votes);

  void deliver_nodeinfo(NodeId sender, const NodeInfoMsg& msg);
  void deliver_qdevice_info(NodeId sender, const NodeInfoMsg& msg);
  void deliver_reconfigure(const ReconfigureMsg& msg);
  void maybe_arm_lms(size_t member_count, bool someone_left, Instant now);
  NodeInfoMsg own_nodeinfo() const;
  NodeInfoMsg qdevice_nodeinfo() const;
  void notify();

  NodeId local_;
  ResolvedOptions config_;
  std::map<NodeId, NodeRecord> nodes_;  // includes us
  NodeRecord qdevice_;                  // the device pseudo node (votes, state)
  uint8_t quorum_ = 0;                  // corosync's uint8_t quirk
  bool cluster_is_quorate_ = false;
  bool wait_for_all_status_ = false;
  bool sync_in_progress_ = false;
  bool master_wins_ = false;  // the local device asked for master_wins
  uint32_t ev_barrier_ = 0;
  uint32_t ev_tracking_barrier_ = 0;
  std::optional<NodeId> lowest_node_id_;  // refreshed only while quorate (corosync: -1 first)
  std::optional<NodeId> highest_node_id_;
  std::vector<NodeId> members_;           // quorum_members: the current ring's member list
  std::vector<NodeId> previous_members_;  // previous_quorum_members
  RingId ring_;
  std::optional<Instant> lms_deadline_;
  std::vector<QuorumNotification> notifications_;
};

}  // namespace quorate::quorum
