#include "sim/bond/xmit_hash.h"

#include "engine/check.h"

namespace quorate::bond {
namespace {

uint32_t load_le32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
         (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
}

bool is_ip(const FrameMeta& f) {
  return (f.ethertype == kEtherTypeIpv4 && f.src_ip.is_v4() && f.dst_ip.is_v4()) ||
         (f.ethertype == kEtherTypeIpv6 && f.src_ip.is_v6() && f.dst_ip.is_v6());
}

uint32_t ports_word(const FrameMeta& f) {
  if (f.fragment || (f.l4 != L4Proto::kUdp && f.l4 != L4Proto::kTcp)) return 0;
  const uint8_t bytes[4] = {
      static_cast<uint8_t>(f.src_port >> 8), static_cast<uint8_t>(f.src_port & 0xff),
      static_cast<uint8_t>(f.dst_port >> 8), static_cast<uint8_t>(f.dst_port & 0xff)};
  return load_le32(bytes);
}

uint32_t fold(uint32_t h) {
  h ^= h >> 16;
  h ^= h >> 8;
  return h;
}

}  // namespace

uint32_t ip_hash_word(const IpAddr& ip) {
  QUORATE_CHECK(ip.is_v4() || ip.is_v6());
  if (ip.is_v4()) return load_le32(ip.bytes.data());
  uint32_t h = 0;
  for (size_t i = 0; i < 16; i += 4)
    h ^= load_le32(ip.bytes.data() + i);
  return h;
}

uint32_t xmit_hash_layer2(const FrameMeta& frame) {
  return static_cast<uint32_t>(frame.dst_mac[5] ^ frame.src_mac[5]) ^ frame.ethertype;
}

uint32_t xmit_hash(XmitHashPolicy policy, const FrameMeta& frame) {
  if (policy == XmitHashPolicy::kLayer2 || !is_ip(frame)) return xmit_hash_layer2(frame);
  const uint32_t addrs = ip_hash_word(frame.src_ip) ^ ip_hash_word(frame.dst_ip);
  if (policy == XmitHashPolicy::kLayer23) return fold(xmit_hash_layer2(frame) ^ addrs);
  QUORATE_CHECK(policy == XmitHashPolicy::kLayer34);
  return fold(ports_word(frame) ^ addrs) >> 1;
}

uint8_t simple_hash(std::span<const uint8_t> bytes) {
  uint8_t h = 0;
  for (const uint8_t b : bytes)
    h ^= b;
  return h;
}

}  // namespace quorate::bond
