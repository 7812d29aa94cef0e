// The bonding driver's transmit hash (bond_xmit_hash and friends), bit for bit as an x86-64
// (little-endian) kernel computes it, and the tlb/alb helper hash.
//
// Formulas (kernel >= 5.x; ethertype is converted to host order before the XOR):
// - layer2:   h = dst_mac[5] ^ src_mac[5] ^ ethertype
// - layer2+3: h = layer2 ^ saddr ^ daddr; h ^= h >> 16; h ^= h >> 8
// - layer3+4: h = ports ^ saddr ^ daddr;  h ^= h >> 16; h ^= h >> 8; h >>= 1
// saddr/daddr are the raw network-order 32-bit words loaded little-endian (for IPv6 the XOR of
// the address's four words, as ipv6_addr_hash). `ports` is the 32-bit word holding the source then
// the destination port in network order, loaded little-endian; it is 0 for fragments and for
// protocols other than TCP/UDP (choice: ICMP echo ids are not modelled and hash as 0).
// Non-IP frames (ARP included) fall back to layer2 under every policy.
// A member is then chosen as usable[h % usable_count].
#pragma once

#include <cstdint>
#include <span>

#include "sim/bond/bond_options.h"
#include "sim/bond/bond_types.h"

namespace quorate::bond {

uint32_t xmit_hash_layer2(const FrameMeta& frame);
uint32_t xmit_hash(XmitHashPolicy policy, const FrameMeta& frame);
// The 32-bit word an x86 kernel uses for an address: IPv4 as loaded, IPv6 folded by XOR.
uint32_t ip_hash_word(const IpAddr& ip);
// bond_alb's _simple_hash: the XOR of the bytes.
uint8_t simple_hash(std::span<const uint8_t> bytes);

}  // namespace quorate::bond
