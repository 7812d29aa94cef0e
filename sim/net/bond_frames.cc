#include "sim/net/bond_frames.h"

#include "engine/check.h"

namespace quorate::sim::net {

bond::MacAddr to_bond_mac(model::MacAddress mac) {
  bond::MacAddr out{};
  for (int i = 0; i < 6; ++i)
    out[static_cast<size_t>(i)] = static_cast<uint8_t>(mac.value >> (8 * (5 - i)));
  return out;
}

model::MacAddress from_bond_mac(const bond::MacAddr& mac) {
  uint64_t value = 0;
  for (const uint8_t octet : mac)
    value = (value << 8) | octet;
  return model::MacAddress{value};
}

bond::IpAddr to_bond_ip(const model::IpAddress& ip) {
  bond::IpAddr out;
  out.family =
      ip.family == model::IpFamily::kV4 ? bond::IpAddr::Family::kV4 : bond::IpAddr::Family::kV6;
  out.bytes = ip.bytes;
  return out;
}

model::IpAddress from_bond_ip(const bond::IpAddr& ip) {
  model::IpAddress out;
  out.family = ip.is_v6() ? model::IpFamily::kV6 : model::IpFamily::kV4;
  out.bytes = ip.bytes;
  return out;
}

bond::FrameMeta data_meta(const FrameInfo& frame) {
  bond::FrameMeta meta;
  meta.src_mac = to_bond_mac(frame.src_mac);
  meta.dst_mac = to_bond_mac(frame.dst_mac);
  const bool v4 = frame.src_ip.family == model::IpFamily::kV4;
  meta.ethertype = v4 ? bond::kEtherTypeIpv4 : bond::kEtherTypeIpv6;
  meta.src_ip = to_bond_ip(frame.src_ip);
  meta.dst_ip = to_bond_ip(frame.dst_ip);
  meta.l4 = bond::L4Proto::kUdp;
  meta.src_port = frame.src_port;
  meta.dst_port = frame.dst_port;
  meta.size_bytes = 14 + frame.payload_bytes + 8 + frame.src_ip.header_bytes() + 4;
  return meta;
}

bond::FrameMeta control_meta(const ControlFrame& frame) {
  bond::FrameMeta meta;
  meta.src_mac = to_bond_mac(frame.src_mac);
  if (frame.kind == ControlKind::kSlowProtocol) {
    meta.dst_mac = bond::kLacpMulticastMac;
    meta.ethertype = bond::kEtherTypeSlow;
    meta.size_bytes = static_cast<uint32_t>(14 + frame.payload.size());
    return meta;
  }
  meta.dst_mac = to_bond_mac(frame.dst_mac);
  meta.ethertype = bond::kEtherTypeArp;
  meta.arp_op = frame.kind == ControlKind::kArpReply ? bond::ArpOp::kReply : bond::ArpOp::kRequest;
  meta.src_ip = to_bond_ip(frame.sender_ip);
  meta.dst_ip = to_bond_ip(frame.target_ip);
  meta.size_bytes = 64;
  return meta;
}

ControlFrame to_network(const bond::ControlFrame& frame) {
  ControlFrame out;
  switch (frame.kind) {
    case bond::ControlKind::kLacpdu:
      out.kind = ControlKind::kSlowProtocol;
      break;
    case bond::ControlKind::kArpProbe:
      out.kind = ControlKind::kArpRequest;
      break;
    case bond::ControlKind::kGratuitousArp:
    case bond::ControlKind::kLearning:
    case bond::ControlKind::kRlbUpdate:
      out.kind = ControlKind::kAnnounce;
      break;
  }
  out.src_mac = from_bond_mac(frame.meta.src_mac);
  out.dst_mac = from_bond_mac(frame.meta.dst_mac);
  out.sender_ip = from_bond_ip(frame.meta.src_ip);
  out.target_ip = from_bond_ip(frame.meta.dst_ip);
  out.payload = frame.payload;
  QUORATE_CHECK(out.kind != ControlKind::kSlowProtocol || !out.payload.empty());
  return out;
}

}  // namespace quorate::sim::net
