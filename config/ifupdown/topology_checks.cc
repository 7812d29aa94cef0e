#include "config/ifupdown/topology_checks.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace quorate::ifupdown {

namespace {

std::string where(const SourceLoc& loc) {
  return loc.file + ":" + std::to_string(loc.line);
}

bool has_error_at(const Diagnostics& diags, const SourceLoc& loc) {
  return std::any_of(diags.items.begin(), diags.items.end(), [&](const Diagnostic& d) {
    return d.severity == Severity::kError && d.loc.file == loc.file && d.loc.line == loc.line;
  });
}

struct Master {
  const Interface* iface = nullptr;
  SourceLoc loc;
};

class TopologyChecker {
 public:
  TopologyChecker(const HostNetwork& net, Diagnostics& diags) : net_(net), diags_(diags) {}

  void run() {
    for (const Interface& i : net_.interfaces) {
      if (i.bond) lowers(i, i.bond->members, "bond-slaves");
      if (i.bridge) lowers(i, i.bridge->ports, "bridge-ports");
      if (i.vlan) raw_device(i);
    }
    cycles();
    enslaved_addresses();
    shared_addresses();
    gateways();
  }

 private:
  void lowers(const Interface& m, const std::vector<std::string>& names, const std::string& key);
  void lower(const Interface& m, const std::string& n, const std::string& key,
             const SourceLoc& loc);
  bool lower_kind_ok(const Interface& m, const Interface& l, const SourceLoc& loc);
  void raw_device(const Interface& v);
  void cycles();
  void report_cycle(const std::vector<size_t>& path, size_t from);
  void enslaved_addresses();
  void shared_addresses();
  void gateways();

  const HostNetwork& net_;
  Diagnostics& diags_;
  std::map<std::string, Master, std::less<>> masters_;  // lookups only
};

void TopologyChecker::lowers(const Interface& m, const std::vector<std::string>& names,
                             const std::string& key) {
  const SourceLoc loc = m.locs.of(key, m.loc);
  if (names.empty() && m.bond && !has_error_at(diags_, loc)) {
    diags_.error(loc, m.name +
                          " has no members ('bond-slaves none'); a bond needs at least "
                          "one member, e.g. 'bond-slaves eno1 eno2'");
  }
  for (size_t k = 0; k < names.size(); ++k) {
    if (std::find(names.begin(), names.begin() + k, names[k]) != names.begin() + k) {
      diags_.error(loc, m.name + ": " + names[k] + " is listed twice in " + key);
      continue;
    }
    lower(m, names[k], key, loc);
  }
}

void TopologyChecker::lower(const Interface& m, const std::string& n, const std::string& key,
                            const SourceLoc& loc) {
  const Interface* l = net_.find(n);
  if (l == nullptr) {
    diags_.error(loc, m.name + ": " + key + " names " + n + ", which has no iface stanza; " +
                          "expected an 'iface " + n + " inet manual' stanza");
    return;
  }
  if (!lower_kind_ok(m, *l, loc)) return;
  const auto [it, inserted] = masters_.emplace(n, Master{&m, loc});
  if (!inserted) {
    diags_.error(loc, n + " is listed in " + key + " of " + m.name + " but already belongs to " +
                          it->second.iface->name + " (" + where(it->second.loc) +
                          "); an interface can have only one master");
  }
}

bool TopologyChecker::lower_kind_ok(const Interface& m, const Interface& l, const SourceLoc& loc) {
  const bool ok = m.bond ? (l.kind == IfaceKind::kPhysical || l.kind == IfaceKind::kVlan)
                         : (l.kind != IfaceKind::kBridge && l.kind != IfaceKind::kLoopback);
  if (ok) return true;
  const std::string expected = m.bond ? "bond members must be physical NICs or VLANs"
                                      : "bridge ports must be NICs, bonds or VLANs";
  diags_.error(loc,
               m.name + ": " + l.name + " is a " + std::string(name(l.kind)) + "; " + expected);
  return false;
}

void TopologyChecker::raw_device(const Interface& v) {
  if (v.vlan->raw_device.empty()) return;  // reported by the resolver
  const SourceLoc loc = v.locs.of("vlan-raw-device", v.loc);
  const Interface* raw = net_.find(v.vlan->raw_device);
  if (raw == nullptr) {
    diags_.error(loc, v.name + ": raw device " + v.vlan->raw_device +
                          " has no iface stanza; expected an 'iface " + v.vlan->raw_device +
                          " inet manual' stanza");
    return;
  }
  if (raw->kind == IfaceKind::kLoopback) {
    diags_.error(loc, v.name + ": raw device " + raw->name +
                          " is a loopback; a VLAN needs a "
                          "NIC, bond or bridge below it");
  }
  if (v.mtu && raw->mtu && *v.mtu > *raw->mtu) {
    diags_.error(v.locs.of("mtu", loc), v.name + ": mtu " + std::to_string(*v.mtu) +
                                            " is larger than the mtu " + std::to_string(*raw->mtu) +
                                            " of its raw device " + raw->name +
                                            "; the kernel refuses it");
  }
}

// Iterative depth-first search over "sits on" edges (members, ports, raw device), in file
// order, so that deep stacks cannot exhaust the call stack.
void TopologyChecker::cycles() {
  const size_t n = net_.interfaces.size();
  std::map<std::string, size_t, std::less<>> index;  // lookups only
  for (size_t k = 0; k < n; ++k)
    index.emplace(net_.interfaces[k].name, k);
  std::vector<std::vector<size_t>> below(n);
  for (size_t k = 0; k < n; ++k) {
    const Interface& i = net_.interfaces[k];
    std::vector<std::string> names = i.bond ? i.bond->members : std::vector<std::string>{};
    if (i.bridge) names = i.bridge->ports;
    if (i.vlan) names.push_back(i.vlan->raw_device);
    for (const std::string& name : names) {
      if (const auto it = index.find(name); it != index.end()) below[k].push_back(it->second);
    }
  }
  std::vector<int> color(n, 0);  // 0 unseen, 1 on the current path, 2 done
  for (size_t root = 0; root < n; ++root) {
    if (color[root] != 0) continue;
    std::vector<std::pair<size_t, size_t>> stack{{root, 0}};  // (node, next edge)
    color[root] = 1;
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (next == below[node].size()) {
        color[node] = 2;
        stack.pop_back();
        continue;
      }
      const size_t to = below[node][next++];
      if (color[to] == 1) {
        std::vector<size_t> path;
        for (const auto& frame : stack)
          path.push_back(frame.first);
        report_cycle(path, to);
      } else if (color[to] == 0) {
        color[to] = 1;
        stack.emplace_back(to, 0);
      }
    }
  }
}

void TopologyChecker::report_cycle(const std::vector<size_t>& path, size_t from) {
  const auto start = std::find(path.begin(), path.end(), from);
  std::string text;
  for (auto it = start; it != path.end(); ++it)
    text += net_.interfaces[*it].name + " -> ";
  const Interface& first = net_.interfaces[from];
  diags_.error(first.loc, "dependency cycle " + text + first.name +
                              ": an interface cannot sit on top of itself");
}

void TopologyChecker::enslaved_addresses() {
  for (const Interface& i : net_.interfaces) {
    const auto it = masters_.find(i.name);
    const std::vector<IpPrefix> addresses = i.addresses();
    if (it == masters_.end() || addresses.empty()) continue;
    diags_.warning(i.locs.of("address", i.loc),
                   i.name + " belongs to " + it->second.iface->name + ", so its address " +
                       addresses.front().to_string() + " is not usable; put addresses on " +
                       it->second.iface->name);
  }
}

void TopologyChecker::shared_addresses() {
  std::map<IpAddress, const Interface*> owner;  // lookups only
  for (const Interface& i : net_.interfaces) {
    for (const IpPrefix& p : i.addresses()) {
      const auto [it, inserted] = owner.emplace(p.address, &i);
      if (!inserted && it->second != &i) {
        diags_.warning(i.locs.of("address", i.loc), i.name + ": address " + p.address.to_string() +
                                                        " is also on " + it->second->name);
      }
    }
  }
}

void TopologyChecker::gateways() {
  const Interface* first[2] = {nullptr, nullptr};
  for (const Interface& i : net_.interfaces) {
    for (const IpAddress& g : i.gateways()) {
      const Interface*& f = first[g.family == IpFamily::kV4 ? 0 : 1];
      if (f == nullptr) {
        f = &i;
      } else if (f != &i) {
        diags_.warning(i.locs.of("gateway", i.loc),
                       i.name + ": a second " + (g.family == IpFamily::kV4 ? "IPv4" : "IPv6") +
                           " default gateway (the first is on " + f->name +
                           "); only one default route per family is installed");
      }
    }
  }
}

}  // namespace

void check_topology(const HostNetwork& net, Diagnostics& diags) {
  TopologyChecker(net, diags).run();
}

}  // namespace quorate::ifupdown
