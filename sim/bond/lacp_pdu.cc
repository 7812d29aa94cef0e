#include "sim/bond/lacp_pdu.h"

#include "engine/check.h"

namespace quorate::bond {
namespace {

constexpr size_t kActorTlv = 2;
constexpr size_t kPartnerTlv = 22;
constexpr size_t kCollectorTlv = 42;
constexpr size_t kTerminatorTlv = 58;
constexpr uint8_t kInfoLength = 20;
constexpr uint8_t kCollectorLength = 16;

void put16(std::span<std::byte> out, size_t at, uint16_t v) {
  out[at] = static_cast<std::byte>(v >> 8);
  out[at + 1] = static_cast<std::byte>(v & 0xff);
}

uint8_t get8(std::span<const std::byte> in, size_t at) {
  return static_cast<uint8_t>(in[at]);
}

uint16_t get16(std::span<const std::byte> in, size_t at) {
  return static_cast<uint16_t>((get8(in, at) << 8) | get8(in, at + 1));
}

void put_info(std::span<std::byte> out, size_t at, uint8_t type, const LacpPortInfo& info) {
  out[at] = static_cast<std::byte>(type);
  out[at + 1] = static_cast<std::byte>(kInfoLength);
  put16(out, at + 2, info.system_priority);
  for (size_t i = 0; i < 6; ++i)
    out[at + 4 + i] = static_cast<std::byte>(info.system[i]);
  put16(out, at + 10, info.key);
  put16(out, at + 12, info.port_priority);
  put16(out, at + 14, info.port);
  out[at + 16] = static_cast<std::byte>(info.state);
}

bool tlv_ok(std::span<const std::byte> in, size_t at, uint8_t type, uint8_t length) {
  return get8(in, at) == type && get8(in, at + 1) == length;
}

LacpPortInfo get_info(std::span<const std::byte> in, size_t at) {
  LacpPortInfo info;
  info.system_priority = get16(in, at + 2);
  for (size_t i = 0; i < 6; ++i)
    info.system[i] = get8(in, at + 4 + i);
  info.key = get16(in, at + 10);
  info.port_priority = get16(in, at + 12);
  info.port = get16(in, at + 14);
  info.state = get8(in, at + 16);
  return info;
}

LacpduError check_framing(std::span<const std::byte> in) {
  if (in.size() < kLacpduBytes) return LacpduError::kLength;
  if (get8(in, 0) != 1) return LacpduError::kSubtype;
  if (get8(in, 1) == 0) return LacpduError::kVersion;
  if (!tlv_ok(in, kActorTlv, 1, kInfoLength)) return LacpduError::kActorTlv;
  if (!tlv_ok(in, kPartnerTlv, 2, kInfoLength)) return LacpduError::kPartnerTlv;
  if (!tlv_ok(in, kCollectorTlv, 3, kCollectorLength)) return LacpduError::kCollectorTlv;
  if (!tlv_ok(in, kTerminatorTlv, 0, 0)) return LacpduError::kTerminator;
  return LacpduError::kNone;
}

}  // namespace

std::string_view to_string(LacpduError error) {
  switch (error) {
    case LacpduError::kNone:
      return "ok";
    case LacpduError::kLength:
      return "short LACPDU";
    case LacpduError::kSubtype:
      return "not an LACPDU subtype";
    case LacpduError::kVersion:
      return "bad LACP version";
    case LacpduError::kActorTlv:
      return "bad actor TLV";
    case LacpduError::kPartnerTlv:
      return "bad partner TLV";
    case LacpduError::kCollectorTlv:
      return "bad collector TLV";
    case LacpduError::kTerminator:
      return "bad terminator TLV";
  }
  QUORATE_UNREACHABLE();
}

std::array<std::byte, kLacpduBytes> encode_lacpdu(const Lacpdu& pdu) {
  std::array<std::byte, kLacpduBytes> out{};
  std::span<std::byte> s(out);
  out[0] = std::byte{1};
  out[1] = std::byte{1};
  put_info(s, kActorTlv, 1, pdu.actor);
  put_info(s, kPartnerTlv, 2, pdu.partner);
  out[kCollectorTlv] = std::byte{3};
  out[kCollectorTlv + 1] = static_cast<std::byte>(kCollectorLength);
  put16(s, kCollectorTlv + 2, pdu.collector_max_delay);
  QUORATE_CHECK(out[kTerminatorTlv] == std::byte{0});
  QUORATE_CHECK(check_framing(s) == LacpduError::kNone);
  return out;
}

LacpduDecode decode_lacpdu(std::span<const std::byte> payload) {
  LacpduDecode result;
  result.error = check_framing(payload);
  if (result.error != LacpduError::kNone) return result;
  Lacpdu pdu;
  pdu.actor = get_info(payload, kActorTlv);
  pdu.partner = get_info(payload, kPartnerTlv);
  pdu.collector_max_delay = get16(payload, kCollectorTlv + 2);
  result.pdu = pdu;
  QUORATE_CHECK(result.pdu.has_value());
  return result;
}

}  // namespace quorate::bond
