// The operational protocol: token handling, sequencing, delivery, stability, token loss.
#include <algorithm>

#include "engine/check.h"
#include "engine/ring/ring_events.h"
#include "engine/ring/totem.h"

namespace quorate::ring {

bool Totem::accept_token(const OrfToken& token) {
  const bool takes_tokens = state_ == MembState::kOperational || state_ == MembState::kRecovery;
  if (!takes_tokens || token.ring != cur_.ring) {
    ++stats_.foreign_tokens;
    return false;
  }
  if (token_.last_token_seq && token.token_seq <= *token_.last_token_seq) {
    ++stats_.duplicate_tokens;
    return false;
  }
  token_.last_token_seq = token.token_seq;
  if (hold_.held_token) {  // cannot happen with one token per ring; keep the newer one
    hold_.held_token.reset();
    cancel(TimerKind::kHold);
  }
  return true;
}

// One token visit (message_handler_orf_token): retransmit, send, request, aru, flow control,
// recovery progress, hold or forward, deliver.
void Totem::on_token(OrfToken token) {
  if (!accept_token(token)) return;
  cancel(TimerKind::kTokenRetransmit);
  arm(TimerKind::kToken, options_.token);
  const MsgSeq seq_before = token.seq;
  uint32_t allowed = fcc_allowed(token);
  const uint32_t resent = rtr_serve(token, allowed);
  allowed = allowed > resent ? allowed - resent : 0;
  const uint32_t sent = resent + mcast_queued(token, allowed);
  QUORATE_CHECK(token.seq >= seq_before);
  QUORATE_CHECK(sent <= options_.max_messages);
  ++stats_.token_visits;
  stats_.max_sent_per_visit = std::max(stats_.max_sent_per_visit, sent);
  rtr_request(token);
  QUORATE_CHECK(token.rtr.size() <= kRetransmitEntriesMax);
  stats_.max_rtr_entries =
      std::max(stats_.max_rtr_entries, static_cast<uint32_t>(token.rtr.size()));
  token_update_aru(token);
  if (token_fail_recv(token)) return;
  fcc_token_update(token, sent);
  const bool go_operational = state_ == MembState::kRecovery && recovery_token_step(token);
  token.token_seq += 1;
  if (state_ == MembState::kOperational) free_stable(token);
  token_.last_token_aru = token.aru;
  merge_track(token);
  const bool hold = hold_decide(token) && !go_operational;
  if (hold) {
    hold_.held_token = token;
    arm(TimerKind::kHold, options_.hold);
    ++stats_.tokens_held;
  } else {
    forward_token(token);
  }
  if (go_operational) operational_enter();
  if (state_ == MembState::kOperational) deliver_operational();
}

// corosync: if my_aru < token.aru, or the token's aru is mine to raise (aru_addr == me or none),
// the token takes my aru; aru_addr then names me unless the ring has everything.
void Totem::token_update_aru(OrfToken& token) {
  if (cur_.aru < token.aru || token.aru_addr == self_ || !token.aru_addr.valid()) {
    token.aru = cur_.aru;
    token.aru_addr = token.aru == token.seq ? NodeId{} : self_;
  }
  QUORATE_CHECK(token.aru <= token.seq);
}

// fail_recv_const: the token's aru stuck while I am the one missing messages.
bool Totem::token_fail_recv(const OrfToken& token) {
  if (token.aru == token_.last_token_aru && token.aru_addr.valid()) {
    ++token_.aru_count;
  } else {
    token_.aru_count = 0;
  }
  if (token_.aru_count <= options_.fail_recv_const || token.aru_addr != self_) return false;
  token_.aru_count = 0;
  sink_.emit(failed_to_receive_event());
  gather_enter();
  return true;
}

void Totem::forward_token(const OrfToken& token) {
  const NodeId next = next_member();
  const Message message{self_, token};
  if (next == self_) {  // singleton ring: nothing to retransmit to
    send_to(self_, message);
    return;
  }
  token_.last_sent = encode(message);
  token_.last_sent_to = next;
  token_.last_sent_seq = token.seq;
  sink_.unicast(next, token_.last_sent);
  arm(TimerKind::kTokenRetransmit, options_.token_retransmit);
}

void Totem::on_mcast(const Mcast& mcast, NodeId from) {
  if (mcast.ring != cur_.ring) {
    on_foreign_mcast(from);
    return;
  }
  // A message ordered after the token I forwarded proves a later holder had it: no need to
  // retransmit it. (corosync cancels on any message from another node; a reordered old
  // retransmission then hides a lost token until the token timeout.)
  if (from != self_ && mcast.seq > token_.last_sent_seq && !token_.last_sent.empty()) {
    cancel(TimerKind::kTokenRetransmit);
  }
  const bool plausible =
      mcast.seq > cur_.freed && mcast.seq.value - cur_.freed.value <= 2 * kQueueRtrItemsMax;
  if (!plausible || cur_.msgs.contains(mcast.seq)) return;
  StoredMsg msg{mcast.origin,    mcast.msg_id,   mcast.encapsulated,
                mcast.orig_ring, mcast.orig_seq, mcast.payload};
  if (msg.encapsulated && state_ == MembState::kRecovery) recovery_take_encapsulated(msg);
  store(cur_, mcast.seq, std::move(msg));
  if (state_ == MembState::kOperational) deliver_operational();
}

// corosync: any foreign message in OPERATIONAL, or one from outside my proc list in GATHER,
// pulls its sender into the membership (this is how partitions that heal merge).
void Totem::on_foreign_mcast(NodeId from) {
  if (state_ == MembState::kOperational ||
      (state_ == MembState::kGather && !memb_.proc.contains(from))) {
    add_proc_and_gather(from);
  }
}

void Totem::store(RingLog& log, MsgSeq seq, StoredMsg msg) {
  QUORATE_CHECK(seq > log.freed);
  log.msgs.emplace(seq, std::move(msg));
  log.high_seq_received = std::max(log.high_seq_received, seq);
  while (log.msgs.contains(log.aru.next()))
    log.aru = log.aru.next();
  QUORATE_CHECK(log.aru <= log.high_seq_received);
}

// Agreed delivery: in seq order up to the first hole. Recovery copies (encapsulated) were
// delivered, as old-ring messages, when this ring became operational; they only advance.
void Totem::deliver_operational() {
  QUORATE_CHECK(state_ == MembState::kOperational);
  for (auto it = cur_.msgs.find(cur_.high_delivered.next()); it != cur_.msgs.end();
       it = cur_.msgs.find(cur_.high_delivered.next())) {
    cur_.high_delivered = it->first;
    const StoredMsg& m = it->second;
    if (!m.encapsulated) {
      sink_.emit(deliver_event(m.origin, m.msg_id, cur_.ring, it->first, m.payload));
    }
  }
  QUORATE_CHECK(cur_.high_delivered == cur_.aru);
}

// messages_free: release what every member has, i.e. up to the smaller of this and the previous
// token aru (a full rotation apart) and what I delivered.
void Totem::free_stable(const OrfToken& token) {
  const MsgSeq upto = std::min({token.aru, token_.last_token_aru, cur_.high_delivered});
  if (upto <= cur_.freed) return;
  cur_.msgs.erase(cur_.msgs.begin(), cur_.msgs.upper_bound(upto));
  cur_.freed = upto;
}

void Totem::token_loss() {
  if (state_ == MembState::kOperational) {
    sink_.emit(processor_failed_event(options_.token, options_.consensus));
  }
  gather_enter();
}

}  // namespace quorate::ring
