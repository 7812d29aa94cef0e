// Bond options: the bonding driver's parameters, their defaults, and the checks the driver makes
// when they are set. Names and defaults follow Documentation/networking/bonding.rst.
//
// Contract:
// - BondOptions is a plain value. normalize_options() applies the driver's forced values (miimon
//   100 ms for 802.3ad/tlb/alb when no monitor is set) and returns every validation error;
//   BondDevice refuses options that have errors.
// - Durations are whole milliseconds in the driver; updelay/downdelay are rounded down to a
//   multiple of miimon (the driver counts them in miimon ticks) by normalize_options().
//
// Choices where the driver or the brief leaves room (documented, all parameters):
// - miimon together with arp_interval: the module-parameter path disables the ARP monitor, the
//   netlink path lets the last one win. Here it is a validation error (kMiimonAndArp).
// - arp_validate is accepted in every mode that allows the ARP monitor (kernels >= 3.x do).
// - packets_per_slave 0 (random member) draws from the device's seeded Prng.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/time.h"
#include "sim/bond/bond_types.h"

namespace quorate::bond {

enum class BondMode : uint8_t {
  kBalanceRr = 0,
  kActiveBackup = 1,
  kBalanceXor = 2,
  kBroadcast = 3,
  k8023ad = 4,
  kBalanceTlb = 5,
  kBalanceAlb = 6,
};
enum class XmitHashPolicy : uint8_t { kLayer2, kLayer23, kLayer34 };
enum class PrimaryReselect : uint8_t { kAlways, kBetter, kFailure };
// Bit 0: validate the active member, bit 1: validate backups, bit 2: "filter" (only ARP counts).
enum class ArpValidate : uint8_t {
  kNone = 0,
  kActive = 1,
  kBackup = 2,
  kAll = 3,
  kFilter = 4,
  kFilterActive = 5,
  kFilterBackup = 6,
};
enum class LacpRate : uint8_t { kSlow, kFast };
enum class AdSelect : uint8_t { kStable, kBandwidth, kCount };

std::string_view to_string(BondMode mode);
std::string_view to_string(XmitHashPolicy policy);
std::optional<BondMode> parse_bond_mode(std::string_view text);  // "802.3ad", "4", "balance-rr"
std::optional<XmitHashPolicy> parse_xmit_hash_policy(std::string_view text);

// Which modes the driver lets use which feature.
bool mode_uses_arp_monitor(BondMode mode);  // rr, active-backup, xor, broadcast
bool mode_uses_primary(BondMode mode);      // active-backup, tlb, alb
bool mode_uses_xmit_hash(BondMode mode);    // xor, 802.3ad (and tlb with tlb_dynamic_lb=0)

struct BondOptions {
  BondMode mode = BondMode::kBalanceRr;
  Duration miimon = Duration::zero();  // zero: off (forced to 100 ms for 802.3ad/tlb/alb)
  Duration updelay = Duration::zero();
  Duration downdelay = Duration::zero();
  Duration arp_interval = Duration::zero();  // zero: off
  std::vector<IpAddr> arp_ip_targets;        // at most 16
  ArpValidate arp_validate = ArpValidate::kNone;
  int arp_missed_max = 2;  // 1..255
  std::optional<MemberId> primary;
  PrimaryReselect primary_reselect = PrimaryReselect::kAlways;
  XmitHashPolicy xmit_hash_policy = XmitHashPolicy::kLayer2;
  int packets_per_slave = 1;  // balance-rr only; 0 = random member
  // 802.3ad
  LacpRate lacp_rate = LacpRate::kSlow;
  bool lacp_active = true;
  AdSelect ad_select = AdSelect::kStable;
  int min_links = 0;
  uint16_t ad_actor_sys_prio = 65535;
  uint16_t ad_user_port_key = 0;  // 0..1023
  // tlb/alb
  bool tlb_dynamic_lb = true;
  Duration lp_interval = Duration::from_s(1);
  // Peer notification after an active-backup/tlb/alb failover (gratuitous ARPs).
  int num_grat_arp = 1;
  // The bond's own IPv4 address: sender of ARP probes and the address alb answers for.
  IpAddr bond_ip;
};

enum class OptionError : uint8_t {
  kArpInModeWithoutArp,       // arp_interval in 802.3ad/tlb/alb
  kArpIntervalWithoutTarget,  // arp_interval > 0 but no arp_ip_target
  kTooManyArpTargets,         // > 16 targets
  kMiimonAndArp,              // both monitors set
  kArpValidateWithoutArp,     // arp_validate without the ARP monitor
  kArpMissedMaxRange,         // arp_missed_max not in 1..255
  kPrimaryInMode,             // primary in a mode that does not use it
  kPrimaryUnknownMember,      // primary names a member that does not exist
  kNegativeDuration,          // a negative miimon/updelay/downdelay/arp_interval
  kDelayWithoutMiimon,        // updelay/downdelay without miimon
  kMinLinksRange,             // min_links < 0
  kPacketsPerSlaveRange,      // packets_per_slave not in 0..65535
  kUserPortKeyRange,          // ad_user_port_key > 1023
  kNoMembers,                 // a bond needs at least one member here
  kTooManyMembers,            // > kMaxMembers
};
std::string_view to_string(OptionError error);

// Applies the driver's forced values to `options` and returns every error (empty = valid).
std::vector<OptionError> normalize_options(BondOptions& options, int member_count);

}  // namespace quorate::bond
