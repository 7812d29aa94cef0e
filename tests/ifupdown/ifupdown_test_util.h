// Helpers shared by the ifupdown tests: read a bundled example, parse text, collect messages.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "config/ifupdown/interfaces_file.h"

namespace quorate::ifupdown::testing {

inline std::string data_path(const std::string& name) {
  return std::string(QUORATE_SOURCE_DIR) + "/tests/ifupdown/data/" + name;
}

inline std::string read_data(const std::string& name) {
  std::ifstream in(data_path(name), std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Parses a bundled example under its bare name (so messages read "NAME:LINE: ...").
inline ParseResult parse_data(const std::string& name) {
  return parse_interfaces(read_data(name), name);
}

inline std::vector<std::string> errors_of(std::string_view text) {
  return parse_interfaces(text, "t").diagnostics.errors();
}

inline std::vector<std::string> warnings_of(std::string_view text) {
  return parse_interfaces(text, "t").diagnostics.warnings();
}

inline std::vector<std::string> names_of(const HostNetwork& net) {
  std::vector<std::string> out;
  for (const Interface& i : net.interfaces)
    out.push_back(i.name);
  return out;
}

inline std::vector<std::string> prefixes_of(const Interface& i) {
  std::vector<std::string> out;
  for (const IpPrefix& p : i.addresses())
    out.push_back(p.to_string());
  return out;
}

inline std::vector<std::string> gateways_of(const Interface& i) {
  std::vector<std::string> out;
  for (const IpAddress& g : i.gateways())
    out.push_back(g.to_string());
  return out;
}

inline IpAddress ip(std::string_view text) {
  return parse_ip(text).value();
}

inline const std::vector<std::string> kExamples = {
    "active_backup_cluster.interfaces", "lacp_bridge.interfaces", "balance_rr_dedicated.interfaces",
    "vlan_on_bond.interfaces",          "routed.interfaces",
};

}  // namespace quorate::ifupdown::testing
