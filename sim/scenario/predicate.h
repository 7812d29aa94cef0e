// Predicate: a statement about the cluster's state that an expectation checks over time.
//
// A predicate is made of atoms (one per node pair, per node, ...), each a Signal built from the
// run's Observations; the predicate holds where every atom holds. Splitting into atoms lets a
// failure name the exact pair that broke it ("pve1 sees link 0 of pve3 down").
//
// Adding a predicate (membership, quorum, fencing): implement this interface, register its YAML
// key and parser in predicate_registry.cc; every expectation form (at, by, always, eventually,
// `<key>_at: {between}`) then works with it unchanged.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sim/scenario/observations.h"
#include "sim/scenario/signal.h"

namespace quorate::scenario {

struct Atom {
  std::string label;  // "pve1 sees link 0 of pve2 up"
  Signal signal;
};

class Predicate {
 public:
  virtual ~Predicate() = default;
  // As written, normalised: "link_down pve1->pve2 link 0", "reachable (every pair)".
  virtual std::string describe() const = 0;
  virtual std::vector<Atom> atoms(const Observations& observations) const = 0;
};

}  // namespace quorate::scenario
