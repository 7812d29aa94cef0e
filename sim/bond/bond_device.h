// BondDevice: one Linux bonding device (bond0 and its members) as a pure, deterministic state
// machine. Sans-I/O and sans-time: every input carries `now`; outputs are decisions (which
// member(s) carry a frame, whether a received frame is delivered), control frames the bond itself
// sends (LACPDUs, ARP probes, gratuitous ARPs, learning frames, alb client updates), events for
// the trace, and one wake-up instant.
//
// THE SEAM (what the network must do, in this order, for a host whose interface is a bond):
// 1. Construct the bond with its members (enslave order = MemberId order), the bond MAC and the
//    start instant; members start with the carrier given in MemberConfig.
// 2. Carrier: whenever a member NIC's carrier changes, call on_carrier(member, up, now). Only
//    carrier is visible to the bond; tx_ok/rx_ok (silent failures) stay in the network and the
//    bond learns of them only through frames that do or do not arrive.
// 3. Egress: for every frame the host sends through the bond, call select_tx(meta, now, out).
//    Put the frame on each returned member (several = broadcast copies), with the returned
//    source MAC; drop it (trace the reason) when none is returned. Then apply the member's own
//    tx_ok and the cable.
// 4. Ingress: for every frame that arrives on a member NIC (after the network applied rx_ok),
//    call on_frame_received(member, meta, payload, now, out). LACPDUs (ethertype 0x8809) are
//    consumed by the bond; other frames return kDeliver or a drop reason. Frames dropped by the
//    network never reach the bond (that is what makes ARP monitoring work).
// 5. Timers: after any call, schedule a wake-up at wake_at(); at that time call on_timer(now,
//    out). on_timer runs every monitor tick due at or before `now`, each at its own instant.
// 6. Outputs: after each call, transmit out.frames on their member (they pass through the same
//    member tx_ok/cable as data frames) and trace out.events. The caller owns `out`, clears it.
// Calls must come with non-decreasing `now`. The bond keeps no reference to anything passed in.
//
// Ordering at one instant: on_timer runs the MII monitor, then the ARP monitor, then the 802.3ad
// machines, then the tlb/alb monitor. All periodic ticks are on grids anchored at `start`.
//
// Choices (beyond BondOptions and LacpConfig, see their headers):
// - balance-rr uses one counter (Linux keeps one per CPU): frames alternate strictly.
// - tlb/alb: a member other than the active one transmits with its own MAC; the bond MAC stays
//   with the active member (no MAC swap bookkeeping beyond that).
// - alb assigns an IPv4 peer to a member the first time the bond sends it a unicast frame and
//   emits the ARP update (kRlbUpdate) then; reassignments after a member failure are announced
//   2 s later (RLB_UPDATE_DELAY), 3 times on consecutive 100 ms ticks.
// - A bond whose carrier is off (no usable member, or fewer than min_links in 802.3ad) drops
//   every egress frame with kBondDown.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/prng.h"
#include "engine/time.h"
#include "sim/bond/arp_monitor.h"
#include "sim/bond/bond_options.h"
#include "sim/bond/bond_types.h"
#include "sim/bond/lacp_system.h"
#include "sim/bond/mii_monitor.h"
#include "sim/bond/tlb.h"

namespace quorate::bond {

struct MemberConfig {
  std::string name;
  MacAddr mac = kZeroMac;  // permanent MAC, unique
  uint32_t speed_mbps = 1000;
  bool carrier = true;
};

enum class TxDrop : uint8_t { kNone, kNoUsableMember, kBondDown };
struct TxDecision {
  std::vector<MemberId> members;  // empty: dropped for `drop`
  MacAddr src_mac = kZeroMac;     // the source MAC to send with
  TxDrop drop = TxDrop::kNone;
};

enum class RxVerdict : uint8_t {
  kDeliver,
  kInactiveMember,  // active-backup: not the active member
  kNotCollecting,   // 802.3ad: the port is not collecting
  kLacpConsumed,    // an LACPDU, handled by the bond
  kLacpMalformed,   // a slow-protocol frame that is not a valid LACPDU
  kLacpNotEnabled,  // an LACPDU on a bond that is not in 802.3ad mode
};
std::string_view to_string(RxVerdict verdict);
std::string_view to_string(TxDrop drop);

enum class ControlKind : uint8_t { kLacpdu, kArpProbe, kGratuitousArp, kLearning, kRlbUpdate };
struct ControlFrame {
  MemberId member;
  ControlKind kind = ControlKind::kLacpdu;
  FrameMeta meta;
  std::vector<std::byte> payload;  // the LACPDU bytes for kLacpdu, else empty
};

enum class BondEventKind : uint8_t {
  kMemberUp,
  kMemberDown,
  kActiveChanged,  // member = new active; value = 0 when there is none
  kCarrierUp,
  kCarrierDown,
  kLacpPortDistributing,  // value 1/0: the port entered/left the distribution set
  kTlbRebalance,
};
struct BondEvent {
  Instant at;
  BondEventKind kind = BondEventKind::kMemberUp;
  MemberId member;
  int value = 0;
};

struct BondOutputs {
  std::vector<ControlFrame> frames;
  std::vector<BondEvent> events;
  void clear() {
    frames.clear();
    events.clear();
  }
};

// Everything a test or a trace may read about one member.
struct MemberView {
  MemberLink link = MemberLink::kDown;
  bool carrier = false;
  bool active = false;  // Linux's "active slave" flag (passes traffic)
  Instant last_tx;
  Instant last_rx;
};

class BondDevice {
 public:
  // Options must be valid: callers check normalize_options() first (the constructor checks).
  BondDevice(BondOptions options, const MacAddr& bond_mac, std::vector<MemberConfig> members,
             Instant start, uint64_t seed, const LacpConfig* lacp_overrides = nullptr);

  TxDecision select_tx(const FrameMeta& frame, Instant now, BondOutputs& out);
  RxVerdict on_frame_received(MemberId member, const FrameMeta& frame,
                              std::span<const std::byte> payload, Instant now, BondOutputs& out);
  RxVerdict accept_rx(MemberId member, const FrameMeta& frame, Instant now);
  void on_carrier(MemberId member, bool up, Instant now);
  void on_timer(Instant now, BondOutputs& out);
  Instant wake_at() const;

  const BondOptions& options() const { return options_; }
  int member_count() const { return static_cast<int>(members_.size()); }
  MemberView member(MemberId id) const;
  std::optional<MemberId> active_member() const { return active_; }
  bool carrier_up() const;
  const LacpSystem* lacp() const { return lacp_ ? &*lacp_ : nullptr; }
  const TlbTable* tlb() const { return tlb_ ? &*tlb_ : nullptr; }
  const RlbTable* rlb() const { return rlb_ ? &*rlb_ : nullptr; }
  MacAddr member_mac(MemberId id) const;  // the source MAC the member sends with now
  const MacAddr& bond_mac() const { return bond_mac_; }

 private:
  struct Member {
    MemberConfig config;
    bool carrier = false;
    MiiState mii;
    bool active = false;
    Instant last_link_up;
    ArpTimes arp;
  };
  enum class Tick : uint8_t { kMii, kArp, kAd, kAlb };

  // bond_device.cc
  Member& at(MemberId id);
  const Member& at(MemberId id) const;
  bool can_tx(MemberId id) const;
  std::vector<MemberId> usable_members() const;
  void run_tick(Tick tick, Instant at, BondOutputs& out);
  void note_carrier(Instant now, BondOutputs& out);
  // bond_links.cc
  void commit_link(MemberId id, bool up, Instant now, BondOutputs& out);
  void commit_up_hooks(MemberId id, Instant now, BondOutputs& out);
  void commit_down_hooks(MemberId id, Instant now, BondOutputs& out);
  std::optional<MemberId> choose_primary_or_current() const;
  std::optional<MemberId> find_best_member() const;
  void reselect_active(Instant now, BondOutputs& out);
  void change_active(std::optional<MemberId> next, Instant now, BondOutputs& out);
  // bond_monitors.cc
  void mii_tick(Instant now, BondOutputs& out);
  void arp_tick(Instant now, BondOutputs& out);
  void arp_ab_tick(Instant now, BondOutputs& out);
  void arp_rotate_probe(Instant now, BondOutputs& out);
  void send_probes(MemberId id, Instant now, BondOutputs& out);
  void ad_tick(Instant now, BondOutputs& out);
  void note_lacp_changes(Instant now, BondOutputs& out);
  void alb_tick(Instant now, BondOutputs& out);
  void emit_rlb_update(const IpAddr& client, Instant now, BondOutputs& out);
  // bond_tx.cc
  std::optional<MemberId> tx_round_robin();
  std::optional<MemberId> tx_hash(const FrameMeta& frame, std::span<const MemberId> usable) const;
  std::optional<MemberId> tx_tlb(const FrameMeta& frame, Instant now, BondOutputs& out);
  void alb_learn_client(const FrameMeta& frame, Instant now, BondOutputs& out);
  std::vector<MemberId> tx_members(const FrameMeta& frame, Instant now, BondOutputs& out);
  // bond_rx.cc
  void arp_observe_rx(MemberId id, const FrameMeta& frame, Instant now);

  BondOptions options_;
  MacAddr bond_mac_;
  std::vector<Member> members_;
  Instant start_;
  Instant last_now_;
  Prng prng_;
  std::optional<MemberId> active_;
  std::optional<MemberId> current_arp_member_;  // active-backup ARP probe rotation
  uint64_t rr_counter_ = 0;
  std::optional<LacpSystem> lacp_;
  std::vector<bool> lacp_distributing_;  // last seen, for events
  std::optional<TlbTable> tlb_;
  std::optional<RlbTable> rlb_;
  std::set<IpAddr> rlb_pending_;  // clients whose reassignment still has to be announced
  int rlb_update_delay_ticks_ = 0;
  int rlb_update_retries_ = 0;
  int tlb_rebalance_ticks_ = 0;
  int lp_ticks_ = 0;
  bool carrier_reported_ = false;
  Instant next_mii_ = Instant::max();
  Instant next_arp_ = Instant::max();
  Instant next_ad_ = Instant::max();
  Instant next_alb_ = Instant::max();
};

}  // namespace quorate::bond
