#include "config/ifupdown/option_apply.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <climits>
#include <string_view>

namespace quorate::ifupdown {

namespace {

// Options quorate keeps verbatim without a warning: hooks and options it knows but does not
// model (ifupdown, ifupdown2 addons, resolvconf).
constexpr std::array<std::string_view, 58> kKnownKept = {"pre-up",
                                                         "up",
                                                         "post-up",
                                                         "pre-down",
                                                         "down",
                                                         "post-down",
                                                         "dns-nameservers",
                                                         "dns-search",
                                                         "dns-domain",
                                                         "metric",
                                                         "scope",
                                                         "broadcast",
                                                         "pointopoint",
                                                         "hostname",
                                                         "accept-ra",
                                                         "autoconf",
                                                         "privext",
                                                         "dad-attempts",
                                                         "dad-interval",
                                                         "alias",
                                                         "link-speed",
                                                         "link-duplex",
                                                         "link-autoneg",
                                                         "vrf",
                                                         "vrf-table",
                                                         "address-virtual",
                                                         "ip-forward",
                                                         "ip6-forward",
                                                         "bond-use-carrier",
                                                         "bond-num-grat-arp",
                                                         "bond-num-unsol-na",
                                                         "bond-ad-actor-sys-prio",
                                                         "bond-ad-sys-priority",
                                                         "bond-ad-actor-system",
                                                         "bond-ad-sys-mac-addr",
                                                         "bond-lacp-bypass-allow",
                                                         "bond-arp-validate",
                                                         "bond-arp-all-targets",
                                                         "bond-fail-over-mac",
                                                         "bond-lp-interval",
                                                         "bond-packets-per-slave",
                                                         "bond-tlb-dynamic-lb",
                                                         "bond-all-slaves-active",
                                                         "bond-arp-missed-max",
                                                         "bond-peer-notif-delay",
                                                         "bond-resend-igmp",
                                                         "bridge-pvid",
                                                         "bridge-maxwait",
                                                         "bridge-waitport",
                                                         "bridge-mcsnoop",
                                                         "bridge-hw",
                                                         "bridge-ageing",
                                                         "bridge-maxage",
                                                         "bridge-hello",
                                                         "bridge-bridgeprio",
                                                         "bridge-access",
                                                         "bridge-learning",
                                                         "vlan-protocol"};

// Bond options with a typed field in BondOptions (bond-arp-ip-target accumulates instead).
constexpr std::array<std::string_view, 13> kTypedBond = {
    "bond-slaves",       "bond-ports",
    "bond-mode",         "bond-miimon",
    "bond-updelay",      "bond-downdelay",
    "bond-lacp-rate",    "bond-xmit-hash-policy",
    "bond-primary",      "bond-primary-reselect",
    "bond-arp-interval", "bond-min-links",
    "bond-ad-select"};

constexpr long long kIntMax = INT_MAX;

std::vector<std::string_view> split_list(std::string_view s, bool commas) {
  std::vector<std::string_view> out;
  const std::string_view seps = commas ? std::string_view(" \t,") : std::string_view(" \t");
  size_t i = 0;
  while ((i = s.find_first_not_of(seps, i)) != std::string_view::npos) {
    const size_t end = s.find_first_of(seps, i);
    out.push_back(s.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
    if (end == std::string_view::npos) break;
    i = end;
  }
  return out;
}

std::optional<long long> parse_uint(std::string_view s) {
  long long v = 0;
  if (s.empty() || s[0] < '0' || s[0] > '9') return std::nullopt;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc::result_out_of_range) return LLONG_MAX;
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<bool> parse_bool(std::string_view s) {
  if (s == "yes" || s == "on" || s == "1" || s == "true") return true;
  if (s == "no" || s == "off" || s == "0" || s == "false") return false;
  return std::nullopt;
}

std::string q(std::string_view s) {
  return "'" + std::string(s) + "'";
}

class Applier {
 public:
  Applier(InterfaceBuilder& b, StanzaContext& ctx, const OptionLine& opt, Diagnostics& diags)
      : b_(b), ctx_(ctx), opt_(opt), diags_(diags), who_(b.iface.name + ": ") {}

  void run() {
    const std::string& k = opt_.key;
    if (k == "address" || k == "netmask" || k == "gateway") return addressing();
    if (k == "mtu" || k == "hwaddress") return link();
    if (k.starts_with("bond-") && k != "bond-master") return bond();
    if (k == "bridge-ports" || k == "bridge-stp" || k == "bridge-fd" || k == "bridge-vlan-aware" ||
        k == "bridge-vids") {
      return bridge();
    }
    if (k == "vlan-raw-device" || k == "vlan-id") return vlan();
    keep();
  }

 private:
  Stanza& stanza() { return b_.iface.stanzas[ctx_.stanza]; }
  void error(const std::string& m) { diags_.error(opt_.loc, who_ + m); }

  // True when this single-valued option is the first of its key (and records it).
  bool first_of_key() {
    const std::string key = canonical_key(opt_.key);
    const auto it = b_.first_values.find(key);
    if (it == b_.first_values.end()) {
      b_.first_values.emplace(key, std::make_pair(opt_.value, opt_.loc));
      b_.iface.locs.by_key[key] = opt_.loc;
      return true;
    }
    if (it->second.first != opt_.value) {
      const SourceLoc& first = it->second.second;
      diags_.warning(opt_.loc, who_ + opt_.key + " given again (first at " + first.file + ":" +
                                   std::to_string(first.line) + " as " + q(it->second.first) +
                                   "); ifupdown2 uses the first value, so " + q(opt_.value) +
                                   " is ignored");
    }
    return false;
  }

  std::optional<int> number(long long min, long long max, std::string_view unit) {
    const std::string range = std::to_string(min) + "-" + std::to_string(max) +
                              (unit.empty() ? "" : " (" + std::string(unit) + ")");
    const std::optional<long long> v = parse_uint(opt_.value);
    if (!v) {
      error(opt_.key + " " + q(opt_.value) + " is not a number; expected " + range);
      return std::nullopt;
    }
    if (*v < min || *v > max) {
      error(opt_.key + " " + opt_.value + " is out of range; expected " + range);
      return std::nullopt;
    }
    return static_cast<int>(*v);
  }

  template <typename E>
  std::optional<E> choice(std::optional<E> (*parse)(std::string_view), std::string_view all) {
    const std::optional<E> v = parse(opt_.value);
    if (!v) error("unknown " + opt_.key + " " + q(opt_.value) + "; expected " + std::string(all));
    return v;
  }

  bool require_kind(IfaceKind kind, std::string_view how) {
    if (b_.iface.kind == kind) return true;
    const bool other_list =
        opt_.key == "bridge-ports" || opt_.key == "bond-slaves" || opt_.key == "bond-ports";
    if (other_list && (b_.iface.kind == IfaceKind::kBond || b_.iface.kind == IfaceKind::kBridge)) {
      return false;  // "has both bond-slaves and bridge-ports" was reported by the resolver
    }
    error(opt_.key + " needs a " + std::string(name(kind)) + ", but " + b_.iface.name + " is a " +
          std::string(name(b_.iface.kind)) + " (" + std::string(how) + ")");
    return false;
  }

  void addressing();
  void address();
  void netmask();
  void link();
  void bond();
  bool bond_enum(const std::string& k, BondOptions& o);
  void bond_number(const std::string& k, BondOptions& o);
  void bond_members(BondOptions& o);
  void arp_targets(BondOptions& o);
  void bridge();
  void vids(BridgeOptions& o);
  std::optional<std::vector<std::string>> name_list(std::string_view what);
  void vlan();
  void keep();

  InterfaceBuilder& b_;
  StanzaContext& ctx_;
  const OptionLine& opt_;
  Diagnostics& diags_;
  std::string who_;
};

void Applier::addressing() {
  b_.iface.locs.by_key.emplace(opt_.key, opt_.loc);  // the first one of each key
  if (opt_.key == "address") return address();
  if (opt_.key == "netmask") return netmask();
  const std::optional<IpAddress> gw = parse_ip(opt_.value);
  if (!gw) {
    error("gateway " + q(opt_.value) + " is not an IPv4 or IPv6 address");
    return;
  }
  stanza().gateways.push_back(*gw);
}

void Applier::address() {
  const std::string_view v = opt_.value;
  const size_t slash = v.find('/');
  const std::optional<IpAddress> a = parse_ip(v.substr(0, slash));
  if (!a) {
    error("address " + q(v) +
          " is not an IPv4 or IPv6 address; expected ADDRESS[/PREFIX], e.g. 192.0.2.10/24 or "
          "2001:db8::10/64");
    return;
  }
  PendingAddress p{*a, std::nullopt, opt_.loc};
  if (slash != std::string_view::npos) {
    const std::optional<long long> len = parse_uint(v.substr(slash + 1));
    if (!len || *len > a->max_prefix()) {
      error("prefix length of address " + q(v) + " is not valid; expected 0-" +
            std::to_string(a->max_prefix()) +
            (a->family == IpFamily::kV4 ? " for IPv4" : " for IPv6"));
      return;
    }
    p.prefix_len = static_cast<int>(*len);
  }
  ctx_.pending.push_back(p);
}

void Applier::netmask() {
  if (ctx_.pending.empty()) {
    error("netmask " + q(opt_.value) +
          " comes before any address in this stanza (ifupdown2 ignores it); put it after the "
          "'address' line or write address/PREFIX");
    return;
  }
  PendingAddress& last = ctx_.pending.back();
  std::optional<int> len;
  if (last.address.family == IpFamily::kV4) {
    len = parse_ipv4_netmask(opt_.value);
  } else if (const auto n = parse_uint(opt_.value); n && *n <= 128) {
    len = static_cast<int>(*n);
  }
  if (!len) {
    error("netmask " + q(opt_.value) + " is not a contiguous mask or prefix length; expected " +
          "e.g. 255.255.255.0 or 24");
    return;
  }
  if (last.prefix_len) {
    diags_.warning(opt_.loc, who_ + "netmask " + opt_.value + " is ignored: address " +
                                 last.address.to_string() + " already has /" +
                                 std::to_string(*last.prefix_len));
    return;
  }
  last.prefix_len = len;
}

void Applier::link() {
  if (!first_of_key()) return;
  if (opt_.key == "mtu") {
    b_.iface.mtu = number(68, 65535, "bytes");
    return;
  }
  b_.iface.hwaddress = parse_mac(opt_.value);
  if (!b_.iface.hwaddress) {
    error("hwaddress " + q(opt_.value) + " is not a MAC address; expected e.g. " +
          "'hwaddress aa:bb:cc:dd:ee:ff' (optionally 'ether' first)");
  }
}

void Applier::bond() {
  if (!require_kind(IfaceKind::kBond, "bond options need bond-slaves or bond-ports")) return;
  BondOptions& o = *b_.iface.bond;
  const std::string& k = opt_.key;
  if (k == "bond-arp-ip-target") return arp_targets(o);
  if (std::find(kTypedBond.begin(), kTypedBond.end(), k) == kTypedBond.end()) return keep();
  if (!first_of_key()) return;
  if (k == "bond-slaves" || k == "bond-ports") return bond_members(o);
  if (k == "bond-primary") {
    if (const std::string problem = check_iface_name(opt_.value); !problem.empty()) {
      return error("bond-primary: " + problem);
    }
    o.primary = opt_.value;
    return;
  }
  if (!bond_enum(k, o)) bond_number(k, o);
}

// Applies an enumerated bond option; false when `k` is not one.
bool Applier::bond_enum(const std::string& k, BondOptions& o) {
  if (k == "bond-mode") {
    o.mode = choice(parse_bond_mode, bond_mode_choices());
  } else if (k == "bond-lacp-rate") {
    o.lacp_rate = choice(parse_lacp_rate, lacp_rate_choices());
  } else if (k == "bond-xmit-hash-policy") {
    o.xmit_hash_policy = choice(parse_xmit_hash_policy, xmit_hash_policy_choices());
  } else if (k == "bond-primary-reselect") {
    o.primary_reselect = choice(parse_primary_reselect, primary_reselect_choices());
  } else if (k == "bond-ad-select") {
    o.ad_select = choice(parse_ad_select, ad_select_choices());
  } else {
    return false;
  }
  return true;
}

// Applies a numeric bond option (kernel range 0..INT_MAX).
void Applier::bond_number(const std::string& k, BondOptions& o) {
  std::optional<int>* field = &o.min_links;
  if (k == "bond-miimon") field = &o.miimon_ms;
  if (k == "bond-updelay") field = &o.updelay_ms;
  if (k == "bond-downdelay") field = &o.downdelay_ms;
  if (k == "bond-arp-interval") field = &o.arp_interval_ms;
  *field = number(0, kIntMax, k == "bond-min-links" ? "" : "milliseconds");
}

void Applier::bond_members(BondOptions& o) {
  const std::optional<std::vector<std::string>> names = name_list("bond members");
  if (names) o.members = *names;
}

void Applier::arp_targets(BondOptions& o) {
  for (const std::string_view t : split_list(opt_.value, true)) {
    const std::optional<IpAddress> a = parse_ip(t);
    if (!a || a->family != IpFamily::kV4) {
      return error("bond-arp-ip-target " + q(t) + " is not an IPv4 address");
    }
    if (o.arp_ip_targets.size() == 16) {
      return error("more than 16 bond-arp-ip-target addresses; the driver accepts at most 16");
    }
    o.arp_ip_targets.push_back(*a);
  }
}

std::optional<std::vector<std::string>> Applier::name_list(std::string_view what) {
  const std::vector<std::string_view> words = split_list(opt_.value, false);
  if (words.size() == 1 && words[0] == "none") return std::vector<std::string>{};
  std::vector<std::string> out;
  for (const std::string_view w : words) {
    if (w == "none" || w == "glob" || w == "regex") {
      error(opt_.key + ": " + q(w) + " is not supported in a list of " + std::string(what) +
            "; expected interface names, or 'none' alone");
      return std::nullopt;
    }
    if (const std::string problem = check_iface_name(w); !problem.empty()) {
      error(opt_.key + ": " + problem);
      return std::nullopt;
    }
    out.emplace_back(w);
  }
  return out;
}

void Applier::bridge() {
  if (!require_kind(IfaceKind::kBridge, "bridge options need bridge-ports")) return;
  if (!first_of_key()) return;
  BridgeOptions& o = *b_.iface.bridge;
  const std::string& k = opt_.key;
  if (k == "bridge-ports") {
    if (auto names = name_list("bridge ports")) o.ports = std::move(*names);
  } else if (k == "bridge-fd") {
    o.forward_delay_s = number(0, 255, "seconds");
  } else if (k == "bridge-vids") {
    vids(o);
  } else {
    const std::optional<bool> v = parse_bool(opt_.value);
    if (!v)
      return error(k + " " + q(opt_.value) + " is not a yes/no value; expected on, off, " +
                   "yes or no");
    (k == "bridge-stp" ? o.stp : o.vlan_aware) = v;
  }
}

void Applier::vids(BridgeOptions& o) {
  std::vector<VidRange> out;
  for (const std::string_view t : split_list(opt_.value, true)) {
    const size_t dash = t.find('-');
    const std::optional<long long> a = parse_uint(t.substr(0, dash));
    const std::optional<long long> z =
        dash == std::string_view::npos ? a : parse_uint(t.substr(dash + 1));
    if (!a || !z || *a < 1 || *z > 4094 || *a > *z) {
      return error("bridge-vids " + q(t) + " is not a VLAN id or range; expected N or N-M " +
                   "with 1 <= N <= M <= 4094");
    }
    out.push_back(VidRange{static_cast<int>(*a), static_cast<int>(*z)});
  }
  o.vids = std::move(out);
}

void Applier::vlan() {
  if (!require_kind(IfaceKind::kVlan, "VLAN options need a VLAN interface")) return;
  if (!first_of_key()) return;
  if (opt_.key == "vlan-id") {
    if (const std::optional<int> id = number(1, 4094, "")) b_.iface.vlan->id = *id;
    return;
  }
  if (const std::string problem = check_iface_name(opt_.value); !problem.empty()) {
    return error("vlan-raw-device: " + problem);
  }
  b_.iface.vlan->raw_device = opt_.value;
}

void Applier::keep() {
  const bool known = std::find(kKnownKept.begin(), kKnownKept.end(), opt_.key) != kKnownKept.end();
  if (!known) {
    diags_.warning(opt_.loc, who_ + "unknown option " + q(opt_.key) + " kept as is");
  }
  stanza().extra.push_back(ExtraOption{opt_.key, opt_.value, opt_.loc});
}

}  // namespace

std::string canonical_key(const std::string& key) {
  return key == "bond-ports" ? std::string("bond-slaves") : key;
}

void apply_option(InterfaceBuilder& b, StanzaContext& ctx, const OptionLine& opt,
                  Diagnostics& diags) {
  Applier(b, ctx, opt, diags).run();
}

void finish_stanza(InterfaceBuilder& b, StanzaContext& ctx, Diagnostics& diags) {
  Stanza& s = b.iface.stanzas[ctx.stanza];
  for (const PendingAddress& p : ctx.pending) {
    IpPrefix prefix{p.address, p.prefix_len.value_or(p.address.max_prefix())};
    if (!p.prefix_len) {
      diags.warning(p.loc, b.iface.name + ": address " + p.address.to_string() +
                               " has no prefix length or netmask; /" +
                               std::to_string(prefix.prefix_len) + " assumed, as ifupdown2 does");
    }
    s.addresses.push_back(prefix);
  }
  ctx.pending.clear();
}

}  // namespace quorate::ifupdown
