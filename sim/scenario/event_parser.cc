#include "sim/scenario/event_parser.h"

#include <functional>
#include <string>
#include <string_view>

#include "sim/scenario/duration_text.h"

namespace quorate::scenario {
namespace {

using ActionParser = std::function<Action(const ParseContext&, const YAML::Node&, Instant)>;

NicRef nic_ref(const ParseContext& ctx, const YAML::Node& value, std::string_view verb) {
  const MapReader m(ctx, value, verb, {"node", "link"});
  return NicRef{ctx.node_ref(m.need("node")), ctx.link_ref(m.need("link"))};
}

ActionParser nic(NicFault fault, std::string_view verb) {
  return [fault, verb](const ParseContext& ctx, const YAML::Node& v, Instant) -> Action {
    return NicAction{fault, nic_ref(ctx, v, verb)};
  };
}

Action flap(const ParseContext& ctx, const YAML::Node& v, Instant at) {
  const MapReader m(ctx, v, "flap", {"node", "link", "until", "period", "down_for"});
  FlapAction a{NicRef{ctx.node_ref(m.need("node")), ctx.link_ref(m.need("link"))},
               ctx.instant(m.need("until"), "until"), ctx.duration(m.need("period"), "period"),
               ctx.duration(m.need("down_for"), "down_for")};
  if (a.until <= at) ctx.fail(m.get("until"), "flap: until must be after the event's time");
  if (a.down_for <= Duration::zero() || a.down_for >= a.period) {
    ctx.fail(m.get("down_for"), "flap: down_for must be > 0 and shorter than period");
  }
  return a;
}

Direction direction(const ParseContext& ctx, const MapReader& m) {
  if (!m.has("direction")) return Direction::kBoth;
  const std::string text = ctx.scalar(m.need("direction"), "direction");
  if (text == "tx") return Direction::kTx;
  if (text == "rx") return Direction::kRx;
  if (text == "both") return Direction::kBoth;
  ctx.fail(m.get("direction"), "direction must be tx, rx or both, not '" + text + "'");
}

ImpairAction impair_target(const ParseContext& ctx, const MapReader& m) {
  ImpairAction a;
  if (m.has("node")) a.node = ctx.node_ref(m.need("node"));
  a.link = ctx.link_ref(m.need("link"));
  a.direction = direction(ctx, m);
  if (!a.node && m.has("direction")) {
    ctx.fail(m.get("direction"), "direction needs a node (a whole network is impaired end to end)");
  }
  return a;
}

Action loss(const ParseContext& ctx, const YAML::Node& v, Instant) {
  const MapReader m(ctx, v, "loss", {"link", "node", "direction", "probability"});
  ImpairAction a = impair_target(ctx, m);
  a.loss_probability = ctx.probability(m.need("probability"), "probability");
  return a;
}

Action delay(const ParseContext& ctx, const YAML::Node& v, Instant) {
  const MapReader m(ctx, v, "delay", {"link", "node", "direction", "latency", "jitter"});
  ImpairAction a = impair_target(ctx, m);
  a.latency = ctx.duration(m.need("latency"), "latency");
  if (m.has("jitter")) a.jitter = ctx.duration(m.need("jitter"), "jitter");
  return a;
}

std::vector<std::vector<NodeId>> groups(const ParseContext& ctx, const YAML::Node& v) {
  if (!v.IsSequence() || v.size() < 2) ctx.fail(v, "partition needs a list of at least 2 groups");
  std::vector<std::vector<NodeId>> out;
  std::vector<NodeId> seen;
  for (const YAML::Node& g : v) {
    if (!g.IsSequence()) ctx.fail(g, "each partition group must be a list of nodes");
    out.push_back(ctx.node_list(g));
    for (size_t i = 0; i < out.back().size(); ++i) {
      const NodeId id = out.back()[i];
      if (std::find(seen.begin(), seen.end(), id) != seen.end()) {
        ctx.fail(g[i], "node '" + g[i].Scalar() + "' is in two partition groups");
      }
      seen.push_back(id);
    }
  }
  return out;
}

Action partition(const ParseContext& ctx, const YAML::Node& v, Instant) {
  CutAction a;
  a.scope = CutScope::kGroups;
  if (v.IsSequence()) {
    a.groups = groups(ctx, v);
    return a;
  }
  const MapReader m(ctx, v, "partition", {"groups", "link"});
  a.groups = groups(ctx, m.need("groups"));
  if (m.has("link")) a.link = ctx.link_ref(m.need("link"));
  return a;
}

CutAction cut_shape(const ParseContext& ctx, const YAML::Node& v, bool heal) {
  const char* verb = heal ? "heal" : "cut";
  CutAction a;
  a.heal = heal;
  if (heal && ((v.IsScalar() && v.Scalar() == "all") || v.IsNull())) return a;
  std::vector<std::string_view> known = {"from", "to", "between", "link"};
  if (heal) known.push_back("groups");
  const MapReader m(ctx, v, verb, known);
  if (m.has("link")) a.link = ctx.link_ref(m.need("link"));
  if (m.has("groups")) {
    if (m.keys().size() != (a.link ? 2U : 1U)) ctx.fail(v, "heal: groups goes with link only");
    a.scope = CutScope::kGroups;
    a.groups = groups(ctx, m.need("groups"));
    return a;
  }
  const bool one_way = m.has("from") || m.has("to");
  if (one_way && m.has("between")) ctx.fail(v, std::string(verb) + ": give from/to or between");
  if (one_way) {
    a.scope = CutScope::kOneWay;
    a.from = ctx.node_ref(m.need("from"));
    a.to = ctx.node_ref(m.need("to"));
  } else if (m.has("between")) {
    const YAML::Node pair = m.need("between");
    ctx.expect_sequence(pair, "between", 2);
    a.scope = CutScope::kBothWays;
    a.from = ctx.node_ref(pair[0]);
    a.to = ctx.node_ref(pair[1]);
  } else if (a.link) {
    a.scope = CutScope::kWholeLink;
  } else {
    ctx.fail(v, std::string(verb) + " needs from/to, between or link" + (heal ? " (or all)" : ""));
  }
  if ((one_way || m.has("between")) && a.from == a.to) {
    ctx.fail(v, std::string(verb) + ": a node cannot be cut from itself");
  }
  return a;
}

ActionParser switch_state(sim::net::SwitchState state, std::string_view verb) {
  return [state, verb](const ParseContext& ctx, const YAML::Node& v, Instant) -> Action {
    const MapReader m(ctx, v, verb, {"link"});
    return SwitchAction{ctx.link_ref(m.need("link")), state};
  };
}

ActionParser node_command(CommandKind kind) {
  return [kind](const ParseContext& ctx, const YAML::Node& v, Instant) -> Action {
    return NodeAction{kind, ctx.node_list(v)};
  };
}

struct Verb {
  std::string_view key;
  ActionParser parse;
};

const std::vector<Verb>& verbs() {
  using sim::net::SwitchState;
  static const std::vector<Verb> kVerbs = {
      {"silent_tx", nic(NicFault::kSilentTx, "silent_tx")},
      {"silent_rx", nic(NicFault::kSilentRx, "silent_rx")},
      {"carrier_down", nic(NicFault::kCarrierDown, "carrier_down")},
      {"carrier_up", nic(NicFault::kCarrierUp, "carrier_up")},
      {"repair_nic", nic(NicFault::kRepair, "repair_nic")},
      {"flap", flap},
      {"loss", loss},
      {"delay", delay},
      {"cut",
       [](const ParseContext& c, const YAML::Node& v, Instant) -> Action {
         return cut_shape(c, v, false);
       }},
      {"heal",
       [](const ParseContext& c, const YAML::Node& v, Instant) -> Action {
         return cut_shape(c, v, true);
       }},
      {"partition", partition},
      {"switch_down", switch_state(SwitchState::kDown, "switch_down")},
      {"switch_silent", switch_state(SwitchState::kSilent, "switch_silent")},
      {"switch_up", switch_state(SwitchState::kUp, "switch_up")},
      {"stop", node_command(CommandKind::kStop)},
      {"start", node_command(CommandKind::kStart)},
  };
  return kVerbs;
}

std::vector<std::string_view> event_keys() {
  std::vector<std::string_view> keys = {"at"};
  for (const Verb& v : verbs())
    keys.push_back(v.key);
  return keys;
}

TimedEvent parse_event(const ParseContext& ctx, const YAML::Node& item) {
  const MapReader m(ctx, item, "event", event_keys());
  TimedEvent event;
  event.pos = ctx.pos(item);
  event.at = ctx.instant(m.need("at"), "at");
  for (const Verb& verb : verbs()) {
    if (!m.has(verb.key)) continue;
    if (!event.verb.empty()) {
      ctx.fail(item, "an event has one action, this one has '" + event.verb + "' and '" +
                         std::string(verb.key) + "'");
    }
    event.verb = verb.key;
    // `heal:` with no value means heal everything; every other action needs a value.
    const YAML::Node value = verb.key == "heal" ? m.get(verb.key) : m.need(verb.key);
    event.action = verb.parse(ctx, value, event.at);
  }
  if (event.verb.empty()) {
    std::vector<std::string_view> names;
    for (const Verb& v : verbs())
      names.push_back(v.key);
    ctx.fail(item,
             "event at " + format_instant(event.at) + " has no action (" + one_of(names) + ")");
  }
  return event;
}

}  // namespace

std::vector<TimedEvent> parse_events(const ParseContext& ctx, const YAML::Node& node) {
  if (!node.IsSequence()) ctx.fail(node, "events must be a list of {at: TIME, ACTION: ...}");
  std::vector<TimedEvent> events;
  for (const YAML::Node& item : node) {
    TimedEvent event = parse_event(ctx, item);
    if (!events.empty() && event.at < events.back().at) {
      ctx.fail(item, "event at " + format_instant(event.at) +
                         " is in the past: the previous event is at " +
                         format_instant(events.back().at) + " (list events in time order)");
    }
    events.push_back(std::move(event));
  }
  return events;
}

}  // namespace quorate::scenario
