#include "sim/scenario/link_predicates.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace quorate::scenario {
namespace {

struct Pair {
  NodeId node;
  NodeId peer;
  std::string node_name;
  std::string peer_name;
};

class LinkStatePredicate final : public Predicate {
 public:
  // `link` unset: host reachability. `want` is the state that makes the predicate true.
  LinkStatePredicate(std::string key, std::optional<LinkId> link, bool want,
                     std::vector<Pair> pairs, std::string scope)
      : key_(std::move(key)),
        link_(link),
        want_(want),
        pairs_(std::move(pairs)),
        scope_(std::move(scope)) {}

  std::string describe() const override {
    return key_ + " " + scope_ + (link_ ? " link " + to_string(*link_) : "");
  }

  std::vector<Atom> atoms(const Observations& obs) const override {
    std::vector<Atom> out;
    for (const Pair& p : pairs_) {
      const Signal& s = link_ ? obs.link_up(p.node, p.peer, *link_) : obs.reachable(p.node, p.peer);
      out.push_back(Atom{label(p), want_ ? s : s.negated()});
    }
    return out;
  }

 private:
  std::string label(const Pair& p) const {
    if (link_) {
      return p.node_name + " sees link " + to_string(*link_) + " of " + p.peer_name +
             (want_ ? " up" : " down");
    }
    return p.node_name + " sees " + p.peer_name + (want_ ? " reachable" : " unreachable");
  }

  std::string key_;
  std::optional<LinkId> link_;
  bool want_;
  std::vector<Pair> pairs_;
  std::string scope_;
};

std::unique_ptr<Predicate> parse(const ParseContext& ctx, const YAML::Node& v, bool timing,
                                 std::string key, bool with_link, bool want) {
  std::vector<std::string_view> known = {"node", "peer"};
  if (with_link) known.push_back("link");
  if (timing) known.push_back("between");
  const MapReader m(ctx, v, key, known);
  const ClusterModel& cluster = ctx.cluster();
  std::optional<NodeId> node, peer;
  if (m.has("node")) node = ctx.node_ref(m.need("node"));
  if (m.has("peer")) peer = ctx.node_ref(m.need("peer"));
  if (node && peer && *node == *peer) ctx.fail(m.get("peer"), key + ": node and peer are the same");
  std::optional<LinkId> link;
  if (with_link) link = ctx.link_ref(m.need("link"));
  std::vector<Pair> pairs;
  for (const ClusterNode& a : cluster.nodes) {
    if (node && a.id != *node) continue;
    for (const ClusterNode& b : cluster.nodes) {
      if (a.id == b.id || (peer && b.id != *peer)) continue;
      pairs.push_back(Pair{a.id, b.id, a.name, b.name});
    }
  }
  if (pairs.empty()) ctx.fail(v, key + ": the cluster has no pair of nodes to check");
  const std::string scope = (node ? cluster.name(*node) : std::string("*")) + "->" +
                            (peer ? cluster.name(*peer) : std::string("*"));
  return std::make_unique<LinkStatePredicate>(key, link, want, std::move(pairs), scope);
}

}  // namespace

std::unique_ptr<Predicate> parse_link_up(const ParseContext& ctx, const YAML::Node& v,
                                         bool timing) {
  return parse(ctx, v, timing, "link_up", true, true);
}
std::unique_ptr<Predicate> parse_link_down(const ParseContext& ctx, const YAML::Node& v,
                                           bool timing) {
  return parse(ctx, v, timing, "link_down", true, false);
}
std::unique_ptr<Predicate> parse_reachable(const ParseContext& ctx, const YAML::Node& v,
                                           bool timing) {
  return parse(ctx, v, timing, "reachable", false, true);
}
std::unique_ptr<Predicate> parse_unreachable(const ParseContext& ctx, const YAML::Node& v,
                                             bool timing) {
  return parse(ctx, v, timing, "unreachable", false, false);
}

}  // namespace quorate::scenario
