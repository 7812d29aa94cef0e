// Idle ring: the rep holds the token (seqno_unchanged_const, hold timer), TOKEN_HOLD_CANCEL
// when new messages are queued, and merge detection by the idle rep.
#include "engine/check.h"
#include "engine/ring/totem.h"

namespace quorate::ring {

// Counts visits with an unchanged token.seq. The rep holds the token once the count exceeds
// seqno_unchanged_const; other nodes only remember the ring is idle (token_held_flag).
bool Totem::hold_decide(const OrfToken& token) {
  if (token.seq == hold_.last_seq) {
    ++hold_.seq_unchanged;
  } else {
    hold_.seq_unchanged = 0;
    hold_.token_held_flag = false;
  }
  hold_.last_seq = token.seq;
  if (state_ != MembState::kOperational) return false;
  if (self_ != cur_.ring.rep) {
    if (hold_.seq_unchanged >= options_.seqno_unchanged_const) hold_.token_held_flag = true;
    return false;
  }
  return hold_.seq_unchanged > options_.seqno_unchanged_const && new_queue_.empty();
}

void Totem::hold_expired() {
  if (!hold_.held_token) return;
  QUORATE_CHECK(state_ == MembState::kOperational);
  const OrfToken token = std::move(*hold_.held_token);
  hold_.held_token.reset();
  forward_token(token);
}

void Totem::on_hold_cancel(const TokenHoldCancel& cancel_msg) {
  if (cancel_msg.ring != cur_.ring || state_ != MembState::kOperational) return;
  if (self_ != cur_.ring.rep) return;
  hold_.seq_unchanged = 0;
  if (!hold_.held_token) return;
  cancel(TimerKind::kHold);
  hold_expired();
}

// totemsrp_event_signal: a message was queued. A rep holding the token releases it; a node that
// saw the ring idle asks the rep to.
void Totem::signal_new_message() {
  if (state_ != MembState::kOperational) return;
  if (hold_.held_token) {
    hold_.seq_unchanged = 0;
    cancel(TimerKind::kHold);
    hold_expired();
    return;
  }
  if (!hold_.token_held_flag) return;
  hold_.token_held_flag = false;
  multicast(Message{self_, TokenHoldCancel{cur_.ring}});
}

// A token whose seq did not move since my last visit starts the merge timer (if not running);
// one whose seq moved cancels it.
void Totem::merge_track(const OrfToken& token) {
  if (state_ != MembState::kOperational) return;
  if (token.seq != hold_.last_seq) {
    cancel(TimerKind::kMerge);
  } else if (!armed(TimerKind::kMerge)) {
    arm(TimerKind::kMerge, options_.merge);
  }
}

void Totem::merge_expired() {
  if (state_ != MembState::kOperational || self_ != cur_.ring.rep) return;
  multicast(Message{self_, MergeDetect{cur_.ring}});
}

void Totem::on_merge_detect(const MergeDetect& merge, NodeId from) {
  if (merge.ring == cur_.ring) return;
  if (state_ == MembState::kOperational ||
      (state_ == MembState::kGather && !memb_.proc.contains(from))) {
    add_proc_and_gather(from);
  }
}

}  // namespace quorate::ring
