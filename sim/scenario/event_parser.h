// The `events:` list: `{at: 30s, <action>: ...}` items, in time order, each with exactly one
// action (docs/SCENARIOS.md lists them). Needs the cluster and duration set in the context.
#pragma once

#include <yaml-cpp/yaml.h>

#include <vector>

#include "sim/scenario/scenario_format.h"
#include "sim/scenario/yaml_reader.h"

namespace quorate::scenario {

std::vector<TimedEvent> parse_events(const ParseContext& ctx, const YAML::Node& node);

}  // namespace quorate::scenario
