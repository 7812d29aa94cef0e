// xmit_hash_policy formulas against values computed by hand from the kernel's definitions
// (x86-64: addresses and ports loaded little-endian from network order).
#include "sim/bond/xmit_hash.h"

#include <gtest/gtest.h>

namespace quorate::bond {
namespace {

FrameMeta udp(uint8_t src_last, uint8_t dst_last, IpAddr src, IpAddr dst, uint16_t sport,
              uint16_t dport) {
  FrameMeta f;
  f.src_mac = {0x02, 0, 0, 0, 0, src_last};
  f.dst_mac = {0x02, 0, 0, 0, 0, dst_last};
  f.src_ip = src;
  f.dst_ip = dst;
  f.l4 = L4Proto::kUdp;
  f.src_port = sport;
  f.dst_port = dport;
  return f;
}

TEST(XmitHash, Layer2IsLastMacBytesXorEthertype) {
  const FrameMeta f = udp(0x0a, 0x0d, IpAddr::v4(10, 0, 0, 1), IpAddr::v4(10, 0, 0, 3), 5405, 5405);
  EXPECT_EQ(xmit_hash(XmitHashPolicy::kLayer2, f), 0x0807U);  // 0x0a ^ 0x0d ^ 0x0800
  EXPECT_EQ(xmit_hash(XmitHashPolicy::kLayer2, f) % 2, 1U);
}

TEST(XmitHash, Layer23FoldsAddresses) {
  // l2 = 0x0a^0x0c^0x0800 = 0x0806; saddr 10.0.0.1 -> 0x0100000a, daddr 10.0.0.2 -> 0x0200000a.
  // h = 0x0806 ^ 0x03000000 = 0x03000806; h ^= h>>16 -> 0x03000b06; h ^= h>>8 -> 0x03030b0d.
  const FrameMeta f = udp(0x0a, 0x0c, IpAddr::v4(10, 0, 0, 1), IpAddr::v4(10, 0, 0, 2), 5405, 5405);
  EXPECT_EQ(xmit_hash(XmitHashPolicy::kLayer23, f), 0x03030b0dU);
}

TEST(XmitHash, Layer34UsesPortsAndDropsLowestBit) {
  // ports 5405 = 0x151d both ways: bytes 15 1d 15 1d -> LE 0x1d151d15.
  // addrs 0x0100000a ^ 0x0200000a = 0x03000000; h = 0x1e151d15;
  // h ^= h>>16 -> 0x1e150300; h ^= h>>8 -> 0x1e0b1603; h >>= 1 -> 0x0f058b01.
  const FrameMeta f = udp(0x0a, 0x0c, IpAddr::v4(10, 0, 0, 1), IpAddr::v4(10, 0, 0, 2), 5405, 5405);
  EXPECT_EQ(xmit_hash(XmitHashPolicy::kLayer34, f), 0x0f058b01U);
}

TEST(XmitHash, Layer34WithoutPortsForFragmentsAndNonUdp) {
  FrameMeta f = udp(0x0a, 0x0c, IpAddr::v4(10, 0, 0, 1), IpAddr::v4(10, 0, 0, 2), 1, 2);
  f.fragment = true;
  // h = 0x03000000; ^>>16 -> 0x03000300; ^>>8 -> 0x03030303; >>1 -> 0x01818181.
  EXPECT_EQ(xmit_hash(XmitHashPolicy::kLayer34, f), 0x01818181U);
  f.fragment = false;
  f.l4 = L4Proto::kIcmp;
  EXPECT_EQ(xmit_hash(XmitHashPolicy::kLayer34, f), 0x01818181U);
}

TEST(XmitHash, NonIpFallsBackToLayer2) {
  FrameMeta f = udp(0x0a, 0x0c, IpAddr::v4(10, 0, 0, 1), IpAddr::v4(10, 0, 0, 2), 1, 2);
  f.ethertype = kEtherTypeArp;
  EXPECT_EQ(xmit_hash(XmitHashPolicy::kLayer23, f), 0x0a ^ 0x0c ^ 0x0806U);
  EXPECT_EQ(xmit_hash(XmitHashPolicy::kLayer34, f), 0x0a ^ 0x0c ^ 0x0806U);
}

TEST(XmitHash, Ipv6AddressesFoldToOneWord) {
  std::array<uint8_t, 16> a{};
  std::array<uint8_t, 16> b{};
  a[0] = 0xfd;
  a[15] = 0x01;
  b[0] = 0xfd;
  b[15] = 0x02;
  // words: a = 0x000000fd ^ 0x01000000 -> 0x010000fd; b -> 0x020000fd.
  EXPECT_EQ(ip_hash_word(IpAddr::v6(a)), 0x010000fdU);
  FrameMeta f = udp(0x0a, 0x0c, IpAddr::v6(a), IpAddr::v6(b), 5405, 5405);
  f.ethertype = kEtherTypeIpv6;
  // l2 = 0x0a^0x0c^0x86dd = 0x86db; ^ 0x03000000 = 0x030086db; ^>>16 -> 0x030085db;
  // ^>>8 -> 0x030085db ^ 0x00030085 = 0x0303855e.
  EXPECT_EQ(xmit_hash(XmitHashPolicy::kLayer23, f), 0x0303855eU);
}

TEST(XmitHash, SimpleHashIsByteXor) {
  const uint8_t bytes[] = {10, 0, 0, 3};
  EXPECT_EQ(simple_hash(bytes), 9);
}

}  // namespace
}  // namespace quorate::bond
