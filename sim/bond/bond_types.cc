#include "sim/bond/bond_types.h"

#include <cstdio>

namespace quorate::bond {

std::string to_string(const MacAddr& mac) {
  char buf[18];
  std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3],
                mac[4], mac[5]);
  return buf;
}

std::string to_string(const IpAddr& ip) {
  if (ip.is_v4()) {
    return std::to_string(ip.bytes[0]) + "." + std::to_string(ip.bytes[1]) + "." +
           std::to_string(ip.bytes[2]) + "." + std::to_string(ip.bytes[3]);
  }
  if (!ip.is_v6()) return "none";
  std::string out;
  for (size_t i = 0; i < 16; i += 2) {
    char buf[6];
    std::snprintf(buf, sizeof buf, "%x", (ip.bytes[i] << 8) | ip.bytes[i + 1]);
    if (i != 0) out += ':';
    out += buf;
  }
  return out;
}

}  // namespace quorate::bond
