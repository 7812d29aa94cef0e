// Diagnostics: one finding about one corosync.conf file.
//
// Contract:
// - `message` is corosync's own wording where corosync has one (parser errors such as
//   "Missing closing brace", semantic errors such as "parse error in config: No interfaces
//   defined"), so that a human can grep corosync's sources or logs for it.
// - `line` is 1-based; 0 means "no single line is responsible" (e.g. a missing section).
// - `file` is the name the caller used to open the file ("<string>" for in-memory text).
// - Severity kError makes `quorate config check` fail; kWarning is printed but does not.
// - `origin` says which stage produced it, so callers (and the differential test against
//   `corosync -t`) can tell grammar, semantic, host-dependent and votequorum findings apart.
#pragma once

#include <string>
#include <vector>

namespace quorate::config {

enum class Severity { kError, kWarning };

enum class Origin {
  kParse,     // grammar, key names, typed values: corosync's "parser error: FILE:LINE: ..."
  kSemantic,  // totem/nodelist/logging rules corosync -t enforces without looking at the host
  kHost,      // needs this machine: local node lookup, keyfile, logfile, name resolution
  kQuorum,    // votequorum option conflicts: corosync -t does not check these
};

struct Diagnostic {
  Severity severity = Severity::kError;
  Origin origin = Origin::kSemantic;
  std::string file;
  int line = 0;
  std::string message;
};

using Diagnostics = std::vector<Diagnostic>;

// "FILE:LINE: message" or "FILE: message" when no line is known; warnings get "warning: "
// in front of the message.
std::string format(const Diagnostic& d);

bool has_errors(const Diagnostics& ds);

}  // namespace quorate::config
