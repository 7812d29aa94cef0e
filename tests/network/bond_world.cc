#include "tests/network/bond_world.h"

#include <string>
#include <vector>

#include "engine/check.h"
#include "engine/echo_heartbeat.h"
#include "model/topology.h"

namespace quorate::sim::net::testing {
namespace {

constexpr uint32_t kHosts = 4;
constexpr bond::MacAddr kSwitchSystem = {0x02, 0, 0, 0, 0x5e, 0x01};

model::MacAddress nic_mac(uint32_t host, uint32_t nic) {
  return model::MacAddress::local((nic << 8) | host);
}

struct Built {
  model::Topology topology;
  std::vector<model::IfaceId> bonds;  // ifaces to run a BondSelector on
  std::vector<model::NicId> a_nics;   // A's eth0, eth1
};

Built build_topology(const BondWorldSpec& spec) {
  Built b;
  model::Topology& t = b.topology;
  const model::NetworkId net = t.add_network("link0");
  const model::SwitchId sw0 = t.add_switch("sw0", net);
  const model::SwitchId sw1 = spec.two_switches ? t.add_switch("sw1", net) : sw0;
  for (uint32_t k = 1; k <= kHosts; ++k) {
    const NodeId host{k};
    t.add_host(host, host_name(k));
    const bool bonded = k == 1 || spec.two_switches;
    const model::NicId eth0 = t.add_nic(host, "eth0", nic_mac(k, 0));
    t.connect(eth0, sw0);
    model::IfaceId iface;
    if (bonded) {
      const model::NicId eth1 = t.add_nic(host, "eth1", nic_mac(k, 1));
      t.connect(eth1, sw1);
      iface = t.add_iface(host, "bond0", {eth0, eth1});
      b.bonds.push_back(iface);
      if (k == 1) b.a_nics = {eth0, eth1};
    } else {
      iface = t.add_nic_iface(eth0);
    }
    const model::IpAddress ip = model::IpAddress::v4(10, 0, 0, static_cast<uint8_t>(k));
    t.add_address(iface, ip);
    t.bind_link(host, LinkId{0}, iface, ip);
  }
  return b;
}

std::unique_ptr<SwitchLag> make_lag(const BondWorldSpec& spec) {
  if (spec.lag == LagKind::kStatic) return std::make_unique<StaticLag>();
  LacpLagOptions options;
  options.lacp = spec.switch_lacp;
  options.lacp.system = kSwitchSystem;
  options.lacp.rate = spec.switch_rate;
  return std::make_unique<LacpLag>(options);
}

void add_engines(World& world, Duration period) {
  for (uint32_t k = 1; k <= kHosts; ++k) {
    EchoHeartbeatOptions engine{NodeId{k},
                                {},
                                {LinkId{0}},
                                period,
                                world.stream_seed("node/" + std::to_string(k) + "/engine")};
    for (uint32_t p = 1; p <= kHosts; ++p) {
      if (p != k) engine.peers.push_back(NodeId{p});
    }
    world.add_node(NodeId{k}, Clock(), std::make_unique<EchoHeartbeat>(std::move(engine)));
    world.schedule_command(Instant::epoch(), NodeId{k}, Command{CommandKind::kStart});
  }
}

void schedule_fault(VirtualNetwork& net, model::NicId nic, Fault fault, Instant at, bool broken) {
  switch (fault) {
    case Fault::kTxDead:
      net.set_tx_ok(nic, at, !broken);
      return;
    case Fault::kRxDead:
      net.set_rx_ok(nic, at, !broken);
      return;
    case Fault::kCarrierDown:
      net.set_carrier(nic, at, !broken);
      return;
  }
}

void count(const Trace& trace, BondWorldResult& result) {
  for (const TraceRecord& r : trace.records()) {
    const bool fired = !r.fields.empty() && r.fields.front().key == "ev";
    if (r.kind == TraceKind::kState && r.label.starts_with("net.") && !fired) {
      result.notes.push_back(canonical(r));
    }
    if (r.global < result.fail_at) continue;
    if (r.kind == TraceKind::kPacketSent) {
      const auto to = static_cast<uint32_t>(r.field("to"));
      ++result.flows[host_name(r.node.value) + "->" + host_name(to)].sent_after;
    } else if (r.kind == TraceKind::kPacketDropped) {
      const auto from = static_cast<uint32_t>(r.field("from"));
      FlowStats& f = result.flows[host_name(from) + "->" + host_name(r.node.value)];
      ++f.lost_after;
      if (!f.first_lost) f.first_lost = r.global;
      f.last_lost = r.global;
      f.reasons.insert(std::string(r.label));
    }
  }
}

}  // namespace

std::string host_name(uint32_t host) {
  return std::string(1, static_cast<char>('A' + host - 1));
}

int layer2_member(uint32_t a, uint32_t b) {
  return static_cast<int>(((a ^ b ^ 0x0800U) % 2));
}

const FlowStats& BondWorldResult::flow(const std::string& name) const {
  const auto it = flows.find(name);
  QUORATE_CHECK_MSG(it != flows.end(), "no such flow");
  return it->second;
}

Duration BondWorldResult::window(const std::string& name) const {
  const FlowStats& f = flow(name);
  return f.last_lost ? *f.last_lost - fail_at : Duration::zero();
}

bool BondWorldResult::all_lost(const std::string& name) const {
  const FlowStats& f = flow(name);
  return f.sent_after > 0 && f.lost_after == f.sent_after;
}

BondWorldResult run_bond_world(const BondWorldSpec& spec) {
  Built built = build_topology(spec);
  auto world = std::make_unique<World>(WorldOptions{spec.seed, {}});
  VirtualNetworkOptions options;
  options.seed = spec.seed;
  auto net = std::make_unique<VirtualNetwork>(built.topology, options);
  const BondSelector* a_bond = nullptr;
  for (const model::IfaceId iface : built.bonds) {
    BondSelectorOptions o;
    o.bond = spec.bond;
    o.seed = world->stream_seed("bond/" + std::to_string(iface.value));
    auto selector = std::make_unique<BondSelector>(net->topology(), iface, o);
    if (net->topology().iface(iface).host == NodeId{1}) a_bond = selector.get();
    net->set_selector(iface, std::move(selector));
  }
  QUORATE_CHECK(a_bond != nullptr);
  const LacpLag* lacp_lag = nullptr;
  if (spec.lag != LagKind::kNone) {
    const size_t index = net->add_switch_lag(built.a_nics, make_lag(spec));
    lacp_lag = dynamic_cast<const LacpLag*>(&net->lag(index));
  }
  const model::NicId dead = built.a_nics[static_cast<size_t>(spec.dead_member)];
  BondWorldResult result;
  result.fail_at = Instant::epoch() + spec.fail_at;
  schedule_fault(*net, dead, spec.fault, result.fail_at, true);
  if (spec.repair_at)
    schedule_fault(*net, dead, spec.fault, Instant::epoch() + *spec.repair_at, false);
  const VirtualNetwork* network = net.get();
  world->set_network(std::move(net));
  add_engines(*world, spec.ping_period);
  const Instant end = Instant::epoch() + spec.run_for;
  if (spec.probe) {
    for (Instant t = Instant::epoch(); t < end; t += spec.probe_period) {
      world->run_until(t);
      spec.probe(t, *a_bond, lacp_lag);
    }
  }
  world->run_until(end);
  count(world->trace(), result);
  result.events = a_bond->events();
  result.trace_hash = world->trace().hash();
  result.control_sent = network->stats().control_sent;
  return result;
}

bool BondWorldResult::none_lost(const std::string& name) const {
  const FlowStats& f = flow(name);
  return f.sent_after > 0 && f.lost_after == 0;
}

}  // namespace quorate::sim::net::testing
