// COMMIT: the commit token's two rotations (memb_state_commit_token_create/_update/_send).
//
// memb_index counts hops: the rep creates the token (index 0), and each node in ring order fills
// its slot on rotation 1 (index i -> i + 1, GATHER -> COMMIT). On rotation 2 each node sees index
// n + i, enters RECOVERY and forwards; when the token is back at the rep (index 2n) the rep sends
// the first ORF token of the new ring.
#include <algorithm>

#include "engine/check.h"
#include "engine/ring/totem.h"

namespace quorate::ring {

int Totem::member_index(const CommitToken& token) const {
  for (size_t i = 0; i < token.memb.size(); ++i)
    if (token.memb[i].addr == self_) return static_cast<int>(i);
  return -1;
}

void Totem::commit_create() {
  QUORATE_CHECK(state_ == MembState::kGather);
  const NodeSet live = proc_minus_failed();
  QUORATE_CHECK(*live.begin() == self_);
  CommitToken token;
  token.ring = RingId{self_, memb_.token_ring_id_seq + 4};
  QUORATE_CHECK(token.ring.seq > cur_.ring.seq);
  memb_.token_ring_id_seq = token.ring.seq;
  for (NodeId m : live)
    token.memb.push_back(CommitEntry{m, {}, {}, {}, false});
  commit_enter(std::move(token));
}

// Fill my slot with my old ring's state, enter COMMIT and pass the token on.
void Totem::commit_enter(CommitToken token) {
  const int i = member_index(token);
  QUORATE_CHECK(i >= 0 && token.memb_index == static_cast<uint32_t>(i));
  CommitEntry& mine = token.memb[static_cast<size_t>(i)];
  mine.old_ring = cur_.ring;
  mine.aru = cur_.aru;
  mine.high_delivered = cur_.high_delivered;
  mine.received_flg = cur_.aru == cur_.high_seq_received;
  token.memb_index += 1;
  memb_.commit = token;
  for (TimerKind k : {TimerKind::kJoin, TimerKind::kConsensus, TimerKind::kMerge})
    cancel(k);
  set_state(MembState::kCommit);
  arm(TimerKind::kToken, options_.token);
  forward_commit(std::move(token));
}

void Totem::commit_accept_gather(CommitToken token) {
  NodeSet addrs;
  for (const CommitEntry& e : token.memb)
    addrs.insert(e.addr);
  if (addrs != proc_minus_failed() || token.ring.seq <= cur_.ring.seq) return;
  memb_.token_ring_id_seq = std::max(memb_.token_ring_id_seq, token.ring.seq);
  commit_enter(std::move(token));
}

void Totem::on_commit(CommitToken token, NodeId from) {
  (void)from;
  const int i = member_index(token);
  if (i < 0) return;
  const auto n = static_cast<uint32_t>(token.memb.size());
  const auto index = static_cast<uint32_t>(i);
  switch (state_) {
    case MembState::kGather:
      if (index > 0 && token.memb_index == index) commit_accept_gather(std::move(token));
      return;
    case MembState::kCommit:
      if (memb_.commit && token.ring == memb_.commit->ring && token.memb_index == n + index) {
        token.memb_index += 1;
        recovery_enter(token);
        forward_commit(std::move(token));
      }
      return;
    case MembState::kRecovery:
      if (index == 0 && token.ring == cur_.ring && token.memb_index == 2 * n) send_initial_token();
      return;
    case MembState::kOperational:
      return;
  }
}

void Totem::forward_commit(CommitToken token) {
  const std::vector<CommitEntry>& memb = token.memb;
  const size_t i = static_cast<size_t>(member_index(token));
  const NodeId next = memb[(i + 1) % memb.size()].addr;
  token.token_seq += 1;
  const Message message{self_, std::move(token)};
  if (next == self_) {
    send_to(self_, message);
    return;
  }
  token_.last_sent = encode(message);
  token_.last_sent_to = next;
  sink_.unicast(next, token_.last_sent);
  arm(TimerKind::kTokenRetransmit, options_.token_retransmit);
}

}  // namespace quorate::ring
