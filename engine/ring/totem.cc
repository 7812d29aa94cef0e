// Totem: construction, the public calls, dispatch by message type and timer kind, and the
// helpers every phase uses.
#include "engine/ring/totem.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "engine/check.h"
#include "engine/ring/ring_events.h"

namespace quorate::ring {

std::string to_string(RingId id) {
  // corosync's form: "(rep.seq)", both in hex.
  return absl::StrCat("(", absl::Hex(id.rep.value), ".", absl::Hex(id.seq), ")");
}

std::string_view to_string(MembState state) {
  switch (state) {
    case MembState::kOperational:
      return "OPERATIONAL";
    case MembState::kGather:
      return "GATHER";
    case MembState::kCommit:
      return "COMMIT";
    case MembState::kRecovery:
      return "RECOVERY";
  }
  QUORATE_UNREACHABLE();
}

std::optional<Instant> Timers::next() const {
  std::optional<Instant> best;
  for (const std::optional<Instant>& t : due)
    if (t && (!best || *t < *best)) best = t;
  return best;
}

Totem::Totem(NodeId self, RingOptions options, TotemSink& sink)
    : self_(self), options_(options), sink_(sink) {
  QUORATE_CHECK(self_.valid());
  QUORATE_CHECK_MSG(!validate(options_).has_value(), "invalid RingOptions");
  cur_.ring = RingId{self_, 0};
  cur_.members = {self_};
}

void Totem::enter_call(Instant now) {
  QUORATE_CHECK_MSG(now >= now_, "time went backwards");
  now_ = now;
}

void Totem::start(Instant now) {
  enter_call(now);
  if (running_) return;
  if (started_before_) restart_reset();
  started_before_ = true;
  running_ = true;
  memb_.proc = {self_};
  gather_enter();
}

// A restart after leave(): everything goes except what corosync keeps across a restart, the
// highest ring seq (its ringid_<nodeid> file, continued +1), and the message counter (so a
// message id is never reused by this node).
void Totem::restart_reset() {
  const uint64_t ring_seq = memb_.token_ring_id_seq + 1;
  state_ = MembState::kOperational;
  cur_ = RingLog{};
  cur_.ring = RingId{self_, ring_seq};
  cur_.members = {self_};
  new_queue_.clear();
  loopback_.clear();
  timers_ = Timers{};
  token_ = TokenState{};
  flow_ = FlowState{};
  hold_ = HoldState{};
  recovery_ = RecoveryState{};
  memb_ = MembershipState{};
  memb_.token_ring_id_seq = ring_seq;
}

void Totem::leave(Instant now) {
  enter_call(now);
  if (!running_) return;
  Join join{true, cur_.ring.seq, {}, {self_}};
  for (NodeId m : cur_.members)
    if (m != self_) join.proc.push_back(m);
  multicast(Message{self_, join});
  running_ = false;
  timers_ = Timers{};
  loopback_.clear();
}

uint64_t Totem::submit(std::vector<std::byte> payload, Instant now) {
  enter_call(now);
  QUORATE_CHECK(!payload.empty() && payload.size() <= kMessageSizeMax);
  if (!running_) return 0;
  const uint64_t id = next_msg_id_++;
  sink_.emit(send_event(id, payload));
  new_queue_.push_back(QueuedMsg{id, std::move(payload)});
  signal_new_message();
  return id;
}

void Totem::on_message(NodeId from, std::span<const std::byte> bytes, Instant now) {
  enter_call(now);
  if (!running_) return;
  DecodeError error = DecodeError::kNone;
  std::optional<Message> message = decode(bytes, error);
  if (!message || message->sender != from) {
    ++stats_.malformed;
    sink_.emit(malformed_event(from, static_cast<uint8_t>(error), bytes.size()));
    return;
  }
  dispatch(*message, from);
  check_invariants();
}

void Totem::dispatch(const Message& message, NodeId from) {
  std::visit(
      [&](const auto& body) {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, OrfToken>) on_token(body);
        if constexpr (std::is_same_v<T, Mcast>) on_mcast(body, from);
        if constexpr (std::is_same_v<T, MergeDetect>) on_merge_detect(body, from);
        if constexpr (std::is_same_v<T, Join>) on_join(body, from);
        if constexpr (std::is_same_v<T, CommitToken>) on_commit(body, from);
        if constexpr (std::is_same_v<T, TokenHoldCancel>) on_hold_cancel(body);
      },
      message.body);
}

void Totem::on_timer(Instant now) {
  enter_call(now);
  if (!running_) return;
  for (size_t k = 0; k < kTimerCount; ++k) {
    std::optional<Instant>& due = timers_.due[k];
    if (!due || *due > now_) continue;
    due.reset();
    fire(static_cast<TimerKind>(k));
    check_invariants();
  }
}

void Totem::fire(TimerKind kind) {
  switch (kind) {
    case TimerKind::kLoopback:
      return run_loopback();
    case TimerKind::kToken:
      return token_loss();
    case TimerKind::kTokenRetransmit:
      return token_retransmit();
    case TimerKind::kHold:
      return hold_expired();
    case TimerKind::kJoin:
      if (state_ == MembState::kGather) {
        send_join();
        arm(TimerKind::kJoin, options_.join);
      }
      return;
    case TimerKind::kConsensus:
      return consensus_expired();
    case TimerKind::kMerge:
      return merge_expired();
    case TimerKind::kCount:
      break;
  }
  QUORATE_UNREACHABLE();
}

// Messages to self run one at a time from a zero-delay wake-up, never recursively, so a
// singleton ring's token loop advances through the driver like any other token.
void Totem::run_loopback() {
  size_t n = loopback_.size();
  while (n-- > 0 && running_) {
    std::vector<std::byte> bytes = std::move(loopback_.front());
    loopback_.pop_front();
    DecodeError error = DecodeError::kNone;
    std::optional<Message> message = decode(bytes, error);
    QUORATE_CHECK_MSG(message.has_value(), "own message failed to decode");
    dispatch(*message, self_);
  }
  if (!loopback_.empty()) arm(TimerKind::kLoopback, Duration::zero());
}

std::optional<Instant> Totem::next_wake() const {
  if (!running_) return std::nullopt;
  return timers_.next();
}

void Totem::set_state(MembState state) {
  state_ = state;
  sink_.emit(state_event(state, cur_.ring));
}

void Totem::send_to(NodeId to, const Message& message) {
  std::vector<std::byte> bytes = encode(message);
  if (to == self_) {
    loopback_.push_back(std::move(bytes));
    arm(TimerKind::kLoopback, Duration::zero());
    return;
  }
  sink_.unicast(to, std::move(bytes));
}

void Totem::multicast(const Message& message) {
  sink_.multicast(encode(message));
}

NodeId Totem::next_member() const {
  const std::vector<NodeId>& m = cur_.members;
  const auto it = std::find(m.begin(), m.end(), self_);
  QUORATE_CHECK(it != m.end());
  return std::next(it) == m.end() ? m.front() : *std::next(it);
}

void Totem::check_invariants() const {
  QUORATE_CHECK(std::is_sorted(cur_.members.begin(), cur_.members.end()));
  QUORATE_CHECK(std::find(cur_.members.begin(), cur_.members.end(), self_) != cur_.members.end());
  QUORATE_CHECK(cur_.ring.rep == cur_.members.front());
  QUORATE_CHECK(cur_.freed <= cur_.high_delivered);
  QUORATE_CHECK(cur_.high_delivered <= cur_.aru);
  QUORATE_CHECK(cur_.aru <= cur_.high_seq_received);
  QUORATE_CHECK(cur_.msgs.empty() || cur_.msgs.begin()->first > cur_.freed);
  QUORATE_CHECK(!running_ || memb_.proc.contains(self_));
  QUORATE_CHECK(!memb_.failed.contains(self_));
  QUORATE_CHECK((state_ == MembState::kRecovery) == recovery_.old.has_value());
  QUORATE_CHECK(!hold_.held_token || state_ == MembState::kOperational);
  QUORATE_CHECK(state_ != MembState::kCommit || memb_.commit.has_value());
  QUORATE_CHECK(state_ != MembState::kRecovery ||
                (memb_.commit.has_value() && memb_.commit->ring == cur_.ring));
  QUORATE_CHECK(!running_ || state_ != MembState::kOperational || memb_.failed.empty());
  QUORATE_CHECK(state_ != MembState::kGather || !armed(TimerKind::kHold));
}

}  // namespace quorate::ring
