#include "engine/links/wire.h"

#include <algorithm>

#include "engine/check.h"

namespace quorate::links {
namespace {

void put_le(std::span<std::byte> out, size_t offset, uint64_t value, size_t width) {
  QUORATE_CHECK(width <= 8);
  QUORATE_CHECK(offset + width <= out.size());
  for (size_t i = 0; i < width; ++i) {
    out[offset + i] = static_cast<std::byte>((value >> (8 * i)) & 0xff);
  }
}

uint64_t get_le(std::span<const std::byte> in, size_t offset, size_t width) {
  QUORATE_CHECK(width <= 8);
  QUORATE_CHECK(offset + width <= in.size());
  uint64_t value = 0;
  for (size_t i = 0; i < width; ++i) {
    value |= static_cast<uint64_t>(std::to_integer<uint8_t>(in[offset + i])) << (8 * i);
  }
  return value;
}

bool all_zero(std::span<const std::byte> bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](std::byte b) { return b == std::byte{0}; });
}

WireError decode_data(std::span<const std::byte> bytes, Body& body) {
  if (bytes.size() < kDataBodyHeaderBytes + 1) return WireError::kTooShort;
  if (get_le(bytes, 1, 1) != 0 || get_le(bytes, 6, 2) != 0) return WireError::kReserved;
  DataFields& d = body.data;
  d.frag_index = static_cast<uint16_t>(get_le(bytes, 2, 2));
  d.frag_count = static_cast<uint16_t>(get_le(bytes, 4, 2));
  d.seq = get_le(bytes, 8, 8);
  d.total_len = static_cast<uint32_t>(get_le(bytes, 16, 4));
  body.payload = bytes.subspan(kDataBodyHeaderBytes);
  if (d.seq == 0 || d.frag_count == 0 || d.frag_index >= d.frag_count) return WireError::kFragment;
  if (body.payload.size() > d.total_len) return WireError::kFragment;
  if (d.frag_count == 1 && body.payload.size() != d.total_len) return WireError::kFragment;
  if (d.total_len < d.frag_count) return WireError::kFragment;  // every fragment is non-empty
  return WireError::kOk;
}

}  // namespace

std::string_view to_string(WireError error) {
  switch (error) {
    case WireError::kOk:
      return "ok";
    case WireError::kTooShort:
      return "too-short";
    case WireError::kMagic:
      return "magic";
    case WireError::kVersion:
      return "version";
    case WireError::kFlags:
      return "flags";
    case WireError::kReserved:
      return "reserved";
    case WireError::kNodeId:
      return "node-id";
    case WireError::kLinkId:
      return "link-id";
    case WireError::kType:
      return "type";
    case WireError::kLength:
      return "length";
    case WireError::kFragment:
      return "fragment";
  }
  QUORATE_UNREACHABLE();
}

HeaderBytes encode_header(const Header& header) {
  QUORATE_CHECK(header.sender.valid());
  QUORATE_CHECK(header.link.valid());
  HeaderBytes bytes{};
  put_le(bytes, 0, kWireMagic, 2);
  put_le(bytes, 2, kWireVersion, 1);
  put_le(bytes, 3, header.encrypted ? kFlagEncrypted : 0, 1);
  put_le(bytes, 4, header.sender.value, 2);
  put_le(bytes, 6, header.link.value, 1);
  put_le(bytes, 8, header.boot, 8);
  put_le(bytes, 16, header.counter, 8);
  return bytes;
}

WireError decode_header(std::span<const std::byte> bytes, Header& header) {
  if (bytes.size() < kHeaderBytes) return WireError::kTooShort;
  if (get_le(bytes, 0, 2) != kWireMagic) return WireError::kMagic;
  if (get_le(bytes, 2, 1) != kWireVersion) return WireError::kVersion;
  const uint64_t flags = get_le(bytes, 3, 1);
  if ((flags & ~uint64_t{kFlagEncrypted}) != 0) return WireError::kFlags;
  if (get_le(bytes, 7, 1) != 0) return WireError::kReserved;
  header.encrypted = (flags & kFlagEncrypted) != 0;
  header.sender = NodeId{static_cast<uint32_t>(get_le(bytes, 4, 2))};
  header.link = LinkId{static_cast<uint8_t>(get_le(bytes, 6, 1))};
  header.boot = get_le(bytes, 8, 8);
  header.counter = get_le(bytes, 16, 8);
  if (!header.sender.valid()) return WireError::kNodeId;
  if (!header.link.valid()) return WireError::kLinkId;
  return WireError::kOk;
}

std::vector<std::byte> encode_heartbeat(PacketType type, int64_t timestamp_ns) {
  QUORATE_CHECK(type == PacketType::kPing || type == PacketType::kPong);
  std::vector<std::byte> bytes(kHeartbeatBodyBytes);
  put_le(bytes, 0, static_cast<uint8_t>(type), 1);
  put_le(bytes, 8, static_cast<uint64_t>(timestamp_ns), 8);
  QUORATE_CHECK(bytes.size() == kHeartbeatBodyBytes);
  return bytes;
}

std::vector<std::byte> encode_data(const DataFields& fields, std::span<const std::byte> payload) {
  QUORATE_CHECK(fields.seq >= 1);
  QUORATE_CHECK(fields.frag_index < fields.frag_count);
  QUORATE_CHECK(!payload.empty() && payload.size() <= fields.total_len);
  std::vector<std::byte> bytes(kDataBodyHeaderBytes + payload.size());
  put_le(bytes, 0, static_cast<uint8_t>(PacketType::kData), 1);
  put_le(bytes, 2, fields.frag_index, 2);
  put_le(bytes, 4, fields.frag_count, 2);
  put_le(bytes, 8, fields.seq, 8);
  put_le(bytes, 16, fields.total_len, 4);
  std::copy(payload.begin(), payload.end(), bytes.begin() + kDataBodyHeaderBytes);
  return bytes;
}

WireError decode_body(std::span<const std::byte> bytes, Body& body) {
  if (bytes.empty()) return WireError::kTooShort;
  const uint64_t type = get_le(bytes, 0, 1);
  if (type == static_cast<uint8_t>(PacketType::kData)) {
    body.type = PacketType::kData;
    return decode_data(bytes, body);
  }
  if (type != static_cast<uint8_t>(PacketType::kPing) &&
      type != static_cast<uint8_t>(PacketType::kPong)) {
    return WireError::kType;
  }
  if (bytes.size() != kHeartbeatBodyBytes) return WireError::kLength;
  if (!all_zero(bytes.subspan(1, 7))) return WireError::kReserved;
  body.type = static_cast<PacketType>(type);
  body.timestamp_ns = static_cast<int64_t>(get_le(bytes, 8, 8));
  body.payload = {};
  return WireError::kOk;
}

}  // namespace quorate::links
