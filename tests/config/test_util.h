// Helpers shared by the config tests: load text, collect messages, a fake host.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_check.h"
#include "config/host_checks.h"

namespace quorate::config::testing {

inline LoadedConfig load(std::string_view text) {
  return load_config_text(text, "t.conf");
}

// "LINE: message" for every diagnostic, in order.
inline std::vector<std::string> lines_of(const Diagnostics& ds) {
  std::vector<std::string> out;
  for (const Diagnostic& d : ds)
    out.push_back(std::to_string(d.line) + ": " + d.message);
  return out;
}

inline std::vector<std::string> parse_errors(std::string_view text) {
  return lines_of(load(text).parse_errors);
}

// Pure checks only (no host), quorum conflicts as warnings.
inline Diagnostics check(std::string_view text, bool strict = false) {
  return check_loaded(load(text), CheckOptions{strict, false, nullptr});
}

inline std::vector<std::string> error_messages(std::string_view text) {
  std::vector<std::string> out;
  for (const Diagnostic& d : check(text)) {
    if (d.severity == Severity::kError) out.push_back(d.message);
  }
  return out;
}

// A scripted machine.
class FakeHost final : public HostEnvironment {
 public:
  std::string name = "vm";
  std::vector<LocalAddress> addresses = {{"127.0.0.1", "localhost"}, {"::1", "localhost"}};
  std::map<std::string, std::vector<std::string>> dns;  // name -> numeric addresses
  std::map<std::string, size_t> files;                  // readable files and their sizes
  std::map<std::string, int> append_errors;             // path -> errno

  std::string nodename() const override { return name; }
  std::vector<LocalAddress> local_addresses() const override { return addresses; }
  std::vector<std::string> resolve(std::string_view n, IpVersion) const override {
    auto it = dns.find(std::string(n));
    return it == dns.end() ? std::vector<std::string>{} : it->second;
  }
  FileProbe probe_read(const std::string& path) const override {
    auto it = files.find(path);
    if (it == files.end()) return FileProbe{false, 0, 2, "open"};
    return FileProbe{true, std::min<size_t>(it->second, 4096), 0, ""};
  }
  std::map<std::string, int> dir_errors;  // path -> errno
  int probe_directory(const std::string& path) const override {
    auto it = dir_errors.find(path);
    return it == dir_errors.end() ? 0 : it->second;
  }
  int probe_append(const std::string& path) const override {
    auto it = append_errors.find(path);
    return it == append_errors.end() ? 0 : it->second;
  }
};

// A minimal valid 2-node knet file with `totem_extra` inside totem and `tail` appended.
inline std::string two_nodes(std::string_view totem_extra = "", std::string_view tail = "") {
  return "totem {\n version: 2\n" + std::string(totem_extra) +
         "}\nnodelist {\n node {\n  name: vm\n  nodeid: 1\n  ring0_addr: 127.0.0.1\n }\n"
         " node {\n  name: due\n  nodeid: 2\n  ring0_addr: 10.9.9.2\n }\n}\n" +
         std::string(tail);
}

}  // namespace quorate::config::testing
