// Wire formats of the link layer. Everything little-endian, fixed offsets.
//
// Every datagram = Header (24 bytes, always clear) + Body (clear, or sealed by SecAuth when a
// cluster key is configured: ciphertext of the body followed by a 16-byte tag).
//
//   Header: 0 u16 magic 0x4b51 | 2 u8 version 1 | 3 u8 flags (bit 0: body encrypted; others 0)
//           4 u16 sender node id | 6 u8 link id | 7 u8 reserved 0
//           8 u64 boot (the sender's per-boot nonce prefix)
//          16 u64 counter (per sender and link, from 1; the crypto nonce's unique part)
//   Body:   0 u8 type (1 ping, 2 pong, 3 data)
//     ping/pong (16 bytes): 1..7 reserved 0 | 8 i64 timestamp_ns (the pinger's local send time;
//                           a pong echoes its ping's)
//     data (20 + n bytes):  1 u8 reserved 0 | 2 u16 frag_index | 4 u16 frag_count | 6 u16 reserved
//                           8 u64 seq (per sender, per message, from 1) | 16 u32 total_len
//                           20 payload (n >= 1 bytes)
//
// The 24 header bytes are exactly the XChaCha20 nonce (secauth.h): unique per (sender, link,
// boot, counter). Priority is not on the wire (it is local only).
//
// Decoding never trusts a byte: every function here accepts any input and answers with a
// WireError, never a check failure. Encoders check their own preconditions.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "engine/ids.h"

namespace quorate::links {

inline constexpr uint16_t kWireMagic = 0x4b51;
inline constexpr uint8_t kWireVersion = 1;
inline constexpr size_t kHeaderBytes = 24;
inline constexpr size_t kHeartbeatBodyBytes = 16;
inline constexpr size_t kDataBodyHeaderBytes = 20;
inline constexpr uint8_t kFlagEncrypted = 0x01;

enum class PacketType : uint8_t { kPing = 1, kPong = 2, kData = 3 };

enum class WireError : uint8_t {
  kOk,
  kTooShort,  // shorter than the header, or than the body of its type
  kMagic,     // wrong magic
  kVersion,   // unknown version
  kFlags,     // unknown flag bits
  kReserved,  // a reserved byte is not zero
  kNodeId,    // sender node id 0
  kLinkId,    // link id >= kMaxLinks
  kType,      // unknown body type
  kLength,    // ping/pong body not exactly 16 bytes
  kFragment,  // inconsistent data fields (index >= count, seq 0, empty payload, lengths)
};
std::string_view to_string(WireError error);

struct Header {
  bool encrypted = false;
  NodeId sender;
  LinkId link;
  uint64_t boot = 0;
  uint64_t counter = 0;
};
using HeaderBytes = std::array<std::byte, kHeaderBytes>;

struct DataFields {
  uint64_t seq = 0;
  uint32_t total_len = 0;
  uint16_t frag_index = 0;
  uint16_t frag_count = 1;
};

// A decoded body. `payload` borrows from the bytes given to decode_body.
struct Body {
  PacketType type = PacketType::kPing;
  int64_t timestamp_ns = 0;  // ping/pong
  DataFields data;           // data
  std::span<const std::byte> payload;
};

HeaderBytes encode_header(const Header& header);
WireError decode_header(std::span<const std::byte> bytes, Header& header);

std::vector<std::byte> encode_heartbeat(PacketType type, int64_t timestamp_ns);
std::vector<std::byte> encode_data(const DataFields& fields, std::span<const std::byte> payload);
// Decodes a body (after the header, decrypted if needed). On kOk `body.payload` borrows `bytes`.
WireError decode_body(std::span<const std::byte> bytes, Body& body);

}  // namespace quorate::links
