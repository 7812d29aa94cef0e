#include "config/ifupdown/bond_enums.h"

#include <array>
#include <utility>

namespace quorate::ifupdown {

namespace {

template <typename E, size_t N>
using Table = std::array<std::pair<E, std::string_view>, N>;

constexpr Table<BondMode, 7> kModes = {{
    {BondMode::kBalanceRr, "balance-rr"},
    {BondMode::kActiveBackup, "active-backup"},
    {BondMode::kBalanceXor, "balance-xor"},
    {BondMode::kBroadcast, "broadcast"},
    {BondMode::k8023ad, "802.3ad"},
    {BondMode::kBalanceTlb, "balance-tlb"},
    {BondMode::kBalanceAlb, "balance-alb"},
}};

constexpr Table<LacpRate, 2> kRates = {{{LacpRate::kSlow, "slow"}, {LacpRate::kFast, "fast"}}};

constexpr Table<XmitHashPolicy, 5> kPolicies = {{
    {XmitHashPolicy::kLayer2, "layer2"},
    {XmitHashPolicy::kLayer34, "layer3+4"},
    {XmitHashPolicy::kLayer23, "layer2+3"},
    {XmitHashPolicy::kEncap23, "encap2+3"},
    {XmitHashPolicy::kEncap34, "encap3+4"},
}};

constexpr Table<PrimaryReselect, 3> kReselects = {{
    {PrimaryReselect::kAlways, "always"},
    {PrimaryReselect::kBetter, "better"},
    {PrimaryReselect::kFailure, "failure"},
}};

constexpr Table<AdSelect, 3> kAdSelects = {{
    {AdSelect::kStable, "stable"},
    {AdSelect::kBandwidth, "bandwidth"},
    {AdSelect::kCount, "count"},
}};

// The name, or the kernel number as one decimal digit.
template <typename E, size_t N>
std::optional<E> parse_in(const Table<E, N>& table, std::string_view text) {
  for (const auto& [value, text_name] : table) {
    if (text == text_name) return value;
    if (text.size() == 1 && text[0] - '0' == static_cast<int>(value)) return value;
  }
  return std::nullopt;
}

template <typename E, size_t N>
std::string_view name_in(const Table<E, N>& table, E v) {
  for (const auto& [value, text_name] : table) {
    if (value == v) return text_name;
  }
  return "?";
}

}  // namespace

std::optional<BondMode> parse_bond_mode(std::string_view t) {
  return parse_in(kModes, t);
}
std::optional<LacpRate> parse_lacp_rate(std::string_view t) {
  return parse_in(kRates, t);
}
std::optional<XmitHashPolicy> parse_xmit_hash_policy(std::string_view t) {
  return parse_in(kPolicies, t);
}
std::optional<PrimaryReselect> parse_primary_reselect(std::string_view t) {
  return parse_in(kReselects, t);
}
std::optional<AdSelect> parse_ad_select(std::string_view t) {
  return parse_in(kAdSelects, t);
}

std::string_view name(BondMode v) {
  return name_in(kModes, v);
}
std::string_view name(LacpRate v) {
  return name_in(kRates, v);
}
std::string_view name(XmitHashPolicy v) {
  return name_in(kPolicies, v);
}
std::string_view name(PrimaryReselect v) {
  return name_in(kReselects, v);
}
std::string_view name(AdSelect v) {
  return name_in(kAdSelects, v);
}

std::string_view bond_mode_choices() {
  return "balance-rr, active-backup, balance-xor, broadcast, 802.3ad, balance-tlb, balance-alb "
         "or 0-6";
}
std::string_view lacp_rate_choices() {
  return "slow, fast, 0 or 1";
}
std::string_view xmit_hash_policy_choices() {
  return "layer2, layer2+3, layer3+4, encap2+3, encap3+4 or 0-4";
}
std::string_view primary_reselect_choices() {
  return "always, better, failure or 0-2";
}
std::string_view ad_select_choices() {
  return "stable, bandwidth, count or 0-2";
}

bool mode_uses_arp_monitor(BondMode m) {
  return m == BondMode::kBalanceRr || m == BondMode::kActiveBackup || m == BondMode::kBalanceXor ||
         m == BondMode::kBroadcast;
}

bool mode_uses_primary(BondMode m) {
  return m == BondMode::kActiveBackup || m == BondMode::kBalanceTlb || m == BondMode::kBalanceAlb;
}

bool mode_uses_xmit_hash(BondMode m) {
  return m == BondMode::kBalanceXor || m == BondMode::k8023ad || m == BondMode::kBalanceTlb ||
         m == BondMode::kBalanceAlb;
}

}  // namespace quorate::ifupdown
