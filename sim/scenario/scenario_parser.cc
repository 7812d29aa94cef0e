#include "sim/scenario/scenario_parser.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/scenario/cluster_loader.h"
#include "sim/scenario/duration_text.h"
#include "sim/scenario/event_parser.h"
#include "sim/scenario/expect_parser.h"
#include "sim/scenario/yaml_reader.h"

namespace quorate::scenario {
namespace {

constexpr Duration kDefaultDuration = Duration::from_s(60);

PathImpairment path_impairment(const ParseContext& ctx, const MapReader& m, PathImpairment base) {
  if (m.has("latency")) base.latency = ctx.duration(m.need("latency"), "latency");
  if (m.has("jitter")) base.jitter = ctx.duration(m.need("jitter"), "jitter");
  if (m.has("loss")) base.loss_probability = ctx.probability(m.need("loss"), "loss");
  return base;
}

NetworkSpec parse_network(const ParseContext& ctx, const YAML::Node& node) {
  static const std::vector<std::string> kLinkKeys = {"link0", "link1", "link2", "link3",
                                                     "link4", "link5", "link6", "link7"};
  std::vector<std::string_view> known = {"latency", "jitter", "loss"};
  known.insert(known.end(), kLinkKeys.begin(), kLinkKeys.end());
  const MapReader m(ctx, node, "network", known);
  NetworkSpec spec;
  spec.defaults = path_impairment(ctx, m, spec.defaults);
  for (uint8_t l = 0; l < kMaxLinks; ++l) {
    if (!m.has(kLinkKeys[l])) continue;
    const YAML::Node value = m.need(kLinkKeys[l]);
    if (!ctx.cluster().has_link(LinkId{l})) {
      ctx.fail(value, kLinkKeys[l] + ": link " + std::to_string(l) +
                          " is not configured (links: " + ctx.cluster().links_text() + ")");
    }
    const MapReader link(ctx, value, kLinkKeys[l], {"latency", "jitter", "loss"});
    spec.per_link[LinkId{l}] = path_impairment(ctx, link, spec.defaults);
  }
  return spec;
}

Duration parse_run_duration(const ParseContext& ctx, const MapReader& m) {
  if (!m.has("duration")) return kDefaultDuration;
  const Duration d = ctx.duration(m.need("duration"), "duration");
  if (d <= Duration::zero()) ctx.fail(m.get("duration"), "duration must be longer than 0");
  return d;
}

Scenario parse_root(ParseContext& ctx, const YAML::Node& root, const std::string& file) {
  if (!root.IsDefined() || root.IsNull()) ctx.fail(YAML::Mark::null_mark(), "the file is empty");
  const MapReader m(
      ctx, root, "the scenario",
      {"name", "description", "seed", "duration", "cluster", "network", "events", "expect"});
  Scenario s;
  s.file = file;
  s.name = m.has("name") ? ctx.scalar(m.need("name"), "name")
                         : std::filesystem::path(file).stem().string();
  if (m.has("description")) s.description = ctx.scalar(m.need("description"), "description");
  if (m.has("seed")) {
    s.seed = static_cast<uint64_t>(ctx.integer(m.need("seed"), "seed", 0, INT64_MAX));
  }
  s.cluster = load_cluster(ctx, m.need("cluster"));
  ctx.set_cluster(&s.cluster);
  s.duration = parse_run_duration(ctx, m);
  ctx.set_duration(s.duration);
  if (m.has("network")) s.network = parse_network(ctx, m.need("network"));
  if (m.has("events")) s.events = parse_events(ctx, m.need("events"));
  if (m.has("expect")) s.expectations = parse_expectations(ctx, m.need("expect"), s.events);
  ctx.set_cluster(nullptr);  // s moves out; nothing keeps the pointer
  return s;
}

}  // namespace

LoadResult load_scenario_text(std::string_view text, std::string file, std::string base_dir) {
  LoadResult result;
  ParseContext ctx(file, std::move(base_dir));
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    result.scenario = parse_root(ctx, root, file);
  } catch (const ScenarioParseError& e) {
    result.error = e.error();
  } catch (const YAML::ParserException& e) {
    result.error = ScenarioError{file, e.mark.line + 1, e.mark.column + 1, "YAML: " + e.msg};
  } catch (const YAML::Exception& e) {
    result.error = ScenarioError{file, e.mark.line + 1, e.mark.column + 1, "YAML: " + e.msg};
  }
  return result;
}

LoadResult load_scenario_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    LoadResult result;
    result.error = ScenarioError{path, 0, 0, "cannot read the scenario file"};
    return result;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const std::string dir = std::filesystem::path(path).parent_path().string();
  return load_scenario_text(text.str(), path, dir);
}

}  // namespace quorate::scenario
