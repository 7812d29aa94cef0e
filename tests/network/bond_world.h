// Test support: a World of echo engines over a VirtualNetwork where host 1 ("A") has a
// two-member bond (eth0, eth1) and hosts 2..4 (B, C, D) are plain; every outcome comes out of the
// library's BondSelector / StaticLag / LacpLag and the network's fault model. The tests read the
// World's trace: per directed host pair, which frames were sent after the fault and which were
// dropped (with the World's `drop:<reason>` record), and when.
//
// Layout: one network "link0". Switch "sw0" carries every NIC, unless two_switches (then eth1 of
// every host is on "sw1" and every host has a bond: the broadcast-mode layout). NIC j of host k
// has MAC 02:00:00:00:<j>:<k> (the last octet, which the layer2 hash reads, is the host id) and
// the bond/plain interface has 10.0.0.<k>. Switch side of A's bond: none, a StaticLag or an
// LacpLag over A's two ports. Engines: EchoHeartbeat on link 0, every `ping_period`.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/time.h"
#include "sim/bond/bond_options.h"
#include "sim/bond/lacp_system.h"
#include "sim/net/bond_selector.h"
#include "sim/net/switch_lags.h"
#include "sim/net/virtual_network.h"
#include "sim/world.h"

namespace quorate::sim::net::testing {

enum class LagKind : uint8_t { kNone, kStatic, kLacp };
enum class Fault : uint8_t { kTxDead, kRxDead, kCarrierDown };

struct BondWorldSpec {
  bond::BondOptions bond;  // A's bond (and every host's with two_switches)
  LagKind lag = LagKind::kNone;
  bond::LacpRate switch_rate = bond::LacpRate::kSlow;
  bond::LacpConfig switch_lacp = LacpLagOptions::standard_switch_lacp();  // rate/system set here
  bool two_switches = false;
  Fault fault = Fault::kTxDead;
  int dead_member = 1;
  Duration fail_at = Duration::from_s(20);
  std::optional<Duration> repair_at;
  Duration run_for = Duration::from_s(60);
  Duration ping_period = Duration::from_ms(50);
  uint64_t seed = 7;
  // Called every probe_period of global time (if set) with A's bond and the switch LACP LAG.
  std::function<void(Instant, const BondSelector&, const LacpLag*)> probe;
  Duration probe_period = Duration::from_ms(100);
};

struct FlowStats {
  int sent_after = 0;  // sent at or after the fault
  int lost_after = 0;
  std::optional<Instant> first_lost;
  std::optional<Instant> last_lost;
  std::set<std::string> reasons;  // drop:<reason> labels seen after the fault
};

struct BondWorldResult {
  Instant fail_at;
  std::map<std::string, FlowStats> flows;  // "A->C", "C->A", ...
  std::vector<bond::BondEvent> events;     // A's bond
  uint64_t trace_hash = 0;
  // The network's own state records (state:net.* notes, not timer firings), canonical lines.
  std::vector<std::string> notes;
  uint64_t control_sent = 0;  // the network's control frames (LACPDUs, ARP)
  const FlowStats& flow(const std::string& name) const;
  // Time from the fault to the last lost frame of the flow (zero if none was lost).
  Duration window(const std::string& name) const;
  bool all_lost(const std::string& name) const;
  bool none_lost(const std::string& name) const;
};

BondWorldResult run_bond_world(const BondWorldSpec& spec);

// Peer names "B", "C", "D" of hosts 2, 3, 4 and the name of host k.
inline constexpr const char* kPeerNames[] = {"B", "C", "D"};
std::string host_name(uint32_t host);
// The member index a flow's frames take under the layer2 hash with two usable members
// (bond_xmit_hash: dst[5] ^ src[5] ^ 0x0800), the same in both directions: the host id XOR.
int layer2_member(uint32_t a, uint32_t b);

}  // namespace quorate::sim::net::testing
