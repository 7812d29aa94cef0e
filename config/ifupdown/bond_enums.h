// The enumerated bonding options, with the Linux bonding driver's names and numbers
// (Documentation/networking/bonding.rst; the value sets ifupdown2's bond addon accepts).
//
// parse_*() accepts the name or the kernel number ("802.3ad" or "4") and nothing else (no case
// folding, as the driver). name() gives the name, which is what the writer emits. The
// *_choices() strings list the accepted spellings for error messages.
#pragma once

#include <optional>
#include <string_view>

namespace quorate::ifupdown {

enum class BondMode {
  kBalanceRr = 0,
  kActiveBackup = 1,
  kBalanceXor = 2,
  kBroadcast = 3,
  k8023ad = 4,
  kBalanceTlb = 5,
  kBalanceAlb = 6,
};

enum class LacpRate { kSlow = 0, kFast = 1 };

enum class XmitHashPolicy {
  kLayer2 = 0,
  kLayer34 = 1,
  kLayer23 = 2,
  kEncap23 = 3,
  kEncap34 = 4,
};

enum class PrimaryReselect { kAlways = 0, kBetter = 1, kFailure = 2 };

enum class AdSelect { kStable = 0, kBandwidth = 1, kCount = 2 };

std::optional<BondMode> parse_bond_mode(std::string_view text);
std::optional<LacpRate> parse_lacp_rate(std::string_view text);
std::optional<XmitHashPolicy> parse_xmit_hash_policy(std::string_view text);
std::optional<PrimaryReselect> parse_primary_reselect(std::string_view text);
std::optional<AdSelect> parse_ad_select(std::string_view text);

std::string_view name(BondMode v);
std::string_view name(LacpRate v);
std::string_view name(XmitHashPolicy v);
std::string_view name(PrimaryReselect v);
std::string_view name(AdSelect v);

std::string_view bond_mode_choices();
std::string_view lacp_rate_choices();
std::string_view xmit_hash_policy_choices();
std::string_view primary_reselect_choices();
std::string_view ad_select_choices();

// Mode properties from the driver (bonding.rst, research §1.1/§1.3).
bool mode_uses_arp_monitor(BondMode m);  // balance-rr, active-backup, balance-xor, broadcast
bool mode_uses_primary(BondMode m);      // active-backup, balance-tlb, balance-alb
bool mode_uses_xmit_hash(BondMode m);    // balance-xor, 802.3ad, balance-tlb, balance-alb

}  // namespace quorate::ifupdown
