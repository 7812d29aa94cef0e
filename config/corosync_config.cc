#include "config/corosync_config.h"

#include <cctype>
#include <initializer_list>
#include <set>
#include <string_view>
#include <utility>

#include "config/conf_schema.h"

namespace quorate::config {

const char* to_string(Transport t) {
  switch (t) {
    case Transport::kKnet:
      return "knet";
    case Transport::kUdpu:
      return "udpu";
    case Transport::kUdp:
      return "udp";
  }
  return "?";
}

const char* to_string(IpVersion v) {
  switch (v) {
    case IpVersion::kIpv4:
      return "ipv4";
    case IpVersion::kIpv6:
      return "ipv6";
    case IpVersion::kIpv4_6:
      return "ipv4-6";
    case IpVersion::kIpv6_4:
      return "ipv6-4";
  }
  return "?";
}

const RingAddr* NodeConfig::ring(int n) const {
  auto it = rings.find(n);
  return it == rings.end() ? nullptr : &it->second;
}

int CorosyncConfig::ring0_member_count() const {
  int n = 0;
  for (const NodeConfig& node : nodes)
    n += node.ring(0) != nullptr ? 1 : 0;
  return n;
}

std::vector<int> CorosyncConfig::configured_links() const {
  std::set<int> links;
  for (const NodeConfig& node : nodes) {
    for (const auto& [ring, addr] : node.rings)
      links.insert(ring);
  }
  for (const auto& [link, iface] : totem.interfaces) {
    bool counts = totem.transport_kind != Transport::kUdp || iface.bindnetaddr.is_set();
    if (counts) links.insert(link);
  }
  return {links.begin(), links.end()};
}

namespace {

void read(const CmapView& v, std::string_view key, Setting<std::string>& out) {
  if (const CmapEntry* e = v.get(key)) out = {e->value, ValueSource::kSet, e->line};
}

// zero_is_default: corosync treats an explicit 0 as "use the default" for most timers.
void read(const CmapView& v, std::string_view key, Setting<uint32_t>& out,
          bool zero_is_default = false) {
  const CmapEntry* e = v.get(key);
  if (e == nullptr || !e->typed) return;  // corosync's typed read fails on a string entry
  std::optional<int64_t> n = parse_ranged(e->value, ValueKind::kU32);
  if (!n) return;  // rejected by the parser already
  if (*n == 0 && zero_is_default) {
    out.line = e->line;
    return;
  }
  out = {static_cast<uint32_t>(*n), ValueSource::kSet, e->line};
}

void read_timers(const CmapView& v, TotemTimers& t) {
  read(v, "totem.token", t.token_ms, true);
  read(v, "totem.token_coefficient", t.token_coefficient_ms);
  read(v, "totem.token_warning", t.token_warning_percent);
  read(v, "totem.token_retransmits_before_loss_const", t.token_retransmits_before_loss_const, true);
  read(v, "totem.token_retransmit", t.token_retransmit_ms, true);
  read(v, "totem.hold", t.hold_ms, true);
  read(v, "totem.join", t.join_ms, true);
  read(v, "totem.send_join", t.send_join_ms);
  read(v, "totem.consensus", t.consensus_ms, true);
  read(v, "totem.merge", t.merge_ms, true);
  read(v, "totem.downcheck", t.downcheck_ms, true);
  read(v, "totem.fail_recv_const", t.fail_recv_const, true);
  read(v, "totem.seqno_unchanged_const", t.seqno_unchanged_const, true);
  read(v, "totem.heartbeat_failures_allowed", t.heartbeat_failures_allowed);
  read(v, "totem.max_network_delay", t.max_network_delay_ms, true);
  read(v, "totem.window_size", t.window_size, true);
  read(v, "totem.max_messages", t.max_messages, true);
  read(v, "totem.miss_count_const", t.miss_count_const, true);
  read(v, "totem.block_unlisted_ips", t.block_unlisted_ips);
  read(v, "totem.cancel_token_hold_on_retransmit", t.cancel_token_hold_on_retransmit);
}

void read_transport(const CmapView& v, TotemConfig& t) {
  read(v, "totem.transport", t.transport);
  if (t.transport.value == "udpu") t.transport_kind = Transport::kUdpu;
  if (t.transport.value == "udp") t.transport_kind = Transport::kUdp;
  if (t.transport_kind == Transport::kUdp) t.ip_version.value = IpVersion::kIpv4;
  if (const CmapEntry* e = v.get("totem.ip_version")) {
    static const std::pair<std::string_view, IpVersion> kNames[] = {{"ipv4", IpVersion::kIpv4},
                                                                    {"ipv6", IpVersion::kIpv6},
                                                                    {"ipv4-6", IpVersion::kIpv4_6},
                                                                    {"ipv6-4", IpVersion::kIpv6_4}};
    for (const auto& [name, ver] : kNames) {
      if (e->value == name) t.ip_version = {ver, ValueSource::kSet, e->line};
    }
  }
}

// Only names corosync knows take effect (an unchecked dotted key may hold anything).
void read_known(const CmapView& v, std::string_view key,
                std::initializer_list<std::string_view> known, Setting<std::string>& out) {
  const CmapEntry* e = v.get(key);
  if (e == nullptr) return;
  for (std::string_view k : known) {
    if (e->value == k) out = {e->value, ValueSource::kSet, e->line};
  }
}

// secauth: on selects aes256/sha256 unless crypto_cipher/crypto_hash say otherwise.
void read_crypto(const CmapView& v, TotemConfig& t) {
  read(v, "totem.secauth", t.secauth);
  read(v, "totem.crypto_model", t.crypto_model);
  if (t.secauth.value == "on") {
    t.crypto_cipher = {"aes256", ValueSource::kDerived, t.secauth.line};
    t.crypto_hash = {"sha256", ValueSource::kDerived, t.secauth.line};
  }
  read_known(v, "totem.crypto_cipher", {"none", "aes256", "aes192", "aes128"}, t.crypto_cipher);
  read_known(v, "totem.crypto_hash", {"none", "md5", "sha1", "sha256", "sha384", "sha512"},
             t.crypto_hash);
  read(v, "totem.keyfile", t.keyfile);
  read(v, "totem.key", t.key);
}

void read_knet(const CmapView& v, TotemConfig& t) {
  read(v, "totem.netmtu", t.netmtu);
  read(v, "totem.knet_mtu", t.knet_mtu);
  read(v, "totem.knet_pmtud_interval", t.knet_pmtud_interval_s, true);
  read(v, "totem.knet_compression_model", t.knet_compression_model);
  read(v, "totem.knet_compression_threshold", t.knet_compression_threshold);
  if (const CmapEntry* e = v.get("totem.knet_compression_level"); e != nullptr && e->typed) {
    if (auto n = parse_ranged(e->value, ValueKind::kI32)) {
      t.knet_compression_level = {static_cast<int32_t>(*n), ValueSource::kSet, e->line};
    }
  }
}

// "<digits>.<rest>" after a prefix: the index and the rest of the key.
std::optional<std::pair<int, std::string>> split_index(std::string_view tail) {
  size_t dot = tail.find('.');
  if (dot == 0 || dot == std::string_view::npos || dot > 9) return std::nullopt;
  int n = 0;
  for (char c : tail.substr(0, dot)) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return std::make_pair(n, std::string(tail.substr(dot + 1)));
}

void read_interfaces(const CmapView& v, TotemConfig& t) {
  const std::string prefix = "totem.interface.";
  for (const auto& [key, entry] : v.with_prefix(prefix)) {
    auto split = split_index(std::string_view(key).substr(prefix.size()));
    if (!split) continue;
    InterfaceConfig& iface = t.interfaces[split->first];
    iface.link_number = split->first;
    if (iface.line == 0 || entry.line < iface.line) iface.line = entry.line;
  }
  for (auto& [link, iface] : t.interfaces) {
    std::string p = prefix + std::to_string(link) + ".";
    read(v, p + "knet_link_priority", iface.knet_link_priority);
    read(v, p + "knet_ping_interval", iface.knet_ping_interval_ms, true);
    read(v, p + "knet_ping_timeout", iface.knet_ping_timeout_ms, true);
    read(v, p + "knet_ping_precision", iface.knet_ping_precision, true);
    read(v, p + "knet_pong_count", iface.knet_pong_count, true);
    read(v, p + "knet_transport", iface.knet_transport);
    read(v, p + "mcastport", iface.mcastport);
    read(v, p + "ttl", iface.ttl);
    read(v, p + "bindnetaddr", iface.bindnetaddr);
    read(v, p + "mcastaddr", iface.mcastaddr);
    read(v, p + "broadcast", iface.broadcast);
  }
}

TotemConfig read_totem(const CmapView& v) {
  TotemConfig t;
  read(v, "totem.version", t.version);
  read(v, "totem.cluster_name", t.cluster_name);
  if (const CmapEntry* e = v.get("totem.config_version"); e != nullptr && e->typed) {
    if (auto n = parse_u64(e->value)) t.config_version = {*n, ValueSource::kSet, e->line};
  }
  read_transport(v, t);
  read(v, "totem.link_mode", t.link_mode);
  read_crypto(v, t);
  read_knet(v, t);
  read(v, "totem.nodeid", t.nodeid);
  read(v, "totem.clear_node_high_bit", t.clear_node_high_bit);
  read_timers(v, t.timers);
  read_interfaces(v, t);
  return t;
}

// "ring<digits>_addr" -> ring number.
std::optional<int> ring_number(std::string_view key) {
  constexpr std::string_view kHead = "ring", kTail = "_addr";
  if (key.size() <= kHead.size() + kTail.size()) return std::nullopt;
  if (key.substr(0, kHead.size()) != kHead || key.substr(key.size() - kTail.size()) != kTail) {
    return std::nullopt;
  }
  std::string_view digits = key.substr(kHead.size(), key.size() - kHead.size() - kTail.size());
  if (digits.size() > 9) return std::nullopt;
  int n = 0;
  for (char c : digits) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

std::vector<NodeConfig> read_nodes(const CmapView& v) {
  const std::string prefix = "nodelist.node.";
  std::map<int, NodeConfig> by_index;
  for (const auto& [key, entry] : v.with_prefix(prefix)) {
    auto split = split_index(std::string_view(key).substr(prefix.size()));
    if (!split) continue;
    NodeConfig& node = by_index[split->first];
    node.index = split->first;
    if (node.line == 0 || entry.line < node.line) node.line = entry.line;
    if (auto ring = ring_number(split->second))
      node.rings[*ring] = RingAddr{entry.value, entry.line};
  }
  std::vector<NodeConfig> nodes;
  for (auto& [index, node] : by_index) {
    std::string p = prefix + std::to_string(index) + ".";
    read(v, p + "nodeid", node.nodeid);
    read(v, p + "name", node.name);
    read(v, p + "quorum_votes", node.quorum_votes);
    nodes.push_back(std::move(node));
  }
  return nodes;
}

QuorumConfig read_quorum(const CmapView& v) {
  QuorumConfig q;
  read(v, "quorum.provider", q.provider);
  read(v, "quorum.expected_votes", q.expected_votes);
  read(v, "quorum.votes", q.votes);
  read(v, "quorum.two_node", q.two_node);
  q.wait_for_all.value = q.two_node.value;
  if (q.two_node.value != 0) q.wait_for_all.origin = ValueSource::kDerived;
  read(v, "quorum.wait_for_all", q.wait_for_all);
  read(v, "quorum.last_man_standing", q.last_man_standing);
  read(v, "quorum.last_man_standing_window", q.last_man_standing_window_ms);
  read(v, "quorum.auto_tie_breaker", q.auto_tie_breaker);
  read(v, "quorum.auto_tie_breaker_node", q.auto_tie_breaker_node);
  read(v, "quorum.allow_downscale", q.allow_downscale);
  read(v, "quorum.expected_votes_tracking", q.expected_votes_tracking);
  auto device_keys = v.with_prefix("quorum.device.");
  if (!device_keys.empty()) {
    QuorumDeviceConfig d;
    d.line = device_keys.front().second.line;
    for (const auto& kv : device_keys)
      d.line = std::min(d.line, kv.second.line);
    read(v, "quorum.device.model", d.model);
    read(v, "quorum.device.votes", d.votes);
    read(v, "quorum.device.timeout", d.timeout_ms);
    read(v, "quorum.device.sync_timeout", d.sync_timeout_ms);
    read(v, "quorum.device.master_wins", d.master_wins);
    q.device = std::move(d);
  }
  return q;
}

LoggingConfig read_logging(const CmapView& v) {
  LoggingConfig l;
  read(v, "logging.to_stderr", l.to_stderr);
  read(v, "logging.to_logfile", l.to_logfile);
  read(v, "logging.to_syslog", l.to_syslog);
  read(v, "logging.logfile", l.logfile);
  read(v, "logging.debug", l.debug);
  read(v, "logging.timestamp", l.timestamp);
  read(v, "logging.fileline", l.fileline);
  read(v, "logging.function_name", l.function_name);
  read(v, "logging.syslog_facility", l.syslog_facility);
  read(v, "logging.syslog_priority", l.syslog_priority);
  read(v, "logging.logfile_priority", l.logfile_priority);
  read(v, "logging.blackbox", l.blackbox);
  const std::string prefix = "logging.logger_subsys.";
  for (const auto& [key, entry] : v.with_prefix(prefix)) {
    std::string_view tail = std::string_view(key).substr(prefix.size());
    size_t dot = tail.rfind('.');
    if (dot == std::string_view::npos) continue;
    LoggerSubsysConfig& s = l.subsystems[std::string(tail.substr(0, dot))];
    s.subsys = std::string(tail.substr(0, dot));
    if (s.line == 0 || entry.line < s.line) s.line = entry.line;
    s.keys[std::string(tail.substr(dot + 1))] = entry;
  }
  return l;
}

}  // namespace

CorosyncConfig build_config(const CmapView& view, std::string file) {
  CorosyncConfig c;
  c.file = std::move(file);
  c.totem = read_totem(view);
  c.nodes = read_nodes(view);
  c.quorum = read_quorum(view);
  c.logging = read_logging(view);
  read(view, "system.state_dir", c.state_dir);
  return c;
}

}  // namespace quorate::config
