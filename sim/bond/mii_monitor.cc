#include "sim/bond/mii_monitor.h"

#include "engine/check.h"

namespace quorate::bond {
namespace {

// Returns true when the member must be committed (state is then the committed one).
bool inspect_one(MiiState& s, bool carrier, int updelay, int downdelay, bool ignore_updelay) {
  switch (s.link) {
    case MemberLink::kUp:
      if (carrier) return false;
      s.link = MemberLink::kFail;
      s.delay_ticks = downdelay;
      [[fallthrough]];
    case MemberLink::kFail:
      if (carrier) {
        s.link = MemberLink::kUp;
        return false;
      }
      if (s.delay_ticks <= 0) return true;
      --s.delay_ticks;
      return false;
    case MemberLink::kDown:
      if (!carrier) return false;
      s.link = MemberLink::kBack;
      s.delay_ticks = updelay;
      [[fallthrough]];
    case MemberLink::kBack:
      if (!carrier) {
        s.link = MemberLink::kDown;
        return false;
      }
      if (ignore_updelay) s.delay_ticks = 0;
      if (s.delay_ticks <= 0) return true;
      --s.delay_ticks;
      return false;
  }
  QUORATE_UNREACHABLE();
}

}  // namespace

std::string_view to_string(MemberLink link) {
  switch (link) {
    case MemberLink::kUp:
      return "up";
    case MemberLink::kFail:
      return "fail";
    case MemberLink::kDown:
      return "down";
    case MemberLink::kBack:
      return "back";
  }
  QUORATE_UNREACHABLE();
}

void mii_inspect(std::span<MiiState> states, std::span<const bool> carrier, int updelay_ticks,
                 int downdelay_ticks, bool ignore_updelay, std::vector<LinkCommit>& out) {
  QUORATE_CHECK(states.size() == carrier.size());
  QUORATE_CHECK(updelay_ticks >= 0 && downdelay_ticks >= 0);
  for (size_t i = 0; i < states.size(); ++i) {
    MiiState& s = states[i];
    if (!inspect_one(s, carrier[i], updelay_ticks, downdelay_ticks, ignore_updelay)) continue;
    const bool up = s.link == MemberLink::kBack;
    s.link = up ? MemberLink::kUp : MemberLink::kDown;
    out.push_back(LinkCommit{MemberId{static_cast<uint8_t>(i)}, up});
  }
}

}  // namespace quorate::bond
