#include "sim/scenario/yaml_reader.h"

#include <algorithm>
#include <charconv>

#include "sim/scenario/duration_text.h"

namespace quorate::scenario {
namespace {

std::string kind_name(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Null:
      return "empty";
    case YAML::NodeType::Scalar:
      return "'" + node.Scalar() + "'";
    case YAML::NodeType::Undefined:
      break;
  }
  return "missing";
}

}  // namespace

std::string one_of(const std::vector<std::string_view>& names) {
  std::string text;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += i + 1 == names.size() ? " or " : ", ";
    text += names[i];
  }
  return text;
}

void ParseContext::fail(const YAML::Mark& mark, const std::string& message) const {
  ScenarioError error{file_, 0, 0, message};
  if (!mark.is_null()) {
    error.line = mark.line + 1;
    error.column = mark.column + 1;
  }
  throw ScenarioParseError(std::move(error));
}

void ParseContext::fail(const YAML::Node& node, const std::string& message) const {
  fail(node.IsDefined() ? node.Mark() : YAML::Mark::null_mark(), message);
}

SourcePos ParseContext::pos(const YAML::Node& node) const {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {};
  return SourcePos{mark.line + 1, mark.column + 1};
}

std::string ParseContext::resolve(const std::string& path) const {
  if (path.starts_with('/') || base_dir_.empty()) return path;
  return base_dir_ + "/" + path;
}

std::string ParseContext::scalar(const YAML::Node& node, std::string_view what) const {
  if (!node.IsScalar())
    fail(node, std::string(what) + " must be a single value, not " + kind_name(node));
  return node.Scalar();
}

Duration ParseContext::duration(const YAML::Node& node, std::string_view what) const {
  const std::string text = scalar(node, what);
  std::string error;
  const std::optional<Duration> d = parse_duration(text, &error);
  if (!d) fail(node, std::string(what) + " '" + text + "' " + error);
  return *d;
}

Instant ParseContext::instant(const YAML::Node& node, std::string_view what) const {
  if (node.IsScalar() && node.Scalar() == "end") return Instant::epoch() + duration_;
  const Duration d = duration(node, what);
  if (d > duration_) {
    fail(node, std::string(what) + " " + format_duration(d) +
                   " is beyond the scenario's duration " + format_duration(duration_));
  }
  return Instant::epoch() + d;
}

double ParseContext::probability(const YAML::Node& node, std::string_view what) const {
  const std::string text = scalar(node, what);
  std::string error;
  const std::optional<double> p = parse_probability(text, &error);
  if (!p) fail(node, std::string(what) + " '" + text + "' " + error);
  return *p;
}

int64_t ParseContext::integer(const YAML::Node& node, std::string_view what, int64_t lo,
                              int64_t hi) const {
  const std::string text = scalar(node, what);
  int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size() || value < lo || value > hi) {
    fail(node, std::string(what) + " must be an integer in " + std::to_string(lo) + ".." +
                   std::to_string(hi) + ", not '" + text + "'");
  }
  return value;
}

bool ParseContext::boolean(const YAML::Node& node, std::string_view what) const {
  const std::string text = scalar(node, what);
  if (text == "true" || text == "yes" || text == "on") return true;
  if (text == "false" || text == "no" || text == "off") return false;
  fail(node, std::string(what) + " must be true or false, not '" + text + "'");
}

NodeId ParseContext::node_ref(const YAML::Node& node) const {
  const std::string text = scalar(node, "a node");
  if (const std::optional<NodeId> id = cluster().find(text)) return *id;
  std::string names;
  for (const ClusterNode& n : cluster().nodes)
    names += (names.empty() ? "" : ", ") + n.name;
  fail(node, "unknown node '" + text + "' (nodes: " + names + ")");
}

std::vector<NodeId> ParseContext::node_list(const YAML::Node& node) const {
  std::vector<NodeId> ids;
  if (!node.IsSequence()) {
    ids.push_back(node_ref(node));
    return ids;
  }
  if (node.size() == 0) fail(node, "the list of nodes is empty");
  for (const YAML::Node& item : node) {
    const NodeId id = node_ref(item);
    if (std::find(ids.begin(), ids.end(), id) != ids.end()) {
      fail(item, "node '" + item.Scalar() + "' is listed twice");
    }
    ids.push_back(id);
  }
  return ids;
}

LinkId ParseContext::link_ref(const YAML::Node& node) const {
  const auto value = static_cast<uint8_t>(integer(node, "link", 0, kMaxLinks - 1));
  const LinkId link{value};
  if (!cluster().has_link(link)) {
    fail(node,
         "link " + to_string(link) + " is not configured (links: " + cluster().links_text() + ")");
  }
  return link;
}

void ParseContext::expect_sequence(const YAML::Node& node, std::string_view what, size_t n) const {
  if (!node.IsSequence() || node.size() != n) {
    fail(node, std::string(what) + " must be a list of " + std::to_string(n) + " items, not " +
                   kind_name(node));
  }
}

MapReader::MapReader(const ParseContext& ctx, const YAML::Node& node, std::string_view what,
                     std::initializer_list<std::string_view> known)
    : MapReader(ctx, node, what, std::vector<std::string_view>(known)) {}

MapReader::MapReader(const ParseContext& ctx, const YAML::Node& node, std::string_view what,
                     const std::vector<std::string_view>& known)
    : ctx_(ctx), node_(node), what_(what) {
  if (!node.IsMap())
    ctx.fail(node, what_ + " must be a mapping (key: value), not " + kind_name(node));
  check(known);
}

void MapReader::check(const std::vector<std::string_view>& known) {
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    const YAML::Node key = it->first;  // a copy: the iterator yields temporaries
    if (!key.IsScalar()) ctx_.fail(key, "keys in " + what_ + " must be plain words");
    const std::string name = key.Scalar();
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      ctx_.fail(key,
                "unknown key '" + name + "' in " + what_ + " (expected " + one_of(known) + ")");
    }
    if (std::find(keys_.begin(), keys_.end(), name) != keys_.end()) {
      ctx_.fail(key, "duplicate key '" + name + "' in " + what_);
    }
    keys_.push_back(name);
  }
}

bool MapReader::has(std::string_view key) const {
  return std::find(keys_.begin(), keys_.end(), key) != keys_.end();
}

YAML::Node MapReader::get(std::string_view key) const {
  for (auto it = node_.begin(); it != node_.end(); ++it)
    if (it->first.Scalar() == key) return it->second;
  return YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node MapReader::need(std::string_view key) const {
  if (!has(key)) ctx_.fail(node_, "missing key '" + std::string(key) + "' in " + what_);
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    if (it->first.Scalar() != key) continue;
    if (it->second.IsNull()) ctx_.fail(it->first, "key '" + std::string(key) + "' has no value");
    return it->second;
  }
  return YAML::Node();
}

}  // namespace quorate::scenario
