// Loading a scenario file: YAML text -> Scenario, or the first error as FILE:LINE:COL.
//
// Top-level keys: name, description, seed, duration, cluster, network, events, expect (every
// other key is an error). The cluster is read first (node names and links are needed by
// everything else), then the duration, the network defaults, the events and the expectations.
// Relative paths in the file (corosync_conf, key) are resolved against the file's directory.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sim/scenario/scenario_error.h"
#include "sim/scenario/scenario_format.h"

namespace quorate::scenario {

struct LoadResult {
  std::optional<Scenario> scenario;  // set iff error is not
  std::optional<ScenarioError> error;

  bool ok() const { return scenario.has_value(); }
};

// `file` names the text in messages; `base_dir` resolves relative paths ("" = current dir).
LoadResult load_scenario_text(std::string_view text, std::string file, std::string base_dir);
LoadResult load_scenario_file(const std::string& path);

}  // namespace quorate::scenario
