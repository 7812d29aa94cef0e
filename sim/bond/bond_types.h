// Vocabulary shared by the bond device, its monitors and the LACP machines.
//
// - MemberId: index of a bond member (a "slave" in the kernel's words) in enslave order, 0-based.
//   The kernel's 802.3ad port number is MemberId + 1. Valid ids are < the bond's member count.
// - MacAddr / IpAddr: plain value types; IPv4 addresses are kept as 4 bytes in network order so
//   the transmit hash can load them the way an x86 (little-endian) kernel does.
// - FrameMeta: the header fields the bond looks at. It never owns a payload. For ARP frames
//   (ethertype 0x0806) src_ip/dst_ip carry the ARP sender and target protocol addresses.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <string>

namespace quorate::bond {

inline constexpr int kMaxMembers = 16;

struct MemberId {
  uint8_t value = 0;
  constexpr auto operator<=>(const MemberId&) const = default;
};

using MacAddr = std::array<uint8_t, 6>;
inline constexpr MacAddr kBroadcastMac = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
inline constexpr MacAddr kZeroMac = {0, 0, 0, 0, 0, 0};
// IEEE 802.3 Slow Protocols multicast address, the destination of every LACPDU.
inline constexpr MacAddr kLacpMulticastMac = {0x01, 0x80, 0xc2, 0x00, 0x00, 0x02};

inline constexpr uint16_t kEtherTypeIpv4 = 0x0800;
inline constexpr uint16_t kEtherTypeArp = 0x0806;
inline constexpr uint16_t kEtherTypeIpv6 = 0x86dd;
inline constexpr uint16_t kEtherTypeSlow = 0x8809;

struct IpAddr {
  enum class Family : uint8_t { kNone, kV4, kV6 };
  Family family = Family::kNone;
  std::array<uint8_t, 16> bytes{};  // v4 uses bytes[0..3], network order

  static constexpr IpAddr v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
    IpAddr ip;
    ip.family = Family::kV4;
    ip.bytes[0] = a;
    ip.bytes[1] = b;
    ip.bytes[2] = c;
    ip.bytes[3] = d;
    return ip;
  }
  static constexpr IpAddr v6(const std::array<uint8_t, 16>& b) {
    IpAddr ip;
    ip.family = Family::kV6;
    ip.bytes = b;
    return ip;
  }
  constexpr bool is_v4() const { return family == Family::kV4; }
  constexpr bool is_v6() const { return family == Family::kV6; }
  constexpr auto operator<=>(const IpAddr&) const = default;
};

enum class L4Proto : uint8_t { kNone, kUdp, kTcp, kIcmp, kOther };
enum class ArpOp : uint8_t { kNone, kRequest, kReply };

struct FrameMeta {
  MacAddr src_mac = kZeroMac;
  MacAddr dst_mac = kZeroMac;
  uint16_t ethertype = kEtherTypeIpv4;
  IpAddr src_ip;  // ARP: sender protocol address
  IpAddr dst_ip;  // ARP: target protocol address
  L4Proto l4 = L4Proto::kNone;
  uint16_t src_port = 0;
  uint16_t dst_port = 0;
  bool fragment = false;  // a non-first IPv4 fragment (or any fragment): ports unusable
  ArpOp arp_op = ArpOp::kNone;
  uint32_t size_bytes = 64;  // on-wire frame length, used by tlb load accounting

  constexpr bool dst_is_multicast() const { return (dst_mac[0] & 1U) != 0; }
  constexpr bool is_arp() const { return ethertype == kEtherTypeArp; }
  constexpr bool is_slow_protocol() const { return ethertype == kEtherTypeSlow; }
};

std::string to_string(const MacAddr& mac);
std::string to_string(const IpAddr& ip);

}  // namespace quorate::bond
