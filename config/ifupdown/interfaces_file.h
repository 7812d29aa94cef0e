// The public entry points: /etc/network/interfaces text or file -> typed HostNetwork.
//
//   ParseResult r = parse_interfaces(text, "node1/interfaces");
//   if (!r.ok()) for (auto& e : r.diagnostics.errors()) std::cerr << e << "\n";
//   const Interface* bond = r.network.find("bond0");
//
// parse_interfaces is pure (no file access, `source` lines are recorded, not followed) and
// total: any byte string gives a result, never a crash or an exception; every finding is
// "FILE:LINE: ..." with FILE the name given here. load_interfaces_file reads a file and, on
// request, follows source/source-directory with bounds (depth, file count), inlining what
// it reads at the directive's place (the directive itself then leaves the model).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/ifupdown/diagnostic.h"
#include "config/ifupdown/model.h"

namespace quorate::ifupdown {

struct ParseResult {
  HostNetwork network;      // complete even with errors (bad values left unset)
  Diagnostics diagnostics;  // grammar findings first, then resolution and checks
  bool ok() const { return !diagnostics.has_errors(); }
};

ParseResult parse_interfaces(std::string_view text, const std::string& file = "<string>");

struct LoadOptions {
  bool follow_sources = false;  // follow source / source-directory
  int max_depth = 4;            // nesting of followed files below the top one
  int max_files = 64;           // files read in total, the top one included
};

struct LoadResult {
  HostNetwork network;
  Diagnostics diagnostics;
  std::vector<std::string> files;  // every file read, in reading order
  bool ok() const { return !diagnostics.has_errors(); }
};

// Errors for an unreadable top file ("FILE:0: cannot read: REASON"). For sources, ifupdown2's
// behaviour: a missing file without wildcard is a warning, a pattern matching nothing is
// silent; source-directory reads the names made of [A-Za-z0-9_-] only (run-parts rules),
// sorted. Going past max_depth or max_files is an error at the directive.
LoadResult load_interfaces_file(const std::string& path, const LoadOptions& options = {});

}  // namespace quorate::ifupdown
