// Totem: the totem single-ring protocol of ONE node (corosync exec/totemsrp.c semantics, see
// /work/shared/research/corosync-knet.md §1), sans-I/O and sans-time.
//
// What it does:
// - Ordering: the token walks the members in ascending node id; its holder stamps queued
//   messages with token.seq + 1, ... and multicasts them; every node delivers in seq order up to
//   the first hole (agreed order; "safe" is not distinguished, as in corosync). Retransmit list
//   on the token (miss_count_const visits, at most 30 entries), token dedup by token_seq, token
//   retransmit, fail_recv_const, flow control (window_size, max_messages, backlog), idle-ring
//   token hold by the rep with TOKEN_HOLD_CANCEL, merge detection by an idle rep.
// - Membership: GATHER (JOINs with proc/failed sets, join resend, consensus restarted on every
//   gather entry), COMMIT (commit token in two rotations), RECOVERY (old-ring messages above the
//   lowest old aru re-multicast encapsulated among the members that move together), then on
//   OPERATIONAL entry: old-ring messages up to the first gap, the TRANSITIONAL configuration,
//   the REGULAR configuration, in that order. Graceful leave sends a LEAVE join.
// Phases live in their own files: operational.cc, retransmit.cc, flow_control.cc,
// token_hold.cc, gather.cc, commit.cc, recovery.cc.
//
// Driving contract (the owner is RingEngine, which runs the link layer underneath):
// - Single-threaded; every call carries the node's local `now`, never going backwards.
// - Output goes to the TotemSink given at construction (which must outlive the Totem): unicast
//   and multicast link-layer messages (multicast = every other reachable node; the Totem never
//   expects its own multicasts back, it applies them to itself) and seam Events.
// - Timers: the Totem never sets a wake-up; after every call its owner reads next_wake() and
//   calls on_timer() at a local time >= it (late is fine).
// - Any byte string given to on_message is handled without a check failure (counted, reported
//   as kRingMalformed). QUORATE_CHECKs guard the Totem's own invariants on every transition.
//
// Deviations (documented gaps): FAILED TO RECEIVE is reported and enters GATHER without putting
// self in the failed list; the ring seq survives a restart of the Totem object but there is no
// persistence across a new object (a fresh node starts at seq 0); recovery re-multicasts every
// held old-ring message above the lowest old aru, whatever the received_flg values; the token
// retransmit timer is cancelled only by a message ordered AFTER the token I forwarded (corosync
// cancels it on any message from another node, which lets a reordered old retransmission hide a
// lost token); in COMMIT/RECOVERY a JOIN that is a subset of the agreed sets is ignored;
// cancel_token_hold_on_retransmit is not implemented; no "Process pause detected"; no optional
// heartbeat; a node stopped by leave() drops the messages it had queued; in GATHER a JOIN that
// adds nothing to my proc or failed set (but is not a subset of them, e.g. it fails nodes outside
// both our old rings) does not re-enter GATHER: corosync re-enters, re-multicasting its JOIN and
// restarting consensus, so two such nodes answer each other's JOINs forever (found by the swarm,
// seed 18); here consensus runs out instead, they form apart and merge with fresh failed sets.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <vector>

#include "engine/ids.h"
#include "engine/ring/ring_options.h"
#include "engine/ring/ring_state.h"
#include "engine/ring/ring_types.h"
#include "engine/ring/wire.h"
#include "engine/seam.h"
#include "engine/time.h"

namespace quorate::ring {

class TotemSink {
 public:
  virtual ~TotemSink() = default;
  virtual void unicast(NodeId to, std::vector<std::byte> bytes) = 0;
  virtual void multicast(std::vector<std::byte> bytes) = 0;
  virtual void emit(Event event) = 0;
};

struct TotemStats {
  uint64_t malformed = 0;
  uint64_t foreign_tokens = 0;    // ORF tokens of another ring, or in a state that takes none
  uint64_t duplicate_tokens = 0;  // token_seq not newer than the last seen
  uint64_t tokens_retransmitted = 0;
  uint64_t messages_retransmitted = 0;  // answers to retransmit-list entries
  uint64_t tokens_held = 0;
  uint64_t token_visits = 0;        // ORF tokens accepted
  uint32_t max_sent_per_visit = 0;  // most messages (new + retransmitted) sent in one visit
  uint32_t max_rtr_entries = 0;     // longest retransmit list I forwarded
  uint64_t rings_formed = 0;
};

class Totem {
 public:
  // Preconditions: self valid; validate(options) is nullopt.
  Totem(NodeId self, RingOptions options, TotemSink& sink);
  Totem(const Totem&) = delete;
  Totem& operator=(const Totem&) = delete;

  // Begins the protocol: enters GATHER ("interface up"); alone it forms a singleton ring at once.
  // After leave() it restarts: state and queues are cleared; the ring seq continues from the
  // highest seen + 1 (corosync's persisted ring id) and message ids continue.
  void start(Instant now);
  // Graceful stop: multicasts a LEAVE join (proc = members - self, failed = {self}) and stops.
  // Messages still queued are dropped.
  void leave(Instant now);
  void on_message(NodeId from, std::span<const std::byte> bytes, Instant now);
  void on_timer(Instant now);
  // Queues an application message (1..kMessageSizeMax bytes) for total-order multicast and
  // emits kRingSend. Returns its msg_id (per node, from 1). Ignored (returns 0) while stopped.
  uint64_t submit(std::vector<std::byte> payload, Instant now);

  std::optional<Instant> next_wake() const;
  bool running() const { return running_; }
  MembState state() const { return state_; }
  RingId ring_id() const { return cur_.ring; }
  const std::vector<NodeId>& members() const { return cur_.members; }
  size_t queued() const { return new_queue_.size(); }
  const TotemStats& stats() const { return stats_; }
  const RingOptions& options() const { return options_; }

 private:
  // Dispatch (totem.cc).
  void enter_call(Instant now);
  void restart_reset();
  void dispatch(const Message& message, NodeId from);
  void fire(TimerKind kind);
  void run_loopback();
  void arm(TimerKind kind, Duration after) {
    timers_.due[static_cast<size_t>(kind)] = now_ + after;
  }
  void cancel(TimerKind kind) { timers_.due[static_cast<size_t>(kind)].reset(); }
  bool armed(TimerKind kind) const { return timers_.due[static_cast<size_t>(kind)].has_value(); }
  void set_state(MembState state);
  void send_to(NodeId to, const Message& message);
  void multicast(const Message& message);
  NodeId next_member() const;
  void check_invariants() const;

  // Operational protocol (operational.cc).
  void on_token(OrfToken token);
  bool accept_token(const OrfToken& token);
  void token_update_aru(OrfToken& token);
  bool token_fail_recv(const OrfToken& token);
  void forward_token(const OrfToken& token);
  void on_mcast(const Mcast& mcast, NodeId from);
  void on_foreign_mcast(NodeId from);
  void store(RingLog& log, MsgSeq seq, StoredMsg msg);
  void deliver_operational();
  void free_stable(const OrfToken& token);
  void token_loss();

  // Retransmission (retransmit.cc).
  uint32_t rtr_serve(OrfToken& token, uint32_t allowed);
  void rtr_request(OrfToken& token);
  void token_retransmit();

  // Flow control (flow_control.cc).
  uint32_t fcc_allowed(const OrfToken& token);
  uint32_t mcast_queued(OrfToken& token, uint32_t allowed);
  void fcc_token_update(OrfToken& token, uint32_t sent);
  size_t backlog() const;

  // Token hold and merge detection (token_hold.cc).
  bool hold_decide(const OrfToken& token);
  void hold_expired();
  void on_hold_cancel(const TokenHoldCancel& cancel);
  void signal_new_message();
  void merge_track(const OrfToken& token);
  void merge_expired();
  void on_merge_detect(const MergeDetect& merge, NodeId from);

  // GATHER (gather.cc).
  void gather_enter();
  void send_join();
  void on_join(const Join& join, NodeId from);
  void join_process(const Join& join, NodeId from);
  bool join_ignored_operational(const Join& join, NodeId from) const;
  bool consensus_agreed() const;
  NodeSet proc_minus_failed() const;
  void consensus_expired();
  void add_proc_and_gather(NodeId sender);

  // COMMIT (commit.cc).
  void commit_create();
  void on_commit(CommitToken token, NodeId from);
  void commit_accept_gather(CommitToken token);
  void commit_enter(CommitToken token);
  int member_index(const CommitToken& token) const;
  void forward_commit(CommitToken token);

  // RECOVERY and the configuration changes (recovery.cc).
  void recovery_enter(const CommitToken& token);
  void recovery_queue_old_messages(const CommitToken& token);
  void send_initial_token();
  bool recovery_token_step(OrfToken& token);
  void recovery_take_encapsulated(const StoredMsg& msg);
  void recovery_abandon();
  uint64_t join_ring_seq() const;
  void operational_enter();
  void deliver_old_ring();
  void emit_confchgs(const std::vector<NodeId>& old_members, const std::vector<NodeId>& trans);

  const NodeId self_;
  const RingOptions options_;
  TotemSink& sink_;
  Instant now_;
  bool running_ = false;
  bool started_before_ = false;
  MembState state_ = MembState::kOperational;
  RingLog cur_;
  std::deque<QueuedMsg> new_queue_;
  uint64_t next_msg_id_ = 1;
  std::deque<std::vector<std::byte>> loopback_;
  Timers timers_;
  TokenState token_;
  FlowState flow_;
  HoldState hold_;
  RecoveryState recovery_;
  MembershipState memb_;
  TotemStats stats_;
};

}  // namespace quorate::ring
