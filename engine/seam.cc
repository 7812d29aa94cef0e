#include "engine/seam.h"

#include <utility>

#include "engine/check.h"

namespace quorate {

std::string_view to_string(CommandKind kind) {
  switch (kind) {
    case CommandKind::kStart:
      return "start";
    case CommandKind::kStop:
      return "stop";
  }
  QUORATE_UNREACHABLE();
}

std::string_view to_string(EventKind kind) {
  switch (kind) {
    case EventKind::kEchoRtt:
      return "echo.rtt";
    case EventKind::kEchoMalformed:
      return "echo.malformed";
    case EventKind::kLinkUp:
      return "link.up";
    case EventKind::kLinkDown:
      return "link.down";
    case EventKind::kHostReachable:
      return "host.reachable";
    case EventKind::kHostUnreachable:
      return "host.unreachable";
    case EventKind::kRingState:
      return "ring.state";
    case EventKind::kRingSend:
      return "ring.send";
    case EventKind::kRingDeliver:
      return "ring.deliver";
    case EventKind::kRingConfChange:
      return "ring.confchg";
    case EventKind::kRingProcessorFailed:
      return "ring.processor_failed";
    case EventKind::kRingRetransmitList:
      return "ring.retransmit_list";
    case EventKind::kRingFailedToReceive:
      return "ring.failed_to_receive";
    case EventKind::kRingMalformed:
      return "ring.malformed";
  }
  QUORATE_UNREACHABLE();
}

int64_t Event::field(std::string_view key) const {
  for (const EventField& f : fields) {
    if (f.key == key) return f.value;
  }
  QUORATE_CHECK_MSG(false, "event has no such field");
  QUORATE_UNREACHABLE();
}

void Outputs::send(LinkId link, NodeId to, std::vector<std::byte> bytes) {
  QUORATE_CHECK(link.valid());
  QUORATE_CHECK(to.valid() || to == kBroadcast);
  QUORATE_CHECK(!bytes.empty());
  QUORATE_CHECK(bytes.size() <= kMaxPacketBytes);
  items_.emplace_back(SendPacket{link, to, std::move(bytes)});
}

void Outputs::emit(Event event) {
  for (const EventField& f : event.fields)
    QUORATE_CHECK(!f.key.empty());
  items_.emplace_back(std::move(event));
}

void Outputs::wake_at(Instant at) {
  wake_action_ = WakeAction::kSet;
  wake_time_ = at;
}

void Outputs::cancel_wake() {
  wake_action_ = WakeAction::kCancel;
  wake_time_ = Instant{};
}

void Outputs::clear() {
  items_.clear();
  wake_action_ = WakeAction::kUnchanged;
  wake_time_ = Instant{};
  QUORATE_CHECK(empty());
}

}  // namespace quorate
