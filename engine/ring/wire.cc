#include "engine/ring/wire.h"

#include <algorithm>

#include "engine/check.h"
#include "engine/ring/ring_options.h"

namespace quorate::ring {
namespace {

class Writer {
 public:
  void u8(uint64_t v) { put(v, 1); }
  void u16(uint64_t v) { put(v, 2); }
  void u32(uint64_t v) { put(v, 4); }
  void u64(uint64_t v) { put(v, 8); }
  void node(NodeId id) { u32(id.value); }
  void ring(RingId id) {
    node(id.rep);
    u64(id.seq);
  }
  void bytes(std::span<const std::byte> b) { out_.insert(out_.end(), b.begin(), b.end()); }
  std::vector<std::byte> take() { return std::move(out_); }

 private:
  void put(uint64_t v, int n) {
    for (int i = 0; i < n; ++i)
      out_.push_back(static_cast<std::byte>((v >> (8 * i)) & 0xff));
  }
  std::vector<std::byte> out_;
};

// Reads fields in order; after the first failure every read yields 0 and error() stays set.
class Reader {
 public:
  explicit Reader(std::span<const std::byte> in) : in_(in) {}
  uint64_t u8() { return get(1); }
  uint64_t u16() { return get(2); }
  uint64_t u32() { return get(4); }
  uint64_t u64() { return get(8); }
  bool flag() {
    const uint64_t v = u8();
    if (v > 1) fail(DecodeError::kFlag);
    return v == 1;
  }
  NodeId node(bool allow_zero = false) {
    const uint64_t v = u32();
    if (v > kMaxNodeId || (v == 0 && !allow_zero)) fail(DecodeError::kNodeId);
    return NodeId{static_cast<uint32_t>(v)};
  }
  RingId ring(bool allow_zero = false) {
    const NodeId rep = node(allow_zero);
    return RingId{rep, u64()};
  }
  std::vector<std::byte> bytes(uint64_t n) {
    if (error_ != DecodeError::kNone || n > in_.size() - pos_) {
      fail(DecodeError::kTruncated);
      return {};
    }
    std::vector<std::byte> out(in_.begin() + static_cast<ptrdiff_t>(pos_),
                               in_.begin() + static_cast<ptrdiff_t>(pos_ + n));
    pos_ += n;
    return out;
  }
  std::vector<NodeId> node_list() {
    const uint64_t n = u16();
    if (n > kProcessorCountMax) fail(DecodeError::kList);
    std::vector<NodeId> out;
    for (uint64_t i = 0; i < n && error_ == DecodeError::kNone; ++i) {
      out.push_back(node());
      if (out.size() >= 2 && !(out[out.size() - 2] < out.back())) fail(DecodeError::kList);
    }
    return out;
  }
  void fail(DecodeError e) {
    if (error_ == DecodeError::kNone) error_ = e;
  }
  void finish() {
    if (error_ == DecodeError::kNone && pos_ != in_.size()) error_ = DecodeError::kTrailing;
  }
  DecodeError error() const { return error_; }

 private:
  uint64_t get(int n) {
    if (error_ != DecodeError::kNone) return 0;
    if (in_.size() - pos_ < static_cast<size_t>(n)) {
      fail(DecodeError::kTruncated);
      return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < n; ++i)
      v |= static_cast<uint64_t>(std::to_integer<uint8_t>(in_[pos_ + i])) << (8 * i);
    pos_ += static_cast<size_t>(n);
    return v;
  }
  std::span<const std::byte> in_;
  size_t pos_ = 0;
  DecodeError error_ = DecodeError::kNone;
};

bool ascending(const std::vector<NodeId>& ids) {
  return std::adjacent_find(ids.begin(), ids.end(), [](NodeId a, NodeId b) { return !(a < b); }) ==
         ids.end();
}

void write_body(Writer& w, const OrfToken& t) {
  QUORATE_CHECK(t.rtr.size() <= kRetransmitEntriesMax);
  w.ring(t.ring);
  w.u64(t.token_seq);
  w.u64(t.seq.value);
  w.u64(t.aru.value);
  w.node(t.aru_addr);
  w.u32(t.backlog);
  w.u32(t.fcc);
  w.u8(t.retrans_flg ? 1 : 0);
  w.u8(t.rtr.size());
  for (const RtrEntry& e : t.rtr) {
    w.ring(e.ring);
    w.u64(e.seq.value);
  }
}

void write_body(Writer& w, const Mcast& m) {
  QUORATE_CHECK(m.payload.size() <= kMessageSizeMax);
  QUORATE_CHECK(m.origin.valid());
  w.ring(m.ring);
  w.u64(m.seq.value);
  w.node(m.origin);
  w.u64(m.msg_id);
  w.u8(m.encapsulated ? 1 : 0);
  w.ring(m.orig_ring);
  w.u64(m.orig_seq.value);
  w.u32(m.payload.size());
  w.bytes(m.payload);
}

void write_list(Writer& w, const std::vector<NodeId>& ids) {
  QUORATE_CHECK(ids.size() <= kProcessorCountMax && ascending(ids));
  w.u16(ids.size());
  for (NodeId id : ids)
    w.node(id);
}

void write_body(Writer& w, const Join& j) {
  w.u8(j.leave ? 1 : 0);
  w.u64(j.ring_seq);
  write_list(w, j.proc);
  write_list(w, j.failed);
}

void write_body(Writer& w, const CommitToken& c) {
  QUORATE_CHECK(!c.memb.empty() && c.memb.size() <= kProcessorCountMax);
  w.ring(c.ring);
  w.u64(c.token_seq);
  w.u32(c.memb_index);
  w.u16(c.memb.size());
  for (const CommitEntry& e : c.memb) {
    w.node(e.addr);
    w.ring(e.old_ring);
    w.u64(e.aru.value);
    w.u64(e.high_delivered.value);
    w.u8(e.received_flg ? 1 : 0);
  }
}

void write_body(Writer& w, const MergeDetect& m) {
  w.ring(m.ring);
}
void write_body(Writer& w, const TokenHoldCancel& m) {
  w.ring(m.ring);
}

OrfToken read_token(Reader& r) {
  OrfToken t;
  t.ring = r.ring();
  t.token_seq = r.u64();
  t.seq = MsgSeq{r.u64()};
  t.aru = MsgSeq{r.u64()};
  t.aru_addr = r.node(/*allow_zero=*/true);
  t.backlog = static_cast<uint32_t>(r.u32());
  t.fcc = static_cast<uint32_t>(r.u32());
  t.retrans_flg = r.flag();
  const uint64_t n = r.u8();
  if (n > kRetransmitEntriesMax) r.fail(DecodeError::kList);
  for (uint64_t i = 0; i < n && r.error() == DecodeError::kNone; ++i) {
    const RingId ring = r.ring();
    t.rtr.push_back(RtrEntry{ring, MsgSeq{r.u64()}});
  }
  return t;
}

Mcast read_mcast(Reader& r) {
  Mcast m;
  m.ring = r.ring();
  m.seq = MsgSeq{r.u64()};
  m.origin = r.node();
  m.msg_id = r.u64();
  m.encapsulated = r.flag();
  m.orig_ring = r.ring();
  m.orig_seq = MsgSeq{r.u64()};
  const uint64_t len = r.u32();
  if (len > kMessageSizeMax) r.fail(DecodeError::kLength);
  m.payload = r.bytes(len);
  return m;
}

Join read_join(Reader& r) {
  Join j;
  j.leave = r.flag();
  j.ring_seq = r.u64();
  j.proc = r.node_list();
  j.failed = r.node_list();
  return j;
}

CommitToken read_commit(Reader& r) {
  CommitToken c;
  c.ring = r.ring();
  c.token_seq = r.u64();
  c.memb_index = static_cast<uint32_t>(r.u32());
  const uint64_t n = r.u16();
  if (n == 0 || n > kProcessorCountMax) r.fail(DecodeError::kList);
  for (uint64_t i = 0; i < n && r.error() == DecodeError::kNone; ++i) {
    CommitEntry e;
    e.addr = r.node();
    e.old_ring = r.ring(/*allow_zero=*/true);  // unfilled slots are all zero
    e.aru = MsgSeq{r.u64()};
    e.high_delivered = MsgSeq{r.u64()};
    e.received_flg = r.flag();
    if (!c.memb.empty() && !(c.memb.back().addr < e.addr)) r.fail(DecodeError::kList);
    c.memb.push_back(e);
  }
  return c;
}

std::optional<Body> read_body(Reader& r, uint64_t type) {
  switch (static_cast<MsgType>(type)) {
    case MsgType::kOrfToken:
      return read_token(r);
    case MsgType::kMcast:
      return read_mcast(r);
    case MsgType::kMergeDetect:
      return MergeDetect{r.ring()};
    case MsgType::kJoin:
      return read_join(r);
    case MsgType::kCommitToken:
      return read_commit(r);
    case MsgType::kTokenHoldCancel:
      return TokenHoldCancel{r.ring()};
  }
  r.fail(DecodeError::kType);
  return std::nullopt;
}

}  // namespace

MsgType type_of(const Body& body) {
  return static_cast<MsgType>(body.index());
}

std::string_view to_string(DecodeError error) {
  switch (error) {
    case DecodeError::kNone:
      return "none";
    case DecodeError::kTruncated:
      return "truncated";
    case DecodeError::kMagic:
      return "magic";
    case DecodeError::kVersion:
      return "version";
    case DecodeError::kType:
      return "type";
    case DecodeError::kNodeId:
      return "node id";
    case DecodeError::kList:
      return "list";
    case DecodeError::kLength:
      return "length";
    case DecodeError::kFlag:
      return "flag";
    case DecodeError::kTrailing:
      return "trailing bytes";
  }
  QUORATE_UNREACHABLE();
}

std::vector<std::byte> encode(const Message& message) {
  QUORATE_CHECK(message.sender.valid());
  Writer w;
  w.u16(kTotemMagic);
  w.u8(kTotemVersion);
  w.u8(static_cast<uint8_t>(type_of(message.body)));
  w.node(message.sender);
  std::visit([&w](const auto& body) { write_body(w, body); }, message.body);
  return w.take();
}

std::optional<Message> decode(std::span<const std::byte> bytes, DecodeError& error) {
  Reader r(bytes);
  const uint64_t magic = r.u16();
  const uint64_t version = r.u8();
  const uint64_t type = r.u8();
  const NodeId sender = r.node();
  if (r.error() == DecodeError::kNone && magic != kTotemMagic) r.fail(DecodeError::kMagic);
  if (r.error() == DecodeError::kNone && version != kTotemVersion) r.fail(DecodeError::kVersion);
  std::optional<Body> body;
  if (r.error() == DecodeError::kNone) body = read_body(r, type);
  r.finish();
  error = r.error();
  if (error != DecodeError::kNone || !body) return std::nullopt;
  return Message{sender, std::move(*body)};
}

}  // namespace quorate::ring
