// The `cluster:` section: compact form or corosync.conf (inline or by path), plus the optional
// cluster key, turned into a ClusterModel through config/ (load, check, derive timers).
//
// Errors are ScenarioParseErrors: scenario-level problems at the key's position; corosync.conf
// problems with corosync's wording, at the line in the scenario file (inline text) or in the
// .conf file (by path).
#pragma once

#include <yaml-cpp/yaml.h>

#include "sim/scenario/cluster_model.h"
#include "sim/scenario/yaml_reader.h"

namespace quorate::scenario {

ClusterModel load_cluster(const ParseContext& ctx, const YAML::Node& node);

}  // namespace quorate::scenario
