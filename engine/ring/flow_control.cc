// Flow control (fcc_calculate, fcc_token_update, fcc_rtr_limit) and sequencing of queued
// messages (orf_token_mcast).
#include <algorithm>

#include "engine/check.h"
#include "engine/ring/totem.h"

namespace quorate::ring {

size_t Totem::backlog() const {
  return state_ == MembState::kRecovery ? recovery_.retrans_queue.size() : new_queue_.size();
}

// allowed = min(max_messages, window_size - token.fcc), further limited by my share of the
// ring's backlog, and zero when the ring would run too far ahead of the last released message.
uint32_t Totem::fcc_allowed(const OrfToken& token) {
  const auto window = static_cast<int64_t>(options_.window_size);
  int64_t allowed = std::min<int64_t>(options_.max_messages, window - token.fcc);
  allowed = std::max<int64_t>(allowed, 0);
  flow_.cbl = static_cast<uint32_t>(std::min<size_t>(backlog(), UINT32_MAX));
  const int64_t pbl = flow_.pbl;
  const int64_t denominator = static_cast<int64_t>(token.backlog) + flow_.cbl - pbl;
  if (denominator > 0) {
    const int64_t share = window * pbl / denominator;
    if (share > 0) allowed = std::min(allowed, share);
  }
  const uint64_t limit = cur_.freed.value + kQueueRtrItemsMax;
  if (token.seq.value + static_cast<uint64_t>(allowed) + options_.window_size > limit) allowed = 0;
  return static_cast<uint32_t>(allowed);
}

// Stamps up to `allowed` queued messages (the new-message queue in OPERATIONAL, the recovery
// queue in RECOVERY) with token.seq + 1, ..., multicasts them and keeps them as received.
uint32_t Totem::mcast_queued(OrfToken& token, uint32_t allowed) {
  uint32_t sent = 0;
  for (; sent < allowed; ++sent) {
    StoredMsg msg;
    if (state_ == MembState::kRecovery && !recovery_.retrans_queue.empty()) {
      msg = std::move(recovery_.retrans_queue.front());
      recovery_.retrans_queue.pop_front();
    } else if (state_ == MembState::kOperational && !new_queue_.empty()) {
      QueuedMsg q = std::move(new_queue_.front());
      new_queue_.pop_front();
      msg = StoredMsg{self_, q.msg_id, false, {}, {}, std::move(q.payload)};
    } else {
      break;
    }
    token.seq = token.seq.next();
    if (!msg.encapsulated) {
      msg.orig_ring = cur_.ring;
      msg.orig_seq = token.seq;
    }
    multicast(Message{self_, Mcast{cur_.ring, token.seq, msg.origin, msg.msg_id, msg.encapsulated,
                                   msg.orig_ring, msg.orig_seq, msg.payload}});
    store(cur_, token.seq, std::move(msg));
  }
  return sent;
}

// token.fcc counts what the ring sent in its last rotation (each node replaces its previous
// contribution); token.backlog sums the nodes' queue lengths the same way.
void Totem::fcc_token_update(OrfToken& token, uint32_t sent) {
  const int64_t fcc = static_cast<int64_t>(token.fcc) + sent - flow_.trc;
  token.fcc = static_cast<uint32_t>(std::max<int64_t>(fcc, 0));
  const int64_t backlog_total = static_cast<int64_t>(token.backlog) + flow_.cbl - flow_.pbl;
  token.backlog = static_cast<uint32_t>(std::clamp<int64_t>(backlog_total, 0, UINT32_MAX));
  flow_.trc = sent;
  flow_.pbl = flow_.cbl;
}

}  // namespace quorate::ring
