// Wire format of the totem ring messages (carried as link-layer messages, engine/links).
//
// Everything little-endian. Every message = Header (8 bytes) + Body of its type:
//   Header: 0 u16 magic 0xC070 | 2 u8 version 3 | 3 u8 type (MsgType) | 4 u32 sender node id
//   RingId: u32 rep | u64 seq                                                    (12 bytes)
//   ORF token (0):     RingId ring | u64 token_seq | u64 seq | u64 aru | u32 aru_addr (0 = none)
//                      | u32 backlog | u32 fcc | u8 retrans_flg | u8 n_rtr (<= 30)
//                      | n_rtr * (RingId ring | u64 seq)
//   MCAST (1):         RingId ring | u64 seq | u32 origin | u64 msg_id | u8 encapsulated
//                      | RingId orig_ring | u64 orig_seq | u32 len (<= 1 MiB) | len payload bytes
//                      (not encapsulated: orig_ring == ring and orig_seq == seq)
//   MERGE_DETECT (2):  RingId ring
//   JOIN (3):          u8 leave | u64 ring_seq | u16 n_proc | n_proc * u32 | u16 n_failed
//                      | n_failed * u32   (lists strictly ascending, <= 384 entries, ids valid)
//   COMMIT_TOKEN (4):  RingId ring | u64 token_seq | u32 memb_index | u16 n (1..384)
//                      | n * (u32 addr | RingId old_ring | u64 aru | u64 high_delivered
//                      | u8 received_flg)   (addrs strictly ascending; a slot not yet
//                      filled is all zero, so old_ring.rep may be 0 here)
//   TOKEN_HOLD_CANCEL (5): RingId ring
// corosync marks a LEAVE by header nodeid 0; here the JOIN body carries an explicit leave byte
// and the header always names the sender.
//
// decode() accepts ANY byte string and answers with a DecodeError, never a check failure, and
// rejects trailing bytes and boolean bytes other than 0/1, so whatever it accepts re-encodes to
// the same bytes. encode() check-fails on messages decode() would reject.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/ids.h"
#include "engine/ring/ring_types.h"

namespace quorate::ring {

inline constexpr uint16_t kTotemMagic = 0xC070;
inline constexpr uint8_t kTotemVersion = 3;

enum class MsgType : uint8_t {
  kOrfToken = 0,
  kMcast = 1,
  kMergeDetect = 2,
  kJoin = 3,
  kCommitToken = 4,
  kTokenHoldCancel = 5,
};

struct RtrEntry {
  RingId ring;
  MsgSeq seq;
  friend bool operator==(const RtrEntry&, const RtrEntry&) = default;
};

struct OrfToken {
  RingId ring;
  uint64_t token_seq = 0;
  MsgSeq seq;  // highest seq assigned in this ring
  MsgSeq aru;  // all-received-up-to, as far as the token knows
  NodeId aru_addr;
  uint32_t backlog = 0;
  uint32_t fcc = 0;
  bool retrans_flg = false;
  std::vector<RtrEntry> rtr;  // <= kRetransmitEntriesMax
  friend bool operator==(const OrfToken&, const OrfToken&) = default;
};

struct Mcast {
  RingId ring;
  MsgSeq seq;
  NodeId origin;        // the application sender
  uint64_t msg_id = 0;  // per-origin message number, from 1
  bool encapsulated = false;
  RingId orig_ring;  // the ring the message was first ordered in
  MsgSeq orig_seq;
  std::vector<std::byte> payload;
  friend bool operator==(const Mcast&, const Mcast&) = default;
};

struct MergeDetect {
  RingId ring;
  friend bool operator==(const MergeDetect&, const MergeDetect&) = default;
};

struct Join {
  bool leave = false;
  uint64_t ring_seq = 0;
  std::vector<NodeId> proc;    // strictly ascending
  std::vector<NodeId> failed;  // strictly ascending
  friend bool operator==(const Join&, const Join&) = default;
};

struct CommitEntry {
  NodeId addr;
  RingId old_ring;
  MsgSeq aru;
  MsgSeq high_delivered;
  bool received_flg = false;
  friend bool operator==(const CommitEntry&, const CommitEntry&) = default;
};

struct CommitToken {
  RingId ring;  // the ring being formed
  uint64_t token_seq = 0;
  uint32_t memb_index = 0;        // hops so far: rotation 1 is 1..n, rotation 2 is n+1..2n
  std::vector<CommitEntry> memb;  // ascending addr = ring order
  friend bool operator==(const CommitToken&, const CommitToken&) = default;
};

struct TokenHoldCancel {
  RingId ring;
  friend bool operator==(const TokenHoldCancel&, const TokenHoldCancel&) = default;
};

using Body = std::variant<OrfToken, Mcast, MergeDetect, Join, CommitToken, TokenHoldCancel>;

struct Message {
  NodeId sender;
  Body body;
  friend bool operator==(const Message&, const Message&) = default;
};

MsgType type_of(const Body& body);

enum class DecodeError : uint8_t {
  kNone,
  kTruncated,  // ends inside a field
  kMagic,
  kVersion,
  kType,
  kNodeId,    // a node id 0 or > 65535 where one is required
  kList,      // a list too long or not strictly ascending
  kLength,    // a payload length over the limit
  kFlag,      // a boolean byte other than 0 or 1
  kTrailing,  // bytes after the message
};
std::string_view to_string(DecodeError error);

std::vector<std::byte> encode(const Message& message);
// The message, or nullopt with `error` set.
std::optional<Message> decode(std::span<const std::byte> bytes, DecodeError& error);

}  // namespace quorate::ring
