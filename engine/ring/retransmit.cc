// Retransmission: the retransmit list on the token (orf_token_rtr) and token retransmit.
#include <algorithm>

#include "engine/check.h"
#include "engine/ring/ring_events.h"
#include "engine/ring/totem.h"

namespace quorate::ring {

// Step 1: re-multicast requested messages I hold, within the flow-control budget, and take
// them off the list. Entries of another ring can never be served here and are dropped.
uint32_t Totem::rtr_serve(OrfToken& token, uint32_t allowed) {
  uint32_t sent = 0;
  auto it = token.rtr.begin();
  while (it != token.rtr.end()) {
    if (it->ring != cur_.ring) {
      it = token.rtr.erase(it);
      continue;
    }
    const auto found = cur_.msgs.find(it->seq);
    if (found == cur_.msgs.end() || sent >= allowed) {
      ++it;
      continue;
    }
    const StoredMsg& m = found->second;
    multicast(Message{self_, Mcast{cur_.ring, it->seq, m.origin, m.msg_id, m.encapsulated,
                                   m.orig_ring, m.orig_seq, m.payload}});
    ++sent;
    ++stats_.messages_retransmitted;
    it = token.rtr.erase(it);
  }
  return sent;
}

// Step 2: every seq I miss in (my_aru, token.seq] counts one more visit; after
// miss_count_const visits it goes on the list (if absent and the list has room).
void Totem::rtr_request(OrfToken& token) {
  token_.miss_count.erase(token_.miss_count.begin(), token_.miss_count.upper_bound(cur_.aru));
  const uint64_t last = std::min(token.seq.value, cur_.aru.value + kQueueRtrItemsMax);
  for (uint64_t s = cur_.aru.value + 1; s <= last; ++s) {
    const MsgSeq seq{s};
    if (cur_.msgs.contains(seq)) continue;
    uint32_t& misses = token_.miss_count[seq];
    ++misses;
    if (misses < options_.miss_count_const) continue;
    const RtrEntry entry{cur_.ring, seq};
    if (token.rtr.size() >= kRetransmitEntriesMax) continue;
    if (std::find(token.rtr.begin(), token.rtr.end(), entry) != token.rtr.end()) continue;
    token.rtr.push_back(entry);
  }
  if (token.rtr.empty()) return;
  std::vector<MsgSeq> seqs;
  for (const RtrEntry& e : token.rtr)
    seqs.push_back(e.seq);
  sink_.emit(retransmit_list_event(seqs));
}

// The last token I sent (ORF or commit) did not come back in time: send it again.
void Totem::token_retransmit() {
  if (state_ == MembState::kGather || token_.last_sent.empty()) return;
  QUORATE_CHECK(token_.last_sent_to.valid() && token_.last_sent_to != self_);
  sink_.unicast(token_.last_sent_to, token_.last_sent);
  ++stats_.tokens_retransmitted;
  arm(TimerKind::kTokenRetransmit, options_.token_retransmit);
}

}  // namespace quorate::ring
