#include "config/ifupdown/model.h"

#include <algorithm>
#include <array>
#include <utility>

namespace quorate::ifupdown {

namespace {

constexpr std::array<std::pair<Method, std::string_view>, 8> kMethods = {{
    {Method::kStatic, "static"},
    {Method::kManual, "manual"},
    {Method::kDhcp, "dhcp"},
    {Method::kDhcp6, "dhcp6"},
    {Method::kLoopback, "loopback"},
    {Method::kAuto, "auto"},
    {Method::kPpp, "ppp"},
    {Method::kTunnel, "tunnel"},
}};

bool contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

std::string_view name(Family f) {
  switch (f) {
    case Family::kNone:
      return "";
    case Family::kInet:
      return "inet";
    case Family::kInet6:
      return "inet6";
  }
  return "?";
}

std::string_view name(Method m) {
  for (const auto& [value, text] : kMethods) {
    if (value == m) return text;
  }
  return "";
}

std::optional<Family> parse_family(std::string_view text) {
  if (text == "inet") return Family::kInet;
  if (text == "inet6") return Family::kInet6;
  return std::nullopt;
}

std::optional<Method> parse_method(std::string_view text) {
  for (const auto& [value, method_name] : kMethods) {
    if (text == method_name) return value;
  }
  return std::nullopt;
}

std::string_view name(IfaceKind k) {
  switch (k) {
    case IfaceKind::kPhysical:
      return "physical NIC";
    case IfaceKind::kBond:
      return "bond";
    case IfaceKind::kBridge:
      return "bridge";
    case IfaceKind::kVlan:
      return "VLAN";
    case IfaceKind::kLoopback:
      return "loopback";
  }
  return "?";
}

SourceLoc OptionLocs::of(std::string_view key, const SourceLoc& fallback) const {
  const auto it = by_key.find(key);
  return it == by_key.end() ? fallback : it->second;
}

int BondOptions::effective_miimon_ms() const {
  if (miimon_ms) return *miimon_ms;
  return mode_uses_arp_monitor(effective_mode()) ? 0 : 100;
}

namespace {
std::optional<int> vlan_digits(std::string_view digits) {
  if (digits.empty()) return std::nullopt;
  int v = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    if (v < 100000) v = v * 10 + (c - '0');  // large enough to be out of range, no overflow
  }
  return digits.size() > 6 ? -1 : v;
}
}  // namespace

std::optional<VlanOptions> vlan_from_name(std::string_view name) {
  const size_t dot = name.rfind('.');
  if (dot != std::string_view::npos && dot > 0) {
    const std::optional<int> id = vlan_digits(name.substr(dot + 1));
    if (!id) return std::nullopt;
    return VlanOptions{std::string(name.substr(0, dot)), *id};
  }
  if (!name.starts_with("vlan")) return std::nullopt;
  const std::optional<int> id = vlan_digits(name.substr(4));
  if (!id) return std::nullopt;
  return VlanOptions{"", *id};
}

std::vector<IpPrefix> Interface::addresses() const {
  std::vector<IpPrefix> out;
  for (const Stanza& s : stanzas)
    out.insert(out.end(), s.addresses.begin(), s.addresses.end());
  return out;
}

std::vector<IpAddress> Interface::gateways() const {
  std::vector<IpAddress> out;
  for (const Stanza& s : stanzas)
    out.insert(out.end(), s.gateways.begin(), s.gateways.end());
  return out;
}

const Interface* HostNetwork::find(std::string_view name) const {
  for (const Interface& i : interfaces) {
    if (i.name == name) return &i;
  }
  return nullptr;
}

const Interface* HostNetwork::carrier_of(const IpAddress& address) const {
  for (const Interface& i : interfaces) {
    for (const IpPrefix& p : i.addresses()) {
      if (p.address == address) return &i;
    }
  }
  return nullptr;
}

const Interface* HostNetwork::master_of(std::string_view name) const {
  for (const Interface& i : interfaces) {
    if (i.bond && contains(i.bond->members, name)) return &i;
    if (i.bridge && contains(i.bridge->ports, name)) return &i;
  }
  return nullptr;
}

}  // namespace quorate::ifupdown
