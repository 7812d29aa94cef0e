#include "sim/scenario/predicate_registry.h"

#include "sim/scenario/link_predicates.h"

namespace quorate::scenario {

const std::vector<PredicateKind>& predicate_kinds() {
  // Membership (members, ring_changes), quorum (quorate, inquorate) and fencing (fenced,
  // not_fenced) register here when their engines emit events.
  static const std::vector<PredicateKind> kKinds = {
      {"link_up", parse_link_up},
      {"link_down", parse_link_down},
      {"reachable", parse_reachable},
      {"unreachable", parse_unreachable},
  };
  return kKinds;
}

const PredicateKind* find_predicate(std::string_view key) {
  for (const PredicateKind& kind : predicate_kinds())
    if (kind.key == key) return &kind;
  return nullptr;
}

}  // namespace quorate::scenario
