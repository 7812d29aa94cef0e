#include "model/address.h"

#include <arpa/inet.h>

#include <cstdio>
#include <string>

#include "engine/check.h"

namespace quorate::model {

std::string to_string(MacAddress mac) {
  QUORATE_CHECK(mac.value < (uint64_t{1} << 48));
  char text[18];
  std::snprintf(text, sizeof text, "%02x:%02x:%02x:%02x:%02x:%02x",
                static_cast<unsigned>((mac.value >> 40) & 0xff),
                static_cast<unsigned>((mac.value >> 32) & 0xff),
                static_cast<unsigned>((mac.value >> 24) & 0xff),
                static_cast<unsigned>((mac.value >> 16) & 0xff),
                static_cast<unsigned>((mac.value >> 8) & 0xff),
                static_cast<unsigned>(mac.value & 0xff));
  return text;
}

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  const std::string copy(text);  // inet_pton needs a NUL-terminated string
  IpAddress address;
  if (inet_pton(AF_INET, copy.c_str(), address.bytes.data()) == 1) {
    address.family = IpFamily::kV4;
    return address;
  }
  address.bytes = {};
  if (inet_pton(AF_INET6, copy.c_str(), address.bytes.data()) == 1) {
    address.family = IpFamily::kV6;
    return address;
  }
  return std::nullopt;
}

IpAddress IpAddress::must(std::string_view text) {
  const std::optional<IpAddress> address = parse(text);
  QUORATE_CHECK_MSG(address.has_value(), "malformed IP address literal");
  return *address;
}

IpAddress IpAddress::v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
  IpAddress address;
  address.bytes[0] = a;
  address.bytes[1] = b;
  address.bytes[2] = c;
  address.bytes[3] = d;
  return address;
}

std::string to_string(const IpAddress& address) {
  char text[INET6_ADDRSTRLEN] = {};
  const int family = address.family == IpFamily::kV4 ? AF_INET : AF_INET6;
  QUORATE_CHECK(inet_ntop(family, address.bytes.data(), text, sizeof text) != nullptr);
  return text;
}

}  // namespace quorate::model
