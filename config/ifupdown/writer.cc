#include "config/ifupdown/writer.h"

#include <optional>
#include <string_view>
#include <vector>

namespace quorate::ifupdown {

namespace {

class Writer {
 public:
  std::string run(const HostNetwork& net) {
    for (const Interface& i : net.interfaces)
      interface(i);
    for (const SourceDirective& d : net.sources) {
      out_ += std::string(d.directory ? "source-directory " : "source ") + d.pattern + "\n";
    }
    return std::move(out_);
  }

 private:
  void opt(std::string_view key, std::string_view value) {
    out_ += "\t";
    out_ += key;
    out_ += " ";
    out_ += value;
    out_ += "\n";
  }
  void opt_int(std::string_view key, const std::optional<int>& v) {
    if (v) opt(key, std::to_string(*v));
  }
  template <typename E>
  void opt_enum(std::string_view key, const std::optional<E>& v) {
    if (v) opt(key, name(*v));
  }
  void opt_list(std::string_view key, const std::vector<std::string>& names) {
    std::string v;
    for (const std::string& n : names)
      v += (v.empty() ? "" : " ") + n;
    opt(key, names.empty() ? "none" : v);
  }

  void interface(const Interface& i) {
    if (i.auto_start) out_ += "auto " + i.name + "\n";
    for (const std::string& c : i.allow_classes)
      out_ += "allow-" + c + " " + i.name + "\n";
    for (size_t k = 0; k < i.stanzas.size(); ++k) {
      stanza_head(i, i.stanzas[k]);
      if (k == 0) interface_options(i);
      for (const ExtraOption& e : i.stanzas[k].extra)
        opt(e.key, e.value);
    }
    out_ += "\n";
  }

  void stanza_head(const Interface& i, const Stanza& s) {
    out_ += "iface " + i.name;
    if (s.family != Family::kNone) {
      out_ += " " + std::string(name(s.family)) + " " + std::string(name(s.method));
    }
    out_ += "\n";
    for (const IpPrefix& p : s.addresses)
      opt("address", p.to_string());
    for (const IpAddress& g : s.gateways)
      opt("gateway", g.to_string());
  }

  void interface_options(const Interface& i) {
    opt_int("mtu", i.mtu);
    if (i.hwaddress) opt("hwaddress", i.hwaddress->to_string());
    if (i.bond) bond(*i.bond);
    if (i.bridge) bridge(*i.bridge);
    if (i.vlan) vlan(i.name, *i.vlan);
  }

  void bond(const BondOptions& o) {
    opt_list("bond-slaves", o.members);
    opt_enum("bond-mode", o.mode);
    opt_int("bond-miimon", o.miimon_ms);
    opt_int("bond-updelay", o.updelay_ms);
    opt_int("bond-downdelay", o.downdelay_ms);
    opt_enum("bond-lacp-rate", o.lacp_rate);
    opt_enum("bond-xmit-hash-policy", o.xmit_hash_policy);
    if (o.primary) opt("bond-primary", *o.primary);
    opt_enum("bond-primary-reselect", o.primary_reselect);
    opt_int("bond-arp-interval", o.arp_interval_ms);
    if (!o.arp_ip_targets.empty()) {
      std::string v;
      for (const IpAddress& a : o.arp_ip_targets)
        v += (v.empty() ? "" : " ") + a.to_string();
      opt("bond-arp-ip-target", v);
    }
    opt_int("bond-min-links", o.min_links);
    opt_enum("bond-ad-select", o.ad_select);
  }

  void bridge(const BridgeOptions& o) {
    opt_list("bridge-ports", o.ports);
    if (o.stp) opt("bridge-stp", *o.stp ? "on" : "off");
    opt_int("bridge-fd", o.forward_delay_s);
    if (o.vlan_aware) opt("bridge-vlan-aware", *o.vlan_aware ? "yes" : "no");
    if (o.vids.empty()) return;
    std::string v;
    for (const VidRange& r : o.vids) {
      v += (v.empty() ? "" : " ") + std::to_string(r.first);
      if (r.last != r.first) v += "-" + std::to_string(r.last);
    }
    opt("bridge-vids", v);
  }

  void vlan(const std::string& iface_name, const VlanOptions& v) {
    const std::optional<VlanOptions> implied = vlan_from_name(iface_name);
    if (!implied || implied->raw_device != v.raw_device) opt("vlan-raw-device", v.raw_device);
    if (!implied || implied->id != v.id) opt("vlan-id", std::to_string(v.id));
  }

  std::string out_;
};

}  // namespace

std::string write_interfaces(const HostNetwork& net) {
  return Writer().run(net);
}

}  // namespace quorate::ifupdown
