#include "sim/scenario/cluster_loader.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include "config/config_check.h"
#include "config/derived_timers.h"
#include "engine/links/secauth.h"
#include "sim/scenario/duration_text.h"

namespace quorate::scenario {
namespace {

constexpr int kMaxCompactNodes = 128;

// Where the corosync.conf text came from, to place its diagnostics.
struct ConfSource {
  std::string text;
  std::string file;     // scenario file (inline) or the .conf path
  int line_offset = 0;  // added to conf line numbers (inline text only)
  YAML::Node node;      // the scenario node that named it
};

std::string read_file(const ParseContext& ctx, const YAML::Node& node, const std::string& path,
                      std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) ctx.fail(node, "cannot read " + std::string(what) + " '" + path + "'");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

ConfSource compact_source(const ParseContext& ctx, const MapReader& m, bool crypto) {
  const auto nodes = static_cast<int>(ctx.integer(m.need("nodes"), "nodes", 1, kMaxCompactNodes));
  const int links =
      m.has("links") ? static_cast<int>(ctx.integer(m.need("links"), "links", 1, kMaxLinks)) : 1;
  uint32_t token_ms = 3000;
  if (m.has("token")) {
    const Duration token = ctx.duration(m.need("token"), "token");
    if (token.ns() % 1'000'000 != 0 || token < Duration::from_ms(1)) {
      ctx.fail(m.get("token"),
               "token must be a whole number of milliseconds, not " + format_duration(token));
    }
    token_ms = static_cast<uint32_t>(token.ms());
  }
  std::string mode = "passive";
  if (m.has("link_mode")) {
    mode = ctx.scalar(m.need("link_mode"), "link_mode");
    if (mode != "passive" && mode != "active" && mode != "rr") {
      ctx.fail(m.get("link_mode"), "link_mode must be passive, active or rr, not '" + mode + "'");
    }
  }
  return ConfSource{compact_corosync_conf(nodes, links, token_ms, mode, crypto), ctx.file(), 0,
                    m.node()};
}

ConfSource conf_source(const ParseContext& ctx, const YAML::Node& value) {
  const std::string text = ctx.scalar(value, "corosync_conf");
  if (text.find('\n') != std::string::npos) {
    // A block scalar's text starts on the line after its indicator.
    return ConfSource{text, ctx.file(), value.Mark().line + 1, value};
  }
  const std::string path = ctx.resolve(text);
  return ConfSource{read_file(ctx, value, path, "corosync.conf"), path, 0, value};
}

[[noreturn]] void fail_conf(const ParseContext& ctx, const ConfSource& source,
                            const config::Diagnostic& d) {
  ScenarioError error{source.file, d.line == 0 ? 0 : d.line + source.line_offset, 0,
                      "invalid corosync.conf: " + d.message};
  if (d.line == 0) {
    error.file = ctx.file();
    const YAML::Mark mark = source.node.Mark();
    error.line = mark.line + 1;
    error.column = mark.column + 1;
  }
  throw ScenarioParseError(std::move(error));
}

links::LinkOptions link_options(const config::DerivedTimers& timers, const config::LinkTimers& t) {
  links::LinkOptions o = links::corosync_link_defaults(timers.token());
  o.ping_interval = t.ping_interval();
  o.ping_timeout = t.ping_timeout();
  o.pong_count = static_cast<uint8_t>(std::min<uint32_t>(t.pong_count.value, 255));
  o.ping_precision = t.ping_precision.value;
  o.priority = static_cast<uint8_t>(std::min<uint32_t>(t.priority.value, 255));
  return o;
}

links::LinkMode link_mode(const std::string& text) {
  if (text == "active") return links::LinkMode::kActive;
  if (text == "rr") return links::LinkMode::kRr;
  return links::LinkMode::kPassive;
}

ClusterModel model_from(const ParseContext& ctx, const ConfSource& source, bool* crypto) {
  const config::LoadedConfig loaded = config::load_config_text(source.text, source.file);
  config::CheckOptions check;
  check.any_host = true;
  for (const config::Diagnostic& d : config::check_loaded(loaded, check))
    if (d.severity == config::Severity::kError) fail_conf(ctx, source, d);
  const config::CorosyncConfig& conf = loaded.config;
  if (conf.totem.transport_kind != config::Transport::kKnet) {
    ctx.fail(source.node, "the scenario runner simulates transport knet only, not '" +
                              conf.totem.transport.value + "'");
  }
  ClusterModel model;
  for (const config::NodeConfig& n : conf.nodes) {
    const std::string name =
        n.name.is_set() ? n.name.value : "node" + std::to_string(n.nodeid.value);
    model.nodes.push_back(ClusterNode{n.id(), name});
  }
  std::sort(model.nodes.begin(), model.nodes.end(),
            [](const ClusterNode& a, const ClusterNode& b) { return a.id < b.id; });
  const config::DerivedTimers timers = config::derive_timers(conf);
  for (const int link : conf.configured_links()) {
    const auto it = timers.links.find(link);
    if (it == timers.links.end() || link < 0 || link >= kMaxLinks) continue;
    model.links.push_back(LinkId{static_cast<uint8_t>(link)});
    model.link_options[link] = link_options(timers, it->second);
  }
  model.mode = link_mode(conf.totem.link_mode.value);
  model.runtime_token = timers.token();
  model.conf_text = source.text;
  *crypto = conf.totem.crypto_enabled();
  return model;
}

// Deterministic key material for a cluster with crypto and no `key:` (a key is only material).
std::vector<std::byte> generated_key() {
  std::vector<std::byte> key(256);
  uint64_t x = 0x9e3779b97f4a7c15ULL;
  for (std::byte& b : key) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    b = static_cast<std::byte>(x & 0xff);
  }
  return key;
}

void load_key(const ParseContext& ctx, const MapReader& m, bool crypto, ClusterModel& model) {
  if (!m.has("key")) {
    if (crypto) model.cluster_key = generated_key();
    return;
  }
  const YAML::Node node = m.need("key");
  if (!crypto)
    ctx.fail(node, "key given, but the corosync.conf has no crypto (crypto_cipher none)");
  const std::string bytes = read_file(ctx, node, ctx.resolve(ctx.scalar(node, "key")), "key file");
  if (bytes.size() < links::kMinKeyBytes || bytes.size() > links::kMaxKeyBytes) {
    ctx.fail(node, "key file has " + std::to_string(bytes.size()) + " bytes; corosync keys have " +
                       std::to_string(links::kMinKeyBytes) + ".." +
                       std::to_string(links::kMaxKeyBytes));
  }
  model.cluster_key.resize(bytes.size());
  std::memcpy(model.cluster_key.data(), bytes.data(), bytes.size());
}

}  // namespace

ClusterModel load_cluster(const ParseContext& ctx, const YAML::Node& node) {
  const MapReader m(ctx, node, "cluster",
                    {"nodes", "links", "token", "link_mode", "corosync_conf", "key"});
  const bool compact = m.has("nodes") || m.has("links") || m.has("token") || m.has("link_mode");
  if (m.has("corosync_conf") && compact) {
    ctx.fail(node,
             "cluster: give either corosync_conf or the compact form (nodes, links, token, "
             "link_mode), not both");
  }
  if (!m.has("corosync_conf") && !m.has("nodes")) {
    ctx.fail(node, "cluster needs 'nodes' (compact form) or 'corosync_conf'");
  }
  const ConfSource source = m.has("corosync_conf") ? conf_source(ctx, m.need("corosync_conf"))
                                                   : compact_source(ctx, m, m.has("key"));
  bool crypto = false;
  ClusterModel model = model_from(ctx, source, &crypto);
  load_key(ctx, m, crypto, model);
  return model;
}

}  // namespace quorate::scenario
