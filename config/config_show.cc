#include "config/config_show.h"

#include <sstream>

#include "config/derived_timers.h"
#include "config/quorum_checks.h"

namespace quorate::config {
namespace {

class Printer {
 public:
  void section(const std::string& name) {
    out_ << (first_ ? "" : "\n") << "== " << name << " ==\n";
    first_ = false;
  }

  template <typename T>
  void value(const std::string& key, const Setting<T>& s, const std::string& how = "") {
    std::ostringstream v;
    v << s.value;
    line(key, v.str(), origin(s.origin, s.line, how));
  }

  void line(const std::string& key, const std::string& value, const std::string& note) {
    std::string text = key + ": " + value;
    if (text.size() < 32) text.resize(32, ' ');
    out_ << text << " # " << note << "\n";
  }

  std::string str() const { return out_.str(); }

 private:
  static std::string origin(ValueSource src, int line, const std::string& how) {
    switch (src) {
      case ValueSource::kSet:
        return "set (line " + std::to_string(line) + ")";
      case ValueSource::kDefault:
        return "default";
      case ValueSource::kDerived:
        return how.empty() ? "derived" : "derived: " + how;
    }
    return "?";
  }

  std::ostringstream out_;
  bool first_ = true;
};

Setting<std::string> as_text(const Setting<IpVersion>& s) {
  return {to_string(s.value), s.origin, s.line};
}

void show_identity(Printer& p, const CorosyncConfig& c) {
  const TotemConfig& t = c.totem;
  p.section("totem");
  p.value("version", t.version);
  p.value("cluster_name", t.cluster_name);
  p.value("config_version", t.config_version);
  p.value("transport", t.transport);
  p.value("ip_version", as_text(t.ip_version));
  p.value("link_mode", t.link_mode);
  p.value("secauth", t.secauth);
  p.value("crypto_model", t.crypto_model);
  p.value("crypto_cipher", t.crypto_cipher, "secauth: on");
  p.value("crypto_hash", t.crypto_hash, "secauth: on");
  if (t.crypto_enabled()) p.value("keyfile", t.keyfile);
  p.value("netmtu", t.netmtu.is_set()
                        ? t.netmtu
                        : Setting<uint32_t>{t.transport_kind == Transport::kKnet ? 65536u : 1500u});
  p.value("knet_mtu", t.knet_mtu);
  p.value("knet_pmtud_interval", t.knet_pmtud_interval_s);
  p.value("knet_compression_model", t.knet_compression_model);
}

void show_timers(Printer& p, const CorosyncConfig& c, const DerivedTimers& d) {
  const TotemTimers& t = c.totem.timers;
  std::string n = std::to_string(d.ring0_members);
  std::string rt = std::to_string(d.token_ms.value);
  p.value("token", d.token_ms,
          "token " + std::to_string(t.token_ms.value) + " + (" + n +
              " nodes - 2) * token_coefficient " + std::to_string(t.token_coefficient_ms.value));
  p.value("token_coefficient", t.token_coefficient_ms);
  p.value("token_retransmits_before_loss_const", t.token_retransmits_before_loss_const);
  p.value("token_retransmit", d.token_retransmit_ms,
          "(int)(token " + rt + " / (" +
              std::to_string(t.token_retransmits_before_loss_const.value) + " + 0.2))");
  p.value("hold", d.hold_ms,
          "(int)(token_retransmit " + std::to_string(d.token_retransmit_ms.value) + " * 0.8 - 10)");
  p.value("consensus", d.consensus_ms, "(int)(float)(1.2 * token " + rt + ")");
  p.value("token_warning", t.token_warning_percent);
  p.value("token_warning_interval_ms", d.token_warning_ms,
          std::to_string(t.token_warning_percent.value) + "% of token " + rt);
  p.value("join", t.join_ms);
  p.value("send_join", t.send_join_ms);
  p.value("merge", t.merge_ms);
  p.value("downcheck", t.downcheck_ms);
  p.value("fail_recv_const", t.fail_recv_const);
  p.value("seqno_unchanged_const", t.seqno_unchanged_const);
  p.value("heartbeat_failures_allowed", t.heartbeat_failures_allowed);
  p.value("max_network_delay", t.max_network_delay_ms);
  p.value("window_size", t.window_size);
  p.value("max_messages", t.max_messages);
  p.value("miss_count_const", t.miss_count_const);
  p.value("block_unlisted_ips", t.block_unlisted_ips);
}

void show_links(Printer& p, const DerivedTimers& d) {
  for (const auto& [link, l] : d.links) {
    std::string rt = std::to_string(d.token_ms.value);
    std::string pong = std::to_string(l.pong_count.value);
    p.section("totem.interface." + std::to_string(link) + " (knet link " + std::to_string(link) +
              ")");
    p.value("linknumber", Setting<int>{link, ValueSource::kDefault, 0});
    p.value("knet_ping_interval", l.ping_interval_ms,
            "token " + rt + " / (2 * knet_pong_count " + pong + ")");
    p.value("knet_ping_timeout", l.ping_timeout_ms, "token " + rt + " / knet_pong_count " + pong);
    p.value("knet_pong_count", l.pong_count);
    p.value("knet_ping_precision", l.ping_precision);
    p.value("knet_link_priority", l.priority);
    p.value("knet_transport", l.knet_transport);
    p.value("mcastport", l.port);
  }
}

void show_nodes(Printer& p, const CorosyncConfig& c) {
  for (const NodeConfig& n : c.nodes) {
    p.section("nodelist.node." + std::to_string(n.index));
    p.value("nodeid", n.nodeid);
    p.value("name", n.name);
    for (const auto& [ring, addr] : n.rings) {
      p.line("ring" + std::to_string(ring) + "_addr", addr.addr,
             "set (line " + std::to_string(addr.line) + ")");
    }
    p.value("quorum_votes", n.quorum_votes);
  }
}

void show_quorum(Printer& p, const CorosyncConfig& c) {
  const QuorumConfig& q = c.quorum;
  p.section("quorum");
  p.value("provider", q.provider);
  Setting<uint32_t> ev = q.expected_votes;
  if (!ev.is_set()) ev = {effective_expected_votes(c), ValueSource::kDerived, 0};
  p.value("expected_votes", ev, "sum of quorum_votes");
  if (q.two_node.value != 0 && ev.value == 2) {
    p.line("quorum", "1", "derived: two_node, while at most 2 nodes are members");
  } else {
    p.line("quorum", std::to_string(ev.value / 2 + 1), "derived: expected_votes / 2 + 1");
  }
  p.value("two_node", q.two_node);
  p.value("wait_for_all", q.wait_for_all, "two_node: 1");
  p.value("last_man_standing", q.last_man_standing);
  p.value("last_man_standing_window", q.last_man_standing_window_ms);
  p.value("auto_tie_breaker", q.auto_tie_breaker);
  p.value("auto_tie_breaker_node", q.auto_tie_breaker_node);
  p.value("allow_downscale", q.allow_downscale);
  p.value("expected_votes_tracking", q.expected_votes_tracking);
  if (!q.device) return;
  p.section("quorum.device");
  p.value("model", q.device->model);
  p.value("votes", q.device->votes);
  p.value("timeout", q.device->timeout_ms);
  p.value("sync_timeout", q.device->sync_timeout_ms);
  p.value("master_wins", q.device->master_wins);
}

void show_logging(Printer& p, const CorosyncConfig& c) {
  const LoggingConfig& l = c.logging;
  p.section("logging");
  p.value("to_stderr", l.to_stderr);
  p.value("to_logfile", l.to_logfile);
  p.value("to_syslog", l.to_syslog);
  p.value("logfile", l.logfile);
  p.value("debug", l.debug);
  p.value("timestamp", l.timestamp);
  for (const auto& [name, s] : l.subsystems) {
    p.section("logging.logger_subsys." + name);
    for (const auto& [key, e] : s.keys)
      p.line(key, e.value, "set (line " + std::to_string(e.line) + ")");
  }
}

}  // namespace

std::string render_show(const CorosyncConfig& c) {
  Printer p;
  DerivedTimers d = derive_timers(c);
  show_identity(p, c);
  show_timers(p, c, d);
  show_links(p, d);
  show_nodes(p, c);
  show_quorum(p, c);
  show_logging(p, c);
  return p.str();
}

}  // namespace quorate::config
