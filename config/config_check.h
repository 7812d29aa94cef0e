// One corosync.conf from text to findings: parse, build the cmap view and the typed
// configuration, then run the semantic, host and votequorum checks. This is what
// `quorate config check` and `quorate config show` use; other rooms that need a typed
// configuration call load_config_text()/load_config_file() and read `config`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "config/cmap_view.h"
#include "config/conf_parser.h"
#include "config/corosync_config.h"
#include "config/diagnostic.h"
#include "config/host_checks.h"

namespace quorate::config {

struct LoadedConfig {
  ParsedFile parsed;
  CmapView view;
  CorosyncConfig config;
  Diagnostics parse_errors;  // grammar, key names, typed values: config is partial if any

  bool parsed_ok() const { return parse_errors.empty(); }
};

LoadedConfig load_config_text(std::string_view text, std::string file);
// nullopt (with *error set to the system's reason) when the file cannot be read.
std::optional<LoadedConfig> load_config_file(const std::string& path, std::string* error);

struct CheckOptions {
  bool strict = false;                    // votequorum conflicts are errors instead of warnings
  bool any_host = false;                  // skip the local-node lookup (check another host's file)
  const HostEnvironment* host = nullptr;  // nullptr: no host-dependent checks at all
};

// All findings, parse errors first. When the file did not parse, only the parse errors are
// returned (like corosync, nothing else can be trusted).
Diagnostics check_loaded(const LoadedConfig& loaded, const CheckOptions& options);

}  // namespace quorate::config
