#include "config/validate.h"

#include <arpa/inet.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "config/derived_timers.h"

namespace quorate::config {
namespace {

constexpr std::string_view kParseError = "parse error in config: ";

class Validator {
 public:
  Validator(const CorosyncConfig& c, const AddressResolver& resolve)
      : c_(c), resolve_(resolve), knet_(c.totem.transport_kind == Transport::kKnet) {}

  Diagnostics run() {
    check_transport();
    check_crypto_names();
    check_link_numbers();
    check_knet_transport();
    check_nodeids();
    check_addresses();
    links_ = c_.configured_links();
    if (links_.empty()) {
      semantic(0, "No interfaces defined");
    }
    for (int link : links_)
      check_interface(link);
    check_version();
    check_timers();
    check_multilink();
    check_duplicate_nodeids();
    check_link_mode();
    check_non_knet();
    check_key();
    return std::move(out_);
  }

 private:
  void raw(int line, std::string message, Origin origin = Origin::kSemantic) {
    out_.push_back(Diagnostic{Severity::kError, origin, c_.file, line, std::move(message)});
  }
  void semantic(int line, std::string_view message) {
    raw(line, std::string(kParseError) + std::string(message));
  }

  void check_transport() {
    const auto& t = c_.totem.transport;
    if (t.is_set() && t.value != "knet" && t.value != "udpu" && t.value != "udp") {
      raw(t.line, "Invalid transport type. Should be udpu, udp or knet");
    }
  }

  void check_crypto_names() {
    const TotemConfig& t = c_.totem;
    if (t.crypto_cipher.value != "none" && t.crypto_hash.value == "none") {
      raw(std::max(t.crypto_cipher.line, t.crypto_hash.line),
          "crypto_cipher requires crypto_hash with value other than none");
    }
    if (t.link_mode.value.size() >= 64) raw(t.link_mode.line, "totem.link_mode is too long");
  }

  void check_link_numbers() {
    std::set<int> reported;
    auto report = [&](int link, int line) {
      if (link < kMaxLinks || !reported.insert(link).second) return;
      semantic(line, "interface ring number " + std::to_string(link) +
                         " is bigger than allowed maximum 7");
    };
    for (const auto& [link, iface] : c_.totem.interfaces)
      report(link, iface.line);
    for (const NodeConfig& n : c_.nodes) {
      for (const auto& [ring, addr] : n.rings)
        report(ring, addr.line);
    }
  }

  void check_knet_transport() {
    for (const auto& [link, iface] : c_.totem.interfaces) {
      const auto& kt = iface.knet_transport;
      if (kt.is_set() && kt.value != "udp" && kt.value != "sctp") {
        raw(kt.line, "Unrecognised knet_transport. expected 'udp' or 'sctp'");
      }
    }
  }

  static const RingAddr* first_ring(const NodeConfig& n) {
    return n.rings.empty() ? nullptr : &n.rings.begin()->second;
  }

  void check_nodeids() {
    for (const NodeConfig& n : c_.nodes) {
      const RingAddr* addr = first_ring(n);
      if (addr == nullptr) continue;
      if (knet_ && n.nodeid.value == 0) {
        raw(addr->line,
            "Knet requires an explicit nodeid to be specified for address '" + addr->addr + "'.");
      } else if (knet_ && n.nodeid.value > kMaxNodeId) {
        raw(n.nodeid.line,
            "Knet requires nodeid to be less than 65536 for address '" + addr->addr + "'.");
      } else if (!knet_ && n.nodeid.value == 0 && n.ring(0) != nullptr &&
                 resolve_(n.ring(0)->addr, IpVersion::kIpv4) == AddrFamily::kUnresolvable) {
        raw(n.ring(0)->line, "An IPV6 network requires that a node ID be specified for address '" +
                                 n.ring(0)->addr + "'.");
      }
    }
  }

  void check_addresses() {
    for (const NodeConfig& n : c_.nodes) {
      for (const auto& [ring, addr] : n.rings) {
        if (ring >= kMaxLinks) continue;
        AddrFamily f = resolve_(addr.addr, c_.totem.ip_version.value);
        families_[ring].push_back({f, &addr});
        if (f == AddrFamily::kUnresolvable) {
          bool literal = literal_family(addr.addr, IpVersion::kIpv4_6) != AddrFamily::kUnknown;
          raw(addr.line, "failed to parse node address '" + addr.addr + "'",
              literal ? Origin::kSemantic : Origin::kHost);
        }
      }
    }
  }

  void check_interface(int link) {
    if (link >= kMaxLinks) return;
    InterfaceConfig defaults;
    auto it = c_.totem.interfaces.find(link);
    const InterfaceConfig& iface = it != c_.totem.interfaces.end() ? it->second : defaults;
    // udp: the multicast address is explicit, broadcast, or generated from cluster_name.
    if (c_.totem.transport_kind == Transport::kUdp && !iface.mcastaddr.is_set() &&
        iface.broadcast.value != "yes" && !c_.totem.cluster_name.is_set()) {
      semantic(line_of_link(link),
               "No multicast address specified for interface " + std::to_string(link));
    }
    check_interface_keys(link, iface);
    check_families(link);
  }

  void check_interface_keys(int link, const InterfaceConfig& iface) {
    std::string suffix = " for interface " + std::to_string(link);
    Transport tk = c_.totem.transport_kind;
    if (iface.mcastaddr.is_set() &&
        resolve_(iface.mcastaddr.value, c_.totem.ip_version.value) == AddrFamily::kUnresolvable) {
      raw(iface.mcastaddr.line, "failed to parse mcast address '" + iface.mcastaddr.value + "'");
    }
    if (tk != Transport::kUdp && iface.ttl.is_set() && iface.ttl.value != 1) {
      semantic(iface.ttl.line, "Can only set ttl on multicast transport types" + suffix);
    }
    if (tk != Transport::kKnet && iface.knet_link_priority.is_set() &&
        iface.knet_link_priority.value != 1) {
      semantic(iface.knet_link_priority.line,
               "Can only set link priority on knet transport type" + suffix);
    }
  }

  void check_families(int link) {
    auto it = families_.find(link);
    if (it == families_.end()) return;
    const auto& members = it->second;
    const Member* first = nullptr;
    for (const Member& m : members) {
      if (m.family != AddrFamily::kIpv4 && m.family != AddrFamily::kIpv6) continue;
      if (first == nullptr) {
        first = &m;
      } else if (m.family != first->family) {
        semantic(m.addr->line, "Nodes for link " + std::to_string(link) +
                                   " have different IP families (compared " + m.addr->addr +
                                   " with " + first->addr->addr + ")");
        return;
      }
    }
  }

  void check_version() {
    if (c_.totem.version.value != 2) {
      semantic(c_.totem.version.line, "This totem parser can only parse version 2 configurations.");
    }
  }

  void below_minimum(const Setting<uint32_t>& s, uint32_t value, std::string_view what) {
    if (value >= kMinimumTimeoutMs) return;
    semantic(s.line, "The " + std::string(what) + " parameter (" + std::to_string(value) +
                         " ms) may not be less than (30 ms).");
  }

  void check_timers() {
    const TotemTimers& t = c_.totem.timers;
    DerivedTimers d = derive_timers(c_);
    below_minimum(t.max_network_delay_ms, t.max_network_delay_ms.value, "max_network_delay");
    below_minimum(t.token_ms, d.token_ms.value, "token timeout");
    if (t.token_warning_percent.value > 100) {
      semantic(t.token_warning_percent.line, "The token warning parameter (" +
                                                 std::to_string(t.token_warning_percent.value) +
                                                 "%) must be between 0 (disabled) and 100.");
    }
    // Values derived from a token already reported as too small are not reported again.
    bool token_ok = d.token_ms.value >= kMinimumTimeoutMs;
    if (token_ok || t.token_retransmit_ms.is_set()) check_retransmit_and_hold(t, d);
    below_minimum(t.join_ms, t.join_ms.value, "join timeout");
    if (token_ok || t.consensus_ms.is_set()) check_consensus(t, d);
    below_minimum(t.merge_ms, t.merge_ms.value, "merge timeout");
    below_minimum(t.downcheck_ms, t.downcheck_ms.value, "downcheck timeout");
  }

  void check_consensus(const TotemTimers& t, const DerivedTimers& d) {
    if (d.consensus_ms.value < kMinimumTimeoutMs) {
      below_minimum(t.consensus_ms, d.consensus_ms.value, "consensus timeout");
    } else if (d.consensus_ms.value < t.join_ms.value) {
      semantic(std::max(t.consensus_ms.line, t.join_ms.line),
               "The consensus timeout parameter (" + std::to_string(d.consensus_ms.value) +
                   " ms) may not be less than join timeout (" + std::to_string(t.join_ms.value) +
                   " ms).");
    }
  }

  void check_retransmit_and_hold(const TotemTimers& t, const DerivedTimers& d) {
    if (d.token_retransmit_ms.value < kMinimumTimeoutMs) {
      if (t.token_retransmit_ms.is_set()) {
        below_minimum(t.token_retransmit_ms, d.token_retransmit_ms.value,
                      "token retransmit timeout");
      } else {
        semantic(std::max(t.token_ms.line, t.token_retransmits_before_loss_const.line),
                 "Not appropriate token or token_retransmits_before_loss_const value set");
      }
    }
    // A negative (int) hold wraps to a huge u32 in corosync and passes this check.
    if (d.hold_ms.value < kMinimumHoldTimeoutMs) {
      semantic(t.hold_ms.line, "The token hold timeout parameter (" +
                                   std::to_string(d.hold_ms.value) +
                                   " ms) may not be less than (14 ms).");
    }
  }

  // Counted like corosync: members per configured link; names checked by node position.
  void check_multilink() {
    std::vector<int> valid;
    for (int l : links_) {
      if (l < kMaxLinks) valid.push_back(l);
    }
    if (valid.size() < 2) return;
    std::map<int, int> members;
    for (const NodeConfig& n : c_.nodes) {
      for (const auto& [ring, addr] : n.rings)
        members[ring] += 1;
    }
    int first = members[valid.front()];
    for (int i = 0; i < first && i < static_cast<int>(c_.nodes.size()); ++i) {
      if (!c_.nodes[i].name.is_set()) {
        semantic(c_.nodes[i].line,
                 "for a multi-link configuration, all nodes must have a 'name' attribute");
        return;
      }
    }
    if (first > static_cast<int>(c_.nodes.size())) first = static_cast<int>(c_.nodes.size());
    for (int l : valid) {
      if (members[l] != first) {
        int line = line_of_link(l);
        semantic(line, "Not all nodes have the same number of links");
        return;
      }
    }
  }

  int line_of_link(int link) const {
    auto it = c_.totem.interfaces.find(link);
    if (it != c_.totem.interfaces.end()) return it->second.line;
    for (const NodeConfig& n : c_.nodes) {
      if (const RingAddr* a = n.ring(link)) return a->line;
    }
    return 0;
  }

  void check_duplicate_nodeids() {
    std::map<uint32_t, const NodeConfig*> seen;
    for (const NodeConfig& n : c_.nodes) {
      uint32_t id = n.nodeid.value;
      if (id == 0 && !knet_ && n.ring(0) != nullptr) id = autogenerated_id(n.ring(0)->addr);
      if (id == 0) continue;
      if (!seen.emplace(id, &n).second) {
        raw(n.nodeid.line != 0 ? n.nodeid.line : n.line,
            "Nodeid " + std::to_string(id) + " appears twice in corosync.conf");
      }
    }
  }

  // udp/udpu without nodeid: the IPv4 ring0 address as a big-endian number.
  static uint32_t autogenerated_id(const std::string& addr) {
    in_addr a{};
    if (inet_pton(AF_INET, addr.c_str(), &a) != 1) return 0;
    return ntohl(a.s_addr);
  }

  void check_link_mode() {
    const auto& m = c_.totem.link_mode;
    if (m.value != "active" && m.value != "rr" && m.value != "passive") {
      semantic(m.line, "The Knet link mode \"" + m.value +
                           "\" specified is invalid.  It must be active, passive or rr.");
    }
  }

  void check_non_knet() {
    if (knet_) return;
    int configured = 0;
    for (int l : links_)
      configured += l < kMaxLinks ? 1 : 0;
    if (configured > 1) {
      semantic(line_of_link(links_[1]), std::to_string(configured) +
                                            " is too many configured interfaces for non-Knet "
                                            "transport.");
    }
    if (c_.totem.crypto_enabled()) {
      semantic(std::max(c_.totem.crypto_cipher.line, c_.totem.crypto_hash.line),
               "crypto_cipher & crypto_hash are only valid for the Knet transport.");
    }
  }

  // Inline keys: corosync counts the terminating NUL, so 127 characters are enough.
  void check_key() {
    const TotemConfig& t = c_.totem;
    if (!t.crypto_enabled() || t.keyfile.is_set() || !t.key.is_set()) return;
    size_t len = t.key.value.size() + 1;
    if (len > 4096) raw(t.key.line, "key is too long");
    if (len < 128) raw(t.key.line, "key is too short");
  }

  struct Member {
    AddrFamily family;
    const RingAddr* addr;
  };

  const CorosyncConfig& c_;
  const AddressResolver& resolve_;
  bool knet_;
  std::vector<int> links_;
  std::map<int, std::vector<Member>> families_;
  Diagnostics out_;
};

}  // namespace

AddrFamily literal_family(std::string_view addr, IpVersion version) {
  std::string s(addr);
  unsigned char buf[sizeof(in6_addr)];
  AddrFamily f = AddrFamily::kUnknown;
  if (inet_pton(AF_INET, s.c_str(), buf) == 1) f = AddrFamily::kIpv4;
  if (inet_pton(AF_INET6, s.c_str(), buf) == 1) f = AddrFamily::kIpv6;
  if (f == AddrFamily::kIpv4 && version == IpVersion::kIpv6) return AddrFamily::kUnresolvable;
  if (f == AddrFamily::kIpv6 && version == IpVersion::kIpv4) return AddrFamily::kUnresolvable;
  return f;
}

Diagnostics validate(const CorosyncConfig& config, const AddressResolver& resolve) {
  Diagnostics out = validate_logging(config);
  Diagnostics totem = Validator(config, resolve).run();
  out.insert(out.end(), totem.begin(), totem.end());
  return out;
}

}  // namespace quorate::config
