// The scenario, as parsed: the typed form of one scenario file (docs/SCENARIOS.md is the user's
// reference for the YAML). Every node is resolved to a NodeId and every time to an Instant of
// virtual time (0 = start of the run) by the parser, so the runner never sees names or text.
//
// Ownership: Scenario is a value; it owns its cluster model, events and expectations
// (predicates are held by unique_ptr, so a Scenario is movable, not copyable).
// Invariants established by the parser:
// - events are sorted by `at` (the file lists them in time order), each 0 <= at <= duration;
// - every NodeId is a node of `cluster`, every LinkId a configured link;
// - expectation windows lie inside [0, duration].
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/ids.h"
#include "engine/seam.h"
#include "engine/time.h"
#include "sim/net/switch_fabric.h"
#include "sim/scenario/cluster_model.h"
#include "sim/scenario/predicate.h"

namespace quorate::scenario {

// Where a construct starts in the scenario file (1-based; 0 = unknown).
struct SourcePos {
  int line = 0;
  int column = 0;
};

// --- network defaults
struct PathImpairment {
  Duration latency = Duration::from_us(100);  // one-way, NIC to NIC
  Duration jitter = Duration::zero();         // extra delay drawn uniformly in [0, jitter]
  double loss_probability = 0.0;              // end to end, per frame
};

struct NetworkSpec {
  PathImpairment defaults;
  std::map<LinkId, PathImpairment> per_link;  // overrides for one link's network

  const PathImpairment& for_link(LinkId link) const {
    const auto it = per_link.find(link);
    return it == per_link.end() ? defaults : it->second;
  }
};

// --- events
struct NicRef {
  NodeId node;
  LinkId link;  // the NIC that carries this corosync link on `node`
};

enum class NicFault : uint8_t {
  kSilentTx,     // carrier up, frames do not leave
  kSilentRx,     // carrier up, frames do not enter
  kCarrierDown,  // cable pulled
  kCarrierUp,    // cable back
  kRepair,       // carrier up, TX and RX working again
};

struct NicAction {
  NicFault fault = NicFault::kSilentTx;
  NicRef nic;
};

struct FlapAction {
  NicRef nic;
  Instant until;
  Duration period;
  Duration down_for;
};

enum class Direction : uint8_t { kTx, kRx, kBoth };

// `loss` and `delay`: a link's network (node unset) or one node's NIC on it.
struct ImpairAction {
  std::optional<NodeId> node;
  LinkId link;
  Direction direction = Direction::kBoth;
  std::optional<double> loss_probability;
  std::optional<Duration> latency;
  std::optional<Duration> jitter;
};

// `cut` / `heal`. Scope: everything (heal only), one link's whole network, one direction
// between two nodes, both directions between two nodes, or a partition into groups. `link`
// narrows the two-node and group forms to one link (NIC-level rules); unset = every link.
enum class CutScope : uint8_t { kEverything, kWholeLink, kOneWay, kBothWays, kGroups };

struct CutAction {
  bool heal = false;
  CutScope scope = CutScope::kEverything;
  NodeId from;
  NodeId to;
  std::optional<LinkId> link;
  std::vector<std::vector<NodeId>> groups;
};

struct SwitchAction {
  LinkId link;  // the switch of this link's network ("sw-link<N>")
  sim::net::SwitchState state = sim::net::SwitchState::kDown;
};

struct NodeAction {
  CommandKind command = CommandKind::kStop;
  std::vector<NodeId> nodes;
};

using Action =
    std::variant<NicAction, FlapAction, ImpairAction, CutAction, SwitchAction, NodeAction>;

struct TimedEvent {
  Instant at;
  std::string verb;  // the action key as written ("silent_tx"), for messages
  Action action;
  SourcePos pos;
};

// --- expectations
enum class When : uint8_t {
  kAt,          // holds at `until`
  kBy,          // holds at some instant of [from, until]; from defaults to the anchor
  kAlways,      // holds at every instant of [from, until]
  kEventually,  // holds at some instant of [from, until]
  kBecomes,     // `<predicate>_at: {between: [from, until]}`: first becomes true in the window
};

struct Expectation {
  When when = When::kAt;
  Instant anchor;  // kBecomes: the first change must come after this (the latest event <= from)
  Instant from;    // window start (kAt: unused)
  Instant until;   // window end or the instant of kAt
  std::unique_ptr<Predicate> predicate;
  SourcePos pos;
  std::string text;  // "by 35s: link_down pve1->pve2 link 0"
};

struct Scenario {
  std::string file;  // as given by the caller
  std::string name;
  std::string description;
  uint64_t seed = 1;
  Duration duration = Duration::from_s(60);
  ClusterModel cluster;
  NetworkSpec network;
  std::vector<TimedEvent> events;
  std::vector<Expectation> expectations;

  Instant end() const { return Instant::epoch() + duration; }
};

}  // namespace quorate::scenario
