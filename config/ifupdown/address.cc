#include "config/ifupdown/address.h"

#include <arpa/inet.h>

#include <cstdio>
#include <string>

namespace quorate::ifupdown {

namespace {

bool parse_small_uint(std::string_view text, int max, int* out) {
  if (text.empty() || text.size() > 3) return false;
  if (text.size() > 1 && text[0] == '0') return false;
  int v = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v > max) return false;
  *out = v;
  return true;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string IpAddress::to_string() const {
  char buf[INET6_ADDRSTRLEN] = {};
  const int af = family == IpFamily::kV4 ? AF_INET : AF_INET6;
  if (inet_ntop(af, bytes.data(), buf, sizeof buf) == nullptr) return "?";
  return buf;
}

std::optional<IpAddress> parse_ip(std::string_view text) {
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  const std::string z(text);  // inet_pton needs a terminated string
  IpAddress a;
  if (inet_pton(AF_INET, z.c_str(), a.bytes.data()) == 1) {
    a.family = IpFamily::kV4;
    return a;
  }
  if (inet_pton(AF_INET6, z.c_str(), a.bytes.data()) == 1) {
    a.family = IpFamily::kV6;
    return a;
  }
  return std::nullopt;
}

std::string IpPrefix::to_string() const {
  return address.to_string() + "/" + std::to_string(prefix_len);
}

std::optional<int> parse_ipv4_netmask(std::string_view text) {
  int len = 0;
  if (parse_small_uint(text, 32, &len)) return len;
  const std::optional<IpAddress> mask = parse_ip(text);
  if (!mask || mask->family != IpFamily::kV4) return std::nullopt;
  uint32_t m = 0;
  for (int i = 0; i < 4; ++i)
    m = (m << 8) | mask->bytes[i];
  const uint32_t inverted = ~m;
  if ((inverted & (inverted + 1)) != 0) return std::nullopt;  // ones must be contiguous
  int ones = 0;
  for (uint32_t bit = 0x80000000u; bit != 0 && (m & bit) != 0; bit >>= 1)
    ++ones;
  return ones;
}

std::string MacAddress::to_string() const {
  char buf[18];
  std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", bytes[0], bytes[1], bytes[2],
                bytes[3], bytes[4], bytes[5]);
  return buf;
}

std::optional<MacAddress> parse_mac(std::string_view text) {
  if (text.starts_with("ether")) {
    text.remove_prefix(5);
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
      text.remove_prefix(1);
  }
  if (text.size() != 17) return std::nullopt;
  const char sep = text[2];
  if (sep != ':' && sep != '-') return std::nullopt;
  MacAddress mac;
  for (size_t i = 0; i < 6; ++i) {
    const int hi = hex_value(text[3 * i]);
    const int lo = hex_value(text[3 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    if (i < 5 && text[3 * i + 2] != sep) return std::nullopt;
    mac.bytes[i] = static_cast<uint8_t>(hi * 16 + lo);
  }
  return mac;
}

}  // namespace quorate::ifupdown
