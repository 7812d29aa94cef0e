// Address values of an interfaces file: IPv4/IPv6 addresses, prefixes and MAC addresses.
//
// Parsing is strict and locale-free: IPv4 is dotted quad without leading zeros (inet_pton's
// rules, which are also Python ipaddress's, the library ifupdown2 validates with); IPv6 is any
// RFC 4291 text form. to_string() gives the canonical form (RFC 5952 for IPv6), so a value
// written and read back is equal. The values own their bytes; nothing points into the text.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace quorate::ifupdown {

enum class IpFamily : uint8_t { kV4, kV6 };

struct IpAddress {
  IpFamily family = IpFamily::kV4;
  std::array<uint8_t, 16> bytes{};  // network order; only the first 4 are used for kV4

  int max_prefix() const { return family == IpFamily::kV4 ? 32 : 128; }
  std::string to_string() const;
  auto operator<=>(const IpAddress&) const = default;
};

std::optional<IpAddress> parse_ip(std::string_view text);

struct IpPrefix {
  IpAddress address;
  int prefix_len = 32;  // invariant: 0 <= prefix_len <= address.max_prefix()

  std::string to_string() const;  // "192.0.2.1/24"
  auto operator<=>(const IpPrefix&) const = default;
};

// "A.B.C.D" with a contiguous mask ("255.255.255.0") or a plain prefix length ("24"), as the
// old `netmask` option allows. nullopt when it is neither.
std::optional<int> parse_ipv4_netmask(std::string_view text);

struct MacAddress {
  std::array<uint8_t, 6> bytes{};

  std::string to_string() const;  // "aa:bb:cc:00:11:22"
  auto operator<=>(const MacAddress&) const = default;
};

// Six hex pairs separated by ':' or '-', case-insensitive; an optional leading "ether "
// (ifupdown's `hwaddress ether XX:...` form) is accepted.
std::optional<MacAddress> parse_mac(std::string_view text);

}  // namespace quorate::ifupdown
