// LACPDU: the 110-byte Slow Protocols payload (subtype 1) of IEEE 802.1AX, encoded and decoded.
//
// Layout after the Ethernet header (ethertype 0x8809), all multi-byte fields big-endian:
//   0 subtype=1, 1 version=1,
//   2 TLV actor (type 1, length 20): sys_prio(2) system(6) key(2) port_prio(2) port(2) state(1)
//     reserved(3)
//  22 TLV partner (type 2, length 20): same fields
//  42 TLV collector (type 3, length 16): max_delay(2) reserved(12)
//  58 TLV terminator (type 0, length 0), 60 reserved(50)
// decode_lacpdu() checks the length, subtype, version and every TLV type/length; anything else
// is reported as an error, never a crash. Reserved bytes are ignored on receive, as Linux does.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "sim/bond/bond_types.h"

namespace quorate::bond {

inline constexpr size_t kLacpduBytes = 110;

// Port state bits (802.1AX 6.4.2.3).
inline constexpr uint8_t kLacpActivity = 0x01;
inline constexpr uint8_t kLacpTimeoutShort = 0x02;
inline constexpr uint8_t kLacpAggregation = 0x04;
inline constexpr uint8_t kLacpSync = 0x08;
inline constexpr uint8_t kLacpCollecting = 0x10;
inline constexpr uint8_t kLacpDistributing = 0x20;
inline constexpr uint8_t kLacpDefaulted = 0x40;
inline constexpr uint8_t kLacpExpired = 0x80;

// One side's parameters as carried in a TLV (and as kept as "partner operational" state).
struct LacpPortInfo {
  uint16_t system_priority = 0;
  MacAddr system = kZeroMac;
  uint16_t key = 0;
  uint16_t port_priority = 0;
  uint16_t port = 0;
  uint8_t state = 0;
  constexpr bool operator==(const LacpPortInfo&) const = default;
};

struct Lacpdu {
  LacpPortInfo actor;
  LacpPortInfo partner;
  uint16_t collector_max_delay = 0;
  constexpr bool operator==(const Lacpdu&) const = default;
};

enum class LacpduError : uint8_t {
  kNone,
  kLength,      // not exactly kLacpduBytes (longer frames are trimmed by the caller: padding)
  kSubtype,     // not 1 (a Marker PDU, or garbage)
  kVersion,     // version 0
  kActorTlv,    // actor TLV type/length wrong
  kPartnerTlv,  // partner TLV type/length wrong
  kCollectorTlv,
  kTerminator,
};
std::string_view to_string(LacpduError error);

struct LacpduDecode {
  std::optional<Lacpdu> pdu;
  LacpduError error = LacpduError::kNone;
};

std::array<std::byte, kLacpduBytes> encode_lacpdu(const Lacpdu& pdu);
// Accepts payloads of at least kLacpduBytes (Ethernet padding beyond is ignored).
LacpduDecode decode_lacpdu(std::span<const std::byte> payload);

}  // namespace quorate::bond
