#include "config/ifupdown/resolve.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "config/ifupdown/bond_checks.h"
#include "config/ifupdown/option_apply.h"
#include "config/ifupdown/topology_checks.h"

namespace quorate::ifupdown {

namespace {

// All stanzas of one interface name, in file order.
struct Group {
  std::string name;
  std::vector<const IfaceStanza*> stanzas;
};

std::vector<Group> group_stanzas(const SyntaxTree& tree) {
  std::vector<Group> groups;
  std::map<std::string, size_t, std::less<>> index;  // lookups only
  for (const SyntaxItem& item : tree.items) {
    const IfaceStanza* s = std::get_if<IfaceStanza>(&item);
    if (s == nullptr) continue;
    const auto [it, inserted] = index.emplace(s->name, groups.size());
    if (inserted) groups.push_back(Group{s->name, {}});
    groups[it->second].stanzas.push_back(s);
  }
  return groups;
}

bool same_stanza(const IfaceStanza& a, const IfaceStanza& b) {
  if (a.family != b.family || a.method != b.method) return false;
  return std::equal(a.options.begin(), a.options.end(), b.options.begin(), b.options.end(),
                    [](const OptionLine& x, const OptionLine& y) {
                      return x.key == y.key && x.value == y.value;
                    });
}

const OptionLine* first_option(const Group& g, std::string_view key) {
  for (const IfaceStanza* s : g.stanzas) {
    for (const OptionLine& o : s->options) {
      if (o.key == key) return &o;
    }
  }
  return nullptr;
}

const OptionLine* first_bond_members(const Group& g) {
  const OptionLine* slaves = first_option(g, "bond-slaves");
  const OptionLine* ports = first_option(g, "bond-ports");
  if (slaves == nullptr || ports == nullptr) return slaves != nullptr ? slaves : ports;
  return slaves->loc.line <= ports->loc.line ? slaves : ports;
}

bool is_loopback(const Group& g) {
  if (g.name == "lo") return true;
  return std::any_of(g.stanzas.begin(), g.stanzas.end(),
                     [](const IfaceStanza* s) { return s->method == Method::kLoopback; });
}

IfaceKind decide_kind(const Group& g, Diagnostics& diags) {
  const OptionLine* bond = first_bond_members(g);
  const OptionLine* bridge = first_option(g, "bridge-ports");
  if (bond != nullptr && bridge != nullptr) {
    const bool bond_first = bond->loc.line <= bridge->loc.line;
    diags.error((bond_first ? bridge : bond)->loc,
                g.name + " has both " + bond->key + " (line " + std::to_string(bond->loc.line) +
                    ") and bridge-ports (line " + std::to_string(bridge->loc.line) +
                    "); an interface is either a bond or a bridge, the first one counts");
    return bond_first ? IfaceKind::kBond : IfaceKind::kBridge;
  }
  if (bond != nullptr) return IfaceKind::kBond;
  if (bridge != nullptr) return IfaceKind::kBridge;
  if (is_loopback(g)) return IfaceKind::kLoopback;
  const std::optional<VlanOptions> from_name = vlan_from_name(g.name);
  const bool vlan_name = from_name && !from_name->raw_device.empty();
  if (vlan_name || first_option(g, "vlan-raw-device") || first_option(g, "vlan-id")) {
    return IfaceKind::kVlan;
  }
  return IfaceKind::kPhysical;
}

void init_kind(Interface& i) {
  if (i.kind == IfaceKind::kBond) i.bond.emplace();
  if (i.kind == IfaceKind::kBridge) i.bridge.emplace();
  if (i.kind == IfaceKind::kVlan) i.vlan = vlan_from_name(i.name).value_or(VlanOptions{"", 0});
}

// The index of the model stanza that `s` merges into (a new one for a new family).
size_t stanza_slot(Interface& i, const IfaceStanza& s, Diagnostics& diags) {
  for (size_t k = 0; k < i.stanzas.size(); ++k) {
    const Stanza& have = i.stanzas[k];
    if (have.family != s.family) continue;
    if (have.method != s.method) {
      diags.warning(s.loc, "iface " + s.name + " " + std::string(name(s.family)) + " " +
                               std::string(name(s.method)) + ": " + s.name + " is already '" +
                               std::string(name(have.family)) + " " +
                               std::string(name(have.method)) + "' (line " +
                               std::to_string(have.loc.line) +
                               "); ifupdown2 keeps the first method and merges the options");
    }
    return k;
  }
  i.stanzas.push_back(Stanza{s.family, s.method, s.loc, {}, {}, {}});
  return i.stanzas.size() - 1;
}

void finish_vlan(Interface& i, Diagnostics& diags) {
  if (!i.vlan) return;
  if (i.vlan->raw_device.empty()) {
    diags.error(i.loc, i.name +
                           ": VLAN without a raw device; add 'vlan-raw-device DEV' or "
                           "name it RAW.ID (e.g. bond0.50)");
  }
  if (i.vlan->id < 1 || i.vlan->id > 4094) {
    diags.error(i.locs.of("vlan-id", i.loc), i.name + ": VLAN id " + std::to_string(i.vlan->id) +
                                                 " is out of range; expected 1-4094");
  }
}

Interface build_interface(const Group& g, Diagnostics& diags) {
  InterfaceBuilder b;
  b.iface.name = g.name;
  b.iface.loc = g.stanzas.front()->loc;
  b.iface.kind = decide_kind(g, diags);
  init_kind(b.iface);
  for (size_t n = 0; n < g.stanzas.size(); ++n) {
    const IfaceStanza& s = *g.stanzas[n];
    if (n > 0 && same_stanza(s, *g.stanzas.front())) {
      diags.warning(s.loc, "duplicate interface " + g.name + " found (same as line " +
                               std::to_string(b.iface.loc.line) +
                               "); ifupdown2 ignores the repeated stanza");
      continue;
    }
    StanzaContext ctx{stanza_slot(b.iface, s, diags), {}};
    for (const OptionLine& o : s.options)
      apply_option(b, ctx, o, diags);
    finish_stanza(b, ctx, diags);
  }
  finish_vlan(b.iface, diags);
  return std::move(b.iface);
}

void mark_auto(HostNetwork& net, const AutoLine& a, const std::string& n, Diagnostics& diags) {
  if (n == "all" && a.allow_class.empty()) {
    for (Interface& i : net.interfaces)
      i.auto_start = true;
    return;
  }
  Interface* i = nullptr;
  for (Interface& candidate : net.interfaces) {
    if (candidate.name == n) i = &candidate;
  }
  const std::string kw = a.allow_class.empty() ? "auto" : "allow-" + a.allow_class;
  if (i == nullptr) {
    diags.warning(a.loc, kw + " " + n + ": there is no iface stanza for " + n + "; ignored");
    return;
  }
  if (a.allow_class.empty()) {
    i->auto_start = true;
  } else if (std::find(i->allow_classes.begin(), i->allow_classes.end(), a.allow_class) ==
             i->allow_classes.end()) {
    i->allow_classes.push_back(a.allow_class);
  }
}

}  // namespace

HostNetwork resolve_network(const SyntaxTree& tree, Diagnostics& diags) {
  HostNetwork net;
  for (const Group& g : group_stanzas(tree))
    net.interfaces.push_back(build_interface(g, diags));
  for (const SyntaxItem& item : tree.items) {
    if (const auto* a = std::get_if<AutoLine>(&item)) {
      for (const std::string& n : a->names)
        mark_auto(net, *a, n, diags);
    } else if (const auto* d = std::get_if<SourceDirective>(&item)) {
      net.sources.push_back(*d);
    }
  }
  check_topology(net, diags);
  check_bonds(net, diags);
  return net;
}

}  // namespace quorate::ifupdown
