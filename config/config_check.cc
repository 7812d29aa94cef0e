#include "config/config_check.h"

#include <utility>

#include "config/quorum_checks.h"
#include "config/validate.h"

namespace quorate::config {

LoadedConfig load_config_text(std::string_view text, std::string file) {
  LoadedConfig out;
  out.parsed = parse_conf_text(text, file);
  out.parse_errors = out.parsed.errors;
  if (out.parsed.ok()) out.view = build_cmap_view(out.parsed, &out.parse_errors);
  out.config = build_config(out.view, std::move(file));
  return out;
}

std::optional<LoadedConfig> load_config_file(const std::string& path, std::string* error) {
  std::optional<std::string> text = read_text_file(path, error);
  if (!text) return std::nullopt;
  return load_config_text(*text, path);
}

Diagnostics check_loaded(const LoadedConfig& loaded, const CheckOptions& options) {
  if (!loaded.parsed_ok()) return loaded.parse_errors;
  Diagnostics out = options.host != nullptr ? validate(loaded.config, host_resolver(*options.host))
                                            : validate(loaded.config);
  if (options.host != nullptr) {
    Diagnostics host = check_host(loaded.config, *options.host, !options.any_host);
    out.insert(out.end(), host.begin(), host.end());
  }
  Severity q = options.strict ? Severity::kError : Severity::kWarning;
  Diagnostics quorum = check_quorum(loaded.config, q);
  out.insert(out.end(), quorum.begin(), quorum.end());
  return out;
}

}  // namespace quorate::config
