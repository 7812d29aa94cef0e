#include "sim/scenario/expect_parser.h"

#include <optional>
#include <string>
#include <string_view>

#include "sim/scenario/duration_text.h"
#include "sim/scenario/predicate_registry.h"

namespace quorate::scenario {
namespace {

constexpr std::string_view kTimingSuffix = "_at";

std::vector<std::string> expectation_keys() {
  std::vector<std::string> keys = {"at", "by", "from", "always", "eventually"};
  for (const PredicateKind& k : predicate_kinds()) {
    keys.emplace_back(k.key);
    keys.push_back(std::string(k.key) + std::string(kTimingSuffix));
  }
  return keys;
}

// The window of always/eventually: empty or {from, until}; defaults: the whole run.
void window(const ParseContext& ctx, const YAML::Node& v, Expectation& e) {
  e.from = Instant::epoch();
  e.until = Instant::epoch() + ctx.duration();
  if (v.IsNull() || (v.IsMap() && v.size() == 0)) return;
  const MapReader m(ctx, v, "window", {"from", "until"});
  if (m.has("from")) e.from = ctx.instant(m.need("from"), "from");
  if (m.has("until")) e.until = ctx.instant(m.need("until"), "until");
  if (e.from > e.until) ctx.fail(v, "window: from is after until");
}

std::string when_text(const Expectation& e) {
  switch (e.when) {
    case When::kAt:
      return "at " + format_instant(e.until);
    case When::kBy:
      return "by " + format_instant(e.until) + " (from " + format_instant(e.from) + ")";
    case When::kAlways:
      return "always in [" + format_instant(e.from) + ", " + format_instant(e.until) + "]";
    case When::kEventually:
      return "eventually in [" + format_instant(e.from) + ", " + format_instant(e.until) + "]";
    case When::kBecomes:
      return "becomes true in [" + format_instant(e.from) + ", " + format_instant(e.until) +
             "] (after " + format_instant(e.anchor) + ")";
  }
  return "";
}

std::optional<YAML::Node> find_key(const YAML::Node& map, std::string_view key) {
  for (auto it = map.begin(); it != map.end(); ++it)
    if (it->first.Scalar() == key) return it->second;
  return std::nullopt;
}

Expectation parse_timing(const ParseContext& ctx, const MapReader& m, const std::string& key,
                         const std::vector<TimedEvent>& events) {
  if (m.keys().size() != 1) {
    ctx.fail(m.node(), "'" + key + "' stands alone: its 'between' already says when");
  }
  const std::string base = key.substr(0, key.size() - kTimingSuffix.size());
  const YAML::Node value = m.need(key);
  Expectation e;
  e.when = When::kBecomes;
  e.predicate = find_predicate(base)->parse(ctx, value, true);
  const std::optional<YAML::Node> found = find_key(value, "between");
  if (!found) ctx.fail(value, "missing key 'between' in " + key);
  const YAML::Node between = *found;
  ctx.expect_sequence(between, "between", 2);
  e.from = ctx.instant(between[0], "between");
  e.until = ctx.instant(between[1], "between");
  if (e.from > e.until) ctx.fail(between, "between: the first time is after the second");
  e.anchor = anchor_before(events, e.from);
  return e;
}

// Exactly one of at/by/always/eventually.
void parse_when(const ParseContext& ctx, const MapReader& m, Expectation& e,
                const std::vector<TimedEvent>& events) {
  int count = 0;
  for (const char* key : {"at", "by", "always", "eventually"})
    count += m.has(key) ? 1 : 0;
  if (count != 1) {
    ctx.fail(m.node(),
             "an expectation needs exactly one of at, by, always, eventually (or a "
             "<predicate>_at form)");
  }
  if (m.has("from") && !m.has("by")) ctx.fail(m.get("from"), "'from' goes with 'by' only");
  if (m.has("at")) {
    e.when = When::kAt;
    e.from = e.until = ctx.instant(m.need("at"), "at");
  } else if (m.has("by")) {
    e.when = When::kBy;
    e.until = ctx.instant(m.need("by"), "by");
    e.from = m.has("from") ? ctx.instant(m.need("from"), "from") : anchor_before(events, e.until);
    if (e.from > e.until) ctx.fail(m.get("from"), "from is after by");
  } else {
    e.when = m.has("always") ? When::kAlways : When::kEventually;
    window(ctx, m.get(m.has("always") ? "always" : "eventually"), e);
  }
}

Expectation parse_one(const ParseContext& ctx, const YAML::Node& item,
                      const std::vector<TimedEvent>& events) {
  const std::vector<std::string> owned = expectation_keys();
  const std::vector<std::string_view> keys(owned.begin(), owned.end());
  const MapReader m(ctx, item, "expectation", keys);
  std::vector<std::string> predicates;
  for (const std::string& key : m.keys())
    if (key != "at" && key != "by" && key != "from" && key != "always" && key != "eventually")
      predicates.push_back(key);
  if (predicates.size() != 1) {
    ctx.fail(item, "an expectation checks exactly one predicate, this one has " +
                       std::to_string(predicates.size()));
  }
  const std::string& key = predicates.front();
  Expectation e;
  if (key.ends_with(kTimingSuffix) && !find_predicate(key)) {
    e = parse_timing(ctx, m, key, events);
  } else {
    parse_when(ctx, m, e, events);
    e.predicate = find_predicate(key)->parse(ctx, m.need(key), false);
  }
  e.pos = ctx.pos(item);
  e.text = when_text(e) + ": " + e.predicate->describe();
  return e;
}

}  // namespace

std::vector<Expectation> parse_expectations(const ParseContext& ctx, const YAML::Node& node,
                                            const std::vector<TimedEvent>& events) {
  if (!node.IsSequence()) ctx.fail(node, "expect must be a list of expectations");
  std::vector<Expectation> out;
  for (const YAML::Node& item : node)
    out.push_back(parse_one(ctx, item, events));
  return out;
}

Instant anchor_before(const std::vector<TimedEvent>& events, Instant t) {
  Instant anchor = Instant::epoch();
  for (const TimedEvent& e : events)
    if (e.at <= t) anchor = e.at;
  return anchor;
}

}  // namespace quorate::scenario
