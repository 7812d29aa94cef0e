// Conversions between the network's vocabulary (model addresses, FrameInfo, ControlFrame) and
// the bond machines' (sim/bond: MacAddr, IpAddr, FrameMeta, bond::ControlFrame).
//
// - MACs: the network keeps 48 bits in an integer (first octet most significant); the bond keeps
//   six octets in wire order. IPs: both keep network-order bytes.
// - data_meta(): an engine's UDP datagram as the bond's transmit hash sees it: ethertype IPv4 or
//   IPv6 by address family, L4 UDP with the frame's ports, size = the Ethernet frame (14 + IP
//   packet + 4).
// - control_meta(): kSlowProtocol -> ethertype 0x8809 to the LACP multicast MAC; ARP kinds ->
//   ethertype 0x0806 with op, sender and target protocol addresses.
// - to_network(): the bond's LACPDUs become kSlowProtocol, ARP probes kArpRequest, gratuitous
//   ARPs, tlb/alb learning frames and alb updates kAnnounce.
#pragma once

#include "model/address.h"
#include "sim/bond/bond_device.h"
#include "sim/bond/bond_types.h"
#include "sim/net/egress_selector.h"
#include "sim/net/net_control.h"

namespace quorate::sim::net {

bond::MacAddr to_bond_mac(model::MacAddress mac);
model::MacAddress from_bond_mac(const bond::MacAddr& mac);
bond::IpAddr to_bond_ip(const model::IpAddress& ip);
model::IpAddress from_bond_ip(const bond::IpAddr& ip);

bond::FrameMeta data_meta(const FrameInfo& frame);
bond::FrameMeta control_meta(const ControlFrame& frame);
ControlFrame to_network(const bond::ControlFrame& frame);

}  // namespace quorate::sim::net
