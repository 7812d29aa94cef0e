// Test support: a host bond (two members) and a switch, connected by one "wire" per member that
// can silently drop either direction while carrier stays up, plus peers B, C, D behind the
// switch, all driven over virtual time by a tiny event loop. Every outcome the tests check comes
// out of BondDevice / LacpSystem; the harness only moves frames and counts them.
//
// Switch kinds: kLearning (plain L2 learning switch: active-backup, tlb, alb), kStaticLag (modes
// rr/xor/broadcast; egress hashed with the switch's own layer2+3 policy over carrier-up ports),
// kLacpLag (802.3ad; the switch runs its own LacpSystem), kTwoSwitches (each member on its own
// switch, peers send a copy through each: the broadcast-mode topology).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <queue>
#include <string>
#include <vector>

#include "engine/time.h"
#include "sim/bond/bond_device.h"
#include "sim/bond/lacp_system.h"

namespace quorate::bond::testing {

enum class SwitchKind : uint8_t { kLearning, kStaticLag, kLacpLag, kTwoSwitches };
enum class Fault : uint8_t { kNone, kTxDead, kRxDead, kCarrierDown };

struct Scenario {
  BondOptions options;
  SwitchKind switch_kind = SwitchKind::kLearning;
  LacpConfig switch_lacp;  // system/rate set by the test; the switch's LACP configuration
  int dead_member = 1;
  Fault fault = Fault::kTxDead;
  Duration fail_at = Duration::from_s(20);
  std::optional<Duration> repair_at;
  Duration run_for = Duration::from_s(140);
  Duration traffic_period = Duration::from_ms(20);
};

struct FlowStats {
  Instant fail_at;
  int sent = 0;
  int lost_after_fail = 0;
  int sent_after_fail = 0;
  std::optional<Instant> first_lost;
  std::optional<Instant> last_lost;
  // Time from the failure to the last lost frame (0 when nothing was lost).
  Duration window() const;
};

struct RunResult {
  std::map<std::string, FlowStats> flows;  // "A->B", "B->A", ...
  Instant fail_at;
  std::vector<BondEvent> events;
  const FlowStats& flow(const std::string& name) const;
};

RunResult run_scenario(const Scenario& scenario);

// A minimal discrete-event loop: (time, insertion order) ordered callbacks.
class EventLoop {
 public:
  void at(Instant t, std::function<void()> fn);
  void run_until(Instant end);
  Instant now() const { return now_; }

 private:
  struct Item {
    Instant t;
    uint64_t seq;
    std::function<void()> fn;
    bool operator>(const Item& o) const { return t != o.t ? t > o.t : seq > o.seq; }
  };
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue_;
  uint64_t seq_ = 0;
  Instant now_;
};

inline constexpr MacAddr kBondMac = {0x02, 0, 0, 0, 0, 0x0a};
inline constexpr MacAddr kSwitchMac = {0x02, 0, 0, 0, 0x5e, 0x01};
std::vector<MemberConfig> two_members();

}  // namespace quorate::bond::testing
