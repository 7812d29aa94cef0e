// The `expect:` list. Each item is either
//   {<when>: ..., <predicate>: {...}}   with <when> one of at: T, by: T (+ optional from: T),
//                                       always: {from, until}, eventually: {from, until}
// or
//   {<predicate>_at: {..., between: [A, B]}}   the predicate first becomes true in [A, B]
// (after the latest event at or before A). Predicates come from predicate_registry.h.
// Needs the cluster, the duration and the (parsed, time-ordered) events.
#pragma once

#include <yaml-cpp/yaml.h>

#include <vector>

#include "sim/scenario/scenario_format.h"
#include "sim/scenario/yaml_reader.h"

namespace quorate::scenario {

std::vector<Expectation> parse_expectations(const ParseContext& ctx, const YAML::Node& node,
                                            const std::vector<TimedEvent>& events);

// The time of the latest event at or before `t`, or the start of the run.
Instant anchor_before(const std::vector<TimedEvent>& events, Instant t);

}  // namespace quorate::scenario
