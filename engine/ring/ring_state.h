// The state the totem phases share, grouped by what owns it. Plain data: the invariants are
// checked by Totem (totem.h) on every transition, and stated here.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "engine/ids.h"
#include "engine/ring/ring_types.h"
#include "engine/ring/wire.h"
#include "engine/time.h"

namespace quorate::ring {

using NodeSet = std::set<NodeId>;  // ordered: iteration order reaches the wire

// One message as a ring holds it: the application origin and id, and for a recovery copy
// (encapsulated) the ring and seq it was first ordered in.
struct StoredMsg {
  NodeId origin;
  uint64_t msg_id = 0;
  bool encapsulated = false;
  RingId orig_ring;
  MsgSeq orig_seq;
  std::vector<std::byte> payload;
};

// The message log of one ring (the current one, or the old one during RECOVERY).
// Invariants: high_delivered <= aru <= high_seq_received; every seq in (freed, aru] is in msgs;
// msgs holds nothing <= freed.
struct RingLog {
  RingId ring;
  std::vector<NodeId> members;  // ascending = ring order
  std::map<MsgSeq, StoredMsg> msgs;
  MsgSeq aru;             // all received up to here
  MsgSeq high_delivered;  // delivered (or skipped as a recovery copy) up to here
  MsgSeq high_seq_received;
  MsgSeq freed;  // released as stable up to here
};

// An application message waiting for the token.
struct QueuedMsg {
  uint64_t msg_id = 0;
  std::vector<std::byte> payload;
};

enum class TimerKind : uint8_t {
  kLoopback,         // messages addressed to self (singleton ring, the rep's initial token)
  kToken,            // token loss (OPERATIONAL, COMMIT, RECOVERY) / gather re-entry (GATHER)
  kTokenRetransmit,  // resend the last token sent
  kHold,             // the rep's held token goes out
  kJoin,             // resend the JOIN (GATHER)
  kConsensus,        // give up on silent processors (GATHER)
  kMerge,            // the rep multicasts MERGE_DETECT (OPERATIONAL, idle ring)
  kCount,
};
inline constexpr size_t kTimerCount = static_cast<size_t>(TimerKind::kCount);

struct Timers {
  std::array<std::optional<Instant>, kTimerCount> due;
  std::optional<Instant> next() const;
};

// Token-visit bookkeeping of the operational protocol.
struct TokenState {
  std::optional<uint64_t> last_token_seq;  // dedup: a token with token_seq <= this is dropped
  std::vector<std::byte> last_sent;        // for token retransmit (ORF or commit token)
  NodeId last_sent_to;
  MsgSeq last_sent_seq;    // token.seq of the last ORF token I forwarded
  MsgSeq last_token_aru;   // the token's aru at my previous visit (fail_recv, freeing)
  uint32_t aru_count = 0;  // visits with the token's aru unchanged while someone misses messages
  std::map<MsgSeq, uint32_t> miss_count;  // token visits each missing seq stayed missing
};

// Flow control (fcc_calculate / fcc_token_update).
struct FlowState {
  uint32_t trc = 0;  // messages I sent at my previous visit
  uint32_t pbl = 0;  // my backlog at my previous visit
  uint32_t cbl = 0;  // my backlog at this visit, before sending
};

// Idle-ring token hold and merge detection.
struct HoldState {
  MsgSeq last_seq;  // token.seq at my previous visit
  uint32_t seq_unchanged = 0;
  bool token_held_flag = false;        // non-rep: an idle ring; new messages send a hold cancel
  std::optional<OrfToken> held_token;  // rep: the token I am holding
};

// RECOVERY bookkeeping (memb_state_recovery_enter and the recovery branch of the token handler).
struct RecoveryState {
  std::optional<RingLog> old;           // the last operational ring, while forming a new one
  std::vector<NodeId> trans;            // new members that come from my old ring (transitional set)
  std::deque<StoredMsg> retrans_queue;  // old-ring messages to re-multicast encapsulated
  bool set_retrans_flg = false;
  uint32_t retrans_flg_count = 0;
  MsgSeq install_seq;
  uint32_t rotation_counter = 0;
  bool initial_token_sent = false;  // rep: the first ORF token of the new ring went out
};

// GATHER/COMMIT bookkeeping.
struct MembershipState {
  NodeSet proc;                       // my_proc_list
  NodeSet failed;                     // my_failed_list
  NodeSet consensus;                  // processors whose JOIN matched mine
  uint64_t token_ring_id_seq = 0;     // highest ring seq seen
  std::optional<CommitToken> commit;  // the ring being formed (COMMIT, RECOVERY)
};

}  // namespace quorate::ring
