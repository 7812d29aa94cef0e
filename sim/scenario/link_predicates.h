// Link-layer predicates: link_up / link_down {node, peer, link} and reachable / unreachable
// {node, peer}, as the observing `node` sees `peer` (knet's per-host, per-link view). An omitted
// node or peer means every node / every other node: the predicate then holds where it holds for
// every pair.
#pragma once

#include <yaml-cpp/yaml.h>

#include <memory>

#include "sim/scenario/predicate.h"
#include "sim/scenario/yaml_reader.h"

namespace quorate::scenario {

std::unique_ptr<Predicate> parse_link_up(const ParseContext& ctx, const YAML::Node& v, bool timing);
std::unique_ptr<Predicate> parse_link_down(const ParseContext& ctx, const YAML::Node& v,
                                           bool timing);
std::unique_ptr<Predicate> parse_reachable(const ParseContext& ctx, const YAML::Node& v,
                                           bool timing);
std::unique_ptr<Predicate> parse_unreachable(const ParseContext& ctx, const YAML::Node& v,
                                             bool timing);

}  // namespace quorate::scenario
