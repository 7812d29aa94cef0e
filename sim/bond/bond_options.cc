#include "sim/bond/bond_options.h"

#include <array>

#include "engine/check.h"

namespace quorate::bond {
namespace {

constexpr std::array<std::string_view, 7> kModeNames = {
    "balance-rr", "active-backup", "balance-xor", "broadcast",
    "802.3ad",    "balance-tlb",   "balance-alb",
};
constexpr Duration kDefaultMiimon = Duration::from_ms(100);
constexpr int kMaxArpTargets = 16;

bool negative(Duration d) {
  return d < Duration::zero();
}

void check_monitors(BondOptions& o, std::vector<OptionError>& errors) {
  if (negative(o.miimon) || negative(o.updelay) || negative(o.downdelay) ||
      negative(o.arp_interval)) {
    errors.push_back(OptionError::kNegativeDuration);
    return;
  }
  const bool arp = o.arp_interval > Duration::zero();
  if (arp && !mode_uses_arp_monitor(o.mode)) errors.push_back(OptionError::kArpInModeWithoutArp);
  if (arp && o.arp_ip_targets.empty()) errors.push_back(OptionError::kArpIntervalWithoutTarget);
  if (static_cast<int>(o.arp_ip_targets.size()) > kMaxArpTargets) {
    errors.push_back(OptionError::kTooManyArpTargets);
  }
  if (arp && o.miimon > Duration::zero()) errors.push_back(OptionError::kMiimonAndArp);
  if (!arp && o.arp_validate != ArpValidate::kNone) {
    errors.push_back(OptionError::kArpValidateWithoutArp);
  }
  if (o.arp_missed_max < 1 || o.arp_missed_max > 255) {
    errors.push_back(OptionError::kArpMissedMaxRange);
  }
  // The driver forces miimon for the modes that cannot use ARP when no monitor is configured.
  if (!mode_uses_arp_monitor(o.mode) && o.miimon == Duration::zero()) o.miimon = kDefaultMiimon;
  if (o.miimon == Duration::zero()) {
    if (o.updelay > Duration::zero() || o.downdelay > Duration::zero()) {
      errors.push_back(OptionError::kDelayWithoutMiimon);
    }
    return;
  }
  // Delays are counted in miimon ticks: round down to a multiple of miimon.
  o.updelay = o.miimon * (o.updelay.ns() / o.miimon.ns());
  o.downdelay = o.miimon * (o.downdelay.ns() / o.miimon.ns());
}

void check_mode_params(const BondOptions& o, int member_count, std::vector<OptionError>& errors) {
  if (o.primary.has_value()) {
    if (!mode_uses_primary(o.mode)) errors.push_back(OptionError::kPrimaryInMode);
    if (o.primary->value >= member_count) errors.push_back(OptionError::kPrimaryUnknownMember);
  }
  if (o.min_links < 0) errors.push_back(OptionError::kMinLinksRange);
  if (o.packets_per_slave < 0 || o.packets_per_slave > 65535) {
    errors.push_back(OptionError::kPacketsPerSlaveRange);
  }
  if (o.ad_user_port_key > 1023) errors.push_back(OptionError::kUserPortKeyRange);
  if (member_count < 1) errors.push_back(OptionError::kNoMembers);
  if (member_count > kMaxMembers) errors.push_back(OptionError::kTooManyMembers);
}

}  // namespace

std::string_view to_string(BondMode mode) {
  const auto index = static_cast<size_t>(mode);
  QUORATE_CHECK(index < kModeNames.size());
  return kModeNames[index];
}

std::string_view to_string(XmitHashPolicy policy) {
  switch (policy) {
    case XmitHashPolicy::kLayer2:
      return "layer2";
    case XmitHashPolicy::kLayer23:
      return "layer2+3";
    case XmitHashPolicy::kLayer34:
      return "layer3+4";
  }
  QUORATE_UNREACHABLE();
}

std::optional<BondMode> parse_bond_mode(std::string_view text) {
  for (size_t i = 0; i < kModeNames.size(); ++i) {
    const char digit = static_cast<char>('0' + i);
    if (text == kModeNames[i] || (text.size() == 1 && text[0] == digit)) {
      return static_cast<BondMode>(i);
    }
  }
  return std::nullopt;
}

std::optional<XmitHashPolicy> parse_xmit_hash_policy(std::string_view text) {
  if (text == "layer2" || text == "0") return XmitHashPolicy::kLayer2;
  if (text == "layer3+4" || text == "1") return XmitHashPolicy::kLayer34;
  if (text == "layer2+3" || text == "2") return XmitHashPolicy::kLayer23;
  return std::nullopt;
}

bool mode_uses_arp_monitor(BondMode mode) {
  return mode == BondMode::kBalanceRr || mode == BondMode::kActiveBackup ||
         mode == BondMode::kBalanceXor || mode == BondMode::kBroadcast;
}

bool mode_uses_primary(BondMode mode) {
  return mode == BondMode::kActiveBackup || mode == BondMode::kBalanceTlb ||
         mode == BondMode::kBalanceAlb;
}

bool mode_uses_xmit_hash(BondMode mode) {
  return mode == BondMode::kBalanceXor || mode == BondMode::k8023ad;
}

std::string_view to_string(OptionError error) {
  switch (error) {
    case OptionError::kArpInModeWithoutArp:
      return "arp_interval is not supported in 802.3ad, balance-tlb or balance-alb";
    case OptionError::kArpIntervalWithoutTarget:
      return "arp_interval needs at least one arp_ip_target";
    case OptionError::kTooManyArpTargets:
      return "at most 16 arp_ip_target addresses";
    case OptionError::kMiimonAndArp:
      return "miimon and arp_interval are mutually exclusive";
    case OptionError::kArpValidateWithoutArp:
      return "arp_validate needs arp_interval";
    case OptionError::kArpMissedMaxRange:
      return "arp_missed_max must be 1..255";
    case OptionError::kPrimaryInMode:
      return "primary is only used by active-backup, balance-tlb and balance-alb";
    case OptionError::kPrimaryUnknownMember:
      return "primary names no member of the bond";
    case OptionError::kNegativeDuration:
      return "monitor intervals and delays must not be negative";
    case OptionError::kDelayWithoutMiimon:
      return "updelay/downdelay need miimon";
    case OptionError::kMinLinksRange:
      return "min_links must not be negative";
    case OptionError::kPacketsPerSlaveRange:
      return "packets_per_slave must be 0..65535";
    case OptionError::kUserPortKeyRange:
      return "ad_user_port_key must be 0..1023";
    case OptionError::kNoMembers:
      return "a bond needs at least one member";
    case OptionError::kTooManyMembers:
      return "too many members";
  }
  QUORATE_UNREACHABLE();
}

std::vector<OptionError> normalize_options(BondOptions& options, int member_count) {
  std::vector<OptionError> errors;
  check_monitors(options, errors);
  check_mode_params(options, member_count, errors);
  return errors;
}

}  // namespace quorate::bond
