// The logging rules of validate.h (corosync's logsys configuration reader).
#include <array>
#include <string>
#include <string_view>

#include "config/validate.h"

namespace quorate::config {
namespace {

constexpr std::array<std::string_view, 4> kYesNo = {"yes", "no", "on", "off"};
constexpr std::array<std::string_view, 2> kOnOff = {"on", "off"};
constexpr std::array<std::string_view, 3> kDebug = {"on", "off", "trace"};
constexpr std::array<std::string_view, 3> kTimestamp = {"on", "off", "hires"};
constexpr std::array<std::string_view, 20> kFacilities = {
    "auth",   "authpriv", "cron",   "daemon", "ftp",    "kern",   "lpr",
    "mail",   "news",     "syslog", "user",   "uucp",   "local0", "local1",
    "local2", "local3",   "local4", "local5", "local6", "local7"};
constexpr std::array<std::string_view, 9> kPriorities = {"alert", "crit", "debug",  "emerg",  "err",
                                                         "error", "info", "notice", "warning"};

template <size_t N>
bool one_of(std::string_view v, const std::array<std::string_view, N>& allowed) {
  for (std::string_view a : allowed) {
    if (a == v) return true;
  }
  return false;
}

struct Rule {
  std::string_view key;
  bool (*ok)(std::string_view);
  std::string_view message;  // empty: "unknown value for <key>."
};

const Rule kRules[] = {
    {"to_stderr", [](std::string_view v) { return one_of(v, kYesNo); }, ""},
    {"to_logfile", [](std::string_view v) { return one_of(v, kYesNo); }, ""},
    {"to_syslog", [](std::string_view v) { return one_of(v, kYesNo); }, ""},
    {"fileline", [](std::string_view v) { return one_of(v, kOnOff); }, ""},
    {"function_name", [](std::string_view v) { return one_of(v, kOnOff); }, ""},
    {"blackbox", [](std::string_view v) { return one_of(v, kOnOff); }, ""},
    {"debug", [](std::string_view v) { return one_of(v, kDebug); }, ""},
    {"timestamp", [](std::string_view v) { return one_of(v, kTimestamp); }, ""},
    {"syslog_facility", [](std::string_view v) { return one_of(v, kFacilities); },
     "unknown syslog facility specified."},
    {"syslog_priority", [](std::string_view v) { return one_of(v, kPriorities); },
     "unknown syslog priority specified."},
    {"logfile_priority", [](std::string_view v) { return one_of(v, kPriorities); },
     "unknown logfile priority specified."},
};

void check_key(const CorosyncConfig& c, std::string_view key, const CmapEntry& e,
               Diagnostics& out) {
  for (const Rule& r : kRules) {
    if (r.key != key || r.ok(e.value)) continue;
    std::string msg =
        r.message.empty() ? "unknown value for " + std::string(key) + "." : std::string(r.message);
    out.push_back(Diagnostic{Severity::kError, Origin::kSemantic, c.file, e.line,
                             "parse error in config: " + msg});
  }
}

void check_setting(const CorosyncConfig& c, std::string_view key, const Setting<std::string>& s,
                   Diagnostics& out) {
  if (s.is_set()) check_key(c, key, CmapEntry{s.value, s.line}, out);
}

}  // namespace

Diagnostics validate_logging(const CorosyncConfig& c) {
  Diagnostics out;
  const LoggingConfig& l = c.logging;
  check_setting(c, "to_stderr", l.to_stderr, out);
  check_setting(c, "to_logfile", l.to_logfile, out);
  check_setting(c, "to_syslog", l.to_syslog, out);
  check_setting(c, "fileline", l.fileline, out);
  check_setting(c, "function_name", l.function_name, out);
  check_setting(c, "blackbox", l.blackbox, out);
  check_setting(c, "debug", l.debug, out);
  check_setting(c, "timestamp", l.timestamp, out);
  check_setting(c, "syslog_facility", l.syslog_facility, out);
  check_setting(c, "syslog_priority", l.syslog_priority, out);
  check_setting(c, "logfile_priority", l.logfile_priority, out);
  for (const auto& [name, subsys] : l.subsystems) {
    for (const auto& [key, entry] : subsys.keys)
      check_key(c, key, entry, out);
  }
  return out;
}

}  // namespace quorate::config
