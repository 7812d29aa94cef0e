// The MII link monitor (bond_miimon_inspect): every miimon tick the bond reads each member's
// carrier and moves its link state UP -> FAIL -> DOWN (after downdelay) and DOWN -> BACK -> UP
// (after updelay). It sees carrier only: a silent failure (carrier up, frames lost) is invisible.
//
// Delays are whole miimon ticks (BondOptions are normalized so). A member whose carrier returns
// while FAIL goes straight back to UP without a commit; one that loses carrier while BACK goes
// back to DOWN. updelay is skipped when ignore_updelay is set (no usable member, as Linux does).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "sim/bond/bond_types.h"

namespace quorate::bond {

enum class MemberLink : uint8_t { kUp, kFail, kDown, kBack };
std::string_view to_string(MemberLink link);

struct MiiState {
  MemberLink link = MemberLink::kDown;
  int delay_ticks = 0;  // remaining ticks of updelay/downdelay
};

struct LinkCommit {
  MemberId member;
  bool up = false;
};

// One miimon tick: updates `states` from `carrier` and appends the members to commit up/down.
void mii_inspect(std::span<MiiState> states, std::span<const bool> carrier, int updelay_ticks,
                 int downdelay_ticks, bool ignore_updelay, std::vector<LinkCommit>& out);

}  // namespace quorate::bond
