// The predicates an expectation may use, by YAML key. Each entry parses its value into a
// Predicate. `timing` is true for the `<key>_at: {..., between: [A, B]}` form, whose value
// mapping also carries `between` (read by the expectation parser).
#pragma once

#include <yaml-cpp/yaml.h>

#include <memory>
#include <string_view>
#include <vector>

#include "sim/scenario/predicate.h"
#include "sim/scenario/yaml_reader.h"

namespace quorate::scenario {

using PredicateParser = std::unique_ptr<Predicate> (*)(const ParseContext& ctx,
                                                       const YAML::Node& value, bool timing);

struct PredicateKind {
  std::string_view key;  // "link_up"
  PredicateParser parse;
};

const std::vector<PredicateKind>& predicate_kinds();
const PredicateKind* find_predicate(std::string_view key);

}  // namespace quorate::scenario
