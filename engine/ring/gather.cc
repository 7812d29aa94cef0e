// GATHER: JOIN messages, the join and consensus timers, memb_join_process.
#include <algorithm>

#include "engine/check.h"
#include "engine/ring/totem.h"

namespace quorate::ring {
namespace {

NodeSet to_set(const std::vector<NodeId>& ids) {
  return NodeSet(ids.begin(), ids.end());
}

bool subset(const NodeSet& a, const NodeSet& b) {
  return std::includes(b.begin(), b.end(), a.begin(), a.end());
}

}  // namespace

uint64_t Totem::join_ring_seq() const {
  return state_ == MembState::kRecovery ? recovery_.old->ring.seq : cur_.ring.seq;
}

// memb_state_gather_enter: (re)start gathering. Every entry multicasts a JOIN and restarts the
// join and consensus timers; a membership of one that agrees with itself commits at once.
void Totem::gather_enter() {
  if (state_ == MembState::kRecovery) recovery_abandon();
  hold_.held_token.reset();
  memb_.proc.insert(self_);
  memb_.commit.reset();
  memb_.consensus = {self_};
  QUORATE_CHECK(!memb_.failed.contains(self_));
  for (TimerKind k :
       {TimerKind::kToken, TimerKind::kTokenRetransmit, TimerKind::kMerge, TimerKind::kHold})
    cancel(k);
  set_state(MembState::kGather);
  send_join();
  arm(TimerKind::kJoin, options_.join);
  arm(TimerKind::kConsensus, options_.consensus);
  const NodeSet live = proc_minus_failed();
  if (consensus_agreed() && *live.begin() == self_) commit_create();
}

void Totem::send_join() {
  memb_.token_ring_id_seq = std::max(memb_.token_ring_id_seq, join_ring_seq());
  Join join{false, join_ring_seq(), std::vector<NodeId>(memb_.proc.begin(), memb_.proc.end()),
            std::vector<NodeId>(memb_.failed.begin(), memb_.failed.end())};
  multicast(Message{self_, std::move(join)});
}

void Totem::on_join(const Join& join, NodeId from) {
  if (from == self_) return;
  memb_.token_ring_id_seq = std::max(memb_.token_ring_id_seq, join.ring_seq);
  switch (state_) {
    case MembState::kOperational:
      if (join_ignored_operational(join, from)) return;
      join_process(join, from);
      if (state_ == MembState::kOperational) gather_enter();
      return;
    case MembState::kGather:
      join_process(join, from);
      return;
    case MembState::kCommit:
    case MembState::kRecovery: {
      // A member of the ring being formed changed its mind: form again. A late copy of a JOIN
      // that tells nothing new (a subset of what was agreed) is ignored.
      const auto& memb = memb_.commit->memb;
      const bool in_new = std::any_of(memb.begin(), memb.end(),
                                      [&](const CommitEntry& e) { return e.addr == from; });
      if (!in_new || join.ring_seq < join_ring_seq()) return;
      if (subset(to_set(join.proc), memb_.proc) && subset(to_set(join.failed), memb_.failed)) {
        return;
      }
      gather_enter();
      join_process(join, from);
      return;
    }
  }
}

// ignore_join_under_operational: a JOIN that lists me as failed, or a stale one from a member.
bool Totem::join_ignored_operational(const Join& join, NodeId from) const {
  if (std::binary_search(join.failed.begin(), join.failed.end(), self_)) return true;
  const bool member = std::binary_search(cur_.members.begin(), cur_.members.end(), from);
  return member && join.ring_seq < cur_.ring.seq;
}

void Totem::join_process(const Join& join, NodeId from) {
  const NodeSet proc = to_set(join.proc);
  const NodeSet failed = to_set(join.failed);
  if (proc == memb_.proc && failed == memb_.failed) {
    if (!join.leave) memb_.consensus.insert(from);
    const NodeSet live = proc_minus_failed();
    if (state_ == MembState::kGather && consensus_agreed() && *live.begin() == self_) {
      commit_create();
    }
    return;
  }
  if (subset(proc, memb_.proc) && subset(failed, memb_.failed)) return;
  if (memb_.failed.contains(from)) return;
  const size_t proc_before = memb_.proc.size();
  const size_t failed_before = memb_.failed.size();
  memb_.proc.insert(proc.begin(), proc.end());
  if (failed.contains(self_)) {
    memb_.failed.insert(from);
  } else if (std::binary_search(cur_.members.begin(), cur_.members.end(), from)) {
    memb_.failed.insert(failed.begin(), failed.end());
  }
  memb_.failed.erase(self_);
  QUORATE_CHECK(memb_.proc.size() >= proc_before && memb_.failed.size() >= failed_before);
  // Deviation: a JOIN that changed neither set does not re-enter GATHER while gathering (see
  // totem.h). corosync re-enters, which lets two nodes whose failed sets differ only in nodes
  // outside each other's old ring answer each other's JOIN forever, restarting consensus.
  const bool changed = memb_.proc.size() != proc_before || memb_.failed.size() != failed_before;
  if (!changed && state_ == MembState::kGather) return;
  gather_enter();
}

NodeSet Totem::proc_minus_failed() const {
  NodeSet live;
  std::set_difference(memb_.proc.begin(), memb_.proc.end(), memb_.failed.begin(),
                      memb_.failed.end(), std::inserter(live, live.end()));
  QUORATE_CHECK(live.contains(self_));
  return live;
}

bool Totem::consensus_agreed() const {
  return subset(proc_minus_failed(), memb_.consensus);
}

// Consensus timeout: processors that never sent a matching JOIN are declared failed.
void Totem::consensus_expired() {
  if (state_ != MembState::kGather) return;
  if (consensus_agreed()) {  // waiting for the rep's commit token
    memb_.consensus = {self_};
    arm(TimerKind::kToken, options_.token);
    return;
  }
  for (NodeId n : proc_minus_failed())
    if (!memb_.consensus.contains(n)) memb_.failed.insert(n);
  gather_enter();
}

void Totem::add_proc_and_gather(NodeId sender) {
  QUORATE_CHECK(sender.valid());
  memb_.proc.insert(sender);
  gather_enter();
}

}  // namespace quorate::ring
