// RECOVERY and the move to OPERATIONAL (memb_state_recovery_enter, the recovery branch of the
// token handler, memb_state_operational_enter).
#include <algorithm>

#include "engine/check.h"
#include "engine/ring/ring_events.h"
#include "engine/ring/totem.h"

namespace quorate::ring {

// The old ring's log is set aside; the new ring starts empty. The transitional set is the new
// members that come from my old ring; old messages above their lowest aru are queued for
// re-multicast (encapsulated) so that every one of them ends with the same old-ring messages.
void Totem::recovery_enter(const CommitToken& token) {
  QUORATE_CHECK(state_ == MembState::kCommit && !recovery_.old);
  recovery_ = RecoveryState{};
  recovery_.old = std::move(cur_);
  cur_ = RingLog{};
  cur_.ring = token.ring;
  for (const CommitEntry& e : token.memb) {
    cur_.members.push_back(e.addr);
    if (e.old_ring == recovery_.old->ring) recovery_.trans.push_back(e.addr);
  }
  QUORATE_CHECK(std::is_sorted(cur_.members.begin(), cur_.members.end()));
  QUORATE_CHECK(std::binary_search(recovery_.trans.begin(), recovery_.trans.end(), self_));
  QUORATE_CHECK(cur_.ring.rep == cur_.members.front());
  token_ = TokenState{};
  flow_ = FlowState{};
  hold_ = HoldState{};
  recovery_queue_old_messages(token);
  set_state(MembState::kRecovery);
  arm(TimerKind::kToken, options_.token);
}

void Totem::recovery_queue_old_messages(const CommitToken& token) {
  const RingLog& old = *recovery_.old;
  MsgSeq low = old.aru;
  for (const CommitEntry& e : token.memb)
    if (e.old_ring == old.ring) low = std::min(low, e.aru);
  for (auto it = old.msgs.upper_bound(low); it != old.msgs.end(); ++it) {
    if (it->second.encapsulated) continue;  // a copy from the ring before: already settled
    StoredMsg copy = it->second;
    copy.encapsulated = true;
    copy.orig_ring = old.ring;
    copy.orig_seq = it->first;
    recovery_.retrans_queue.push_back(std::move(copy));
  }
}

void Totem::send_initial_token() {
  if (recovery_.initial_token_sent) return;  // a retransmitted commit token
  recovery_.initial_token_sent = true;
  OrfToken token;
  token.ring = cur_.ring;
  send_to(self_, Message{self_, token});  // the rep takes the first turn
}

// A recovery copy of one of my old ring's messages: keep it with the old ring's messages.
void Totem::recovery_take_encapsulated(const StoredMsg& msg) {
  RingLog& old = *recovery_.old;
  if (msg.orig_ring != old.ring || msg.orig_seq <= old.freed) return;
  if (old.msgs.contains(msg.orig_seq)) return;
  store(old, msg.orig_seq,
        StoredMsg{msg.origin, msg.msg_id, false, msg.orig_ring, msg.orig_seq, msg.payload});
}

// retrans_flg stays set while anyone still has recovery copies to send. After two clean visits
// the ring's seq is the install point; two more visits with the token's aru past it (everyone
// has every copy) and the node becomes OPERATIONAL.
bool Totem::recovery_token_step(OrfToken& token) {
  RecoveryState& r = recovery_;
  if (!r.retrans_queue.empty()) {
    token.retrans_flg = true;
    r.set_retrans_flg = true;
  } else if (r.set_retrans_flg) {
    token.retrans_flg = false;
    r.set_retrans_flg = false;
  }
  r.retrans_flg_count = token.retrans_flg ? 0 : r.retrans_flg_count + 1;
  if (r.retrans_flg_count == 2) r.install_seq = token.seq;
  if (r.retrans_flg_count >= 3 && token.aru >= r.install_seq) {
    ++r.rotation_counter;
  } else if (r.retrans_flg_count >= 3) {
    r.rotation_counter = 0;
  }
  return r.rotation_counter >= 2;
}

void Totem::recovery_abandon() {
  QUORATE_CHECK(state_ == MembState::kRecovery && recovery_.old);
  cur_ = std::move(*recovery_.old);
  recovery_ = RecoveryState{};
  token_ = TokenState{};
  flow_ = FlowState{};
  hold_ = HoldState{};
}

// Old-ring messages up to the first gap, the TRANSITIONAL configuration, the REGULAR one.
void Totem::operational_enter() {
  QUORATE_CHECK(state_ == MembState::kRecovery && recovery_.old);
  deliver_old_ring();
  const std::vector<NodeId> old_members = recovery_.old->members;
  memb_.proc = NodeSet(cur_.members.begin(), cur_.members.end());
  memb_.failed.clear();
  memb_.consensus.clear();
  memb_.commit.reset();
  const std::vector<NodeId> trans = recovery_.trans;
  recovery_ = RecoveryState{};
  set_state(MembState::kOperational);
  emit_confchgs(old_members, trans);
  ++stats_.rings_formed;
}

void Totem::deliver_old_ring() {
  RingLog& old = *recovery_.old;
  for (auto it = old.msgs.find(old.high_delivered.next()); it != old.msgs.end();
       it = old.msgs.find(old.high_delivered.next())) {
    old.high_delivered = it->first;
    const StoredMsg& m = it->second;
    if (!m.encapsulated) {
      sink_.emit(deliver_event(m.origin, m.msg_id, old.ring, it->first, m.payload));
    }
  }
}

void Totem::emit_confchgs(const std::vector<NodeId>& old_members,
                          const std::vector<NodeId>& trans) {
  std::vector<NodeId> left_trans;
  std::vector<NodeId> joined;
  std::vector<NodeId> left;
  std::set_difference(old_members.begin(), old_members.end(), trans.begin(), trans.end(),
                      std::back_inserter(left_trans));
  std::set_difference(cur_.members.begin(), cur_.members.end(), trans.begin(), trans.end(),
                      std::back_inserter(joined));
  std::set_difference(old_members.begin(), old_members.end(), cur_.members.begin(),
                      cur_.members.end(), std::back_inserter(left));
  sink_.emit(confchg_event(ConfType::kTransitional, cur_.ring, trans, {}, left_trans));
  sink_.emit(confchg_event(ConfType::kRegular, cur_.ring, cur_.members, joined, left));
}

}  // namespace quorate::ring
