// Link-layer and network-layer addresses of the virtual topology.
//
// - MacAddress: 48 bits in the low bits of a uint64_t; text form "02:00:00:00:03:01".
// - IpAddress: IPv4 or IPv6, stored as 16 bytes in network order (IPv4 uses the first 4).
//   Parsing and formatting go through inet_pton/inet_ntop (pure conversions, no I/O).
// Both are values, ordered and comparable, so they can key ordered containers.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace quorate::model {

struct MacAddress {
  uint64_t value = 0;  // only the low 48 bits are used

  // A locally administered unicast MAC 02:00:<a>:<b>:<c>:<d> from a 32-bit tag.
  static constexpr MacAddress local(uint32_t tag) {
    return MacAddress{(uint64_t{0x02} << 40) | tag};
  }
  constexpr bool valid() const { return value != 0 && value < (uint64_t{1} << 48); }
  constexpr auto operator<=>(const MacAddress&) const = default;
};
std::string to_string(MacAddress mac);

enum class IpFamily : uint8_t { kV4, kV6 };

struct IpAddress {
  IpFamily family = IpFamily::kV4;
  std::array<uint8_t, 16> bytes{};  // network order; IPv4 uses bytes[0..3], the rest stay zero

  // Parses dotted-quad IPv4 or any RFC 4291 IPv6 text form; nullopt if malformed.
  static std::optional<IpAddress> parse(std::string_view text);
  // Like parse(), but check-fails on malformed text (for literals in tests and builders).
  static IpAddress must(std::string_view text);
  static IpAddress v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d);

  // Size of the IP header a UDP datagram from this address carries (20 or 40 bytes).
  constexpr uint32_t header_bytes() const { return family == IpFamily::kV4 ? 20 : 40; }
  constexpr auto operator<=>(const IpAddress&) const = default;
};
std::string to_string(const IpAddress& address);

}  // namespace quorate::model
