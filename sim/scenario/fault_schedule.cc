#include "sim/scenario/fault_schedule.h"

#include <string>

#include "engine/check.h"

namespace quorate::scenario {
namespace {

using sim::net::ChannelId;
using sim::net::Impairments;
using sim::net::Latency;

Latency latency(Duration base, Duration jitter) {
  if (jitter == Duration::zero()) return Latency::constant(base);
  return Latency::uniform(base, base + jitter);
}

}  // namespace

template <typename Change>
void FaultSchedule::update(ChannelId channel, Instant at, Change change) {
  Impairments& imp = current_[channel.value];
  change(imp);
  net_.set_impairments(channel, at, imp);
}

model::NicId FaultSchedule::nic(NodeId node, LinkId link) const {
  const std::optional<model::LinkBinding> binding = net_.topology().binding(node, link);
  QUORATE_CHECK(binding.has_value());
  return net_.topology().iface(binding->iface).members.front();
}

std::vector<model::NicId> FaultSchedule::nics_on(LinkId link) const {
  std::vector<model::NicId> out;
  for (const ClusterNode& n : scenario_.cluster.nodes)
    out.push_back(nic(n.id, link));
  return out;
}

void FaultSchedule::apply_network_defaults() {
  for (const LinkId link : scenario_.cluster.links) {
    const PathImpairment& path = scenario_.network.for_link(link);
    for (const model::NicId n : nics_on(link)) {
      update(net_.nic_egress(n), Instant::epoch(),
             [&](Impairments& imp) { imp.latency = latency(path.latency / 2, path.jitter / 2); });
      update(net_.nic_ingress(n), Instant::epoch(), [&](Impairments& imp) {
        imp.latency = latency(path.latency - path.latency / 2, path.jitter - path.jitter / 2);
        imp.loss_probability = path.loss_probability;
      });
    }
  }
}

void FaultSchedule::apply(const TimedEvent& event) {
  const Instant at = event.at;
  std::visit(
      [&](const auto& a) {
        using A = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<A, NicAction>) apply_nic(at, a);
        if constexpr (std::is_same_v<A, FlapAction>) apply_flap(at, a);
        if constexpr (std::is_same_v<A, ImpairAction>) apply_impair(at, a);
        if constexpr (std::is_same_v<A, CutAction>) apply_cut(at, a);
        if constexpr (std::is_same_v<A, SwitchAction>) apply_switch(at, a);
        if constexpr (std::is_same_v<A, NodeAction>) apply_node(at, a);
      },
      event.action);
}

void FaultSchedule::apply_nic(Instant at, const NicAction& a) {
  const model::NicId n = nic(a.nic.node, a.nic.link);
  switch (a.fault) {
    case NicFault::kSilentTx:
      net_.set_tx_ok(n, at, false);
      return;
    case NicFault::kSilentRx:
      net_.set_rx_ok(n, at, false);
      return;
    case NicFault::kCarrierDown:
      net_.set_carrier(n, at, false);
      return;
    case NicFault::kCarrierUp:
      net_.set_carrier(n, at, true);
      return;
    case NicFault::kRepair:
      net_.set_carrier(n, at, true);
      net_.set_tx_ok(n, at, true);
      net_.set_rx_ok(n, at, true);
      return;
  }
}

void FaultSchedule::apply_flap(Instant at, const FlapAction& a) {
  net_.flap_carrier(nic(a.nic.node, a.nic.link), at, a.until, a.period, a.down_for);
}

void FaultSchedule::apply_impair(Instant at, const ImpairAction& a) {
  if (!a.node) {
    // A whole network: path values, split like the defaults.
    for (const model::NicId n : nics_on(a.link)) {
      update(net_.nic_egress(n), at, [&](Impairments& imp) {
        if (a.latency) imp.latency = latency(*a.latency / 2, a.jitter.value_or(Duration{}) / 2);
      });
      update(net_.nic_ingress(n), at, [&](Impairments& imp) {
        if (a.latency) {
          const Duration jitter = a.jitter.value_or(Duration{});
          imp.latency = latency(*a.latency - *a.latency / 2, jitter - jitter / 2);
        }
        if (a.loss_probability) imp.loss_probability = *a.loss_probability;
      });
    }
    return;
  }
  const model::NicId n = nic(*a.node, a.link);
  const auto change = [&](Impairments& imp) {
    if (a.latency) imp.latency = latency(*a.latency, a.jitter.value_or(Duration{}));
    if (a.loss_probability) imp.loss_probability = *a.loss_probability;
  };
  if (a.direction != Direction::kRx) update(net_.nic_egress(n), at, change);
  if (a.direction != Direction::kTx) update(net_.nic_ingress(n), at, change);
}

void FaultSchedule::cut_pair(Instant at, NodeId from, NodeId to, std::optional<LinkId> link,
                             bool heal) {
  if (!link) {
    heal ? net_.heal(at, from, to) : net_.cut(at, from, to);
    return;
  }
  const model::NicId a = nic(from, *link);
  const model::NicId b = nic(to, *link);
  heal ? net_.heal_nics(at, a, b) : net_.cut_nics(at, a, b);
}

void FaultSchedule::apply_cut(Instant at, const CutAction& a) {
  switch (a.scope) {
    case CutScope::kEverything:
      net_.heal_all(at);
      return;
    case CutScope::kWholeLink:
      for (const ClusterNode& x : scenario_.cluster.nodes)
        for (const ClusterNode& y : scenario_.cluster.nodes)
          if (x.id != y.id) cut_pair(at, x.id, y.id, a.link, a.heal);
      return;
    case CutScope::kOneWay:
      cut_pair(at, a.from, a.to, a.link, a.heal);
      return;
    case CutScope::kBothWays:
      cut_pair(at, a.from, a.to, a.link, a.heal);
      cut_pair(at, a.to, a.from, a.link, a.heal);
      return;
    case CutScope::kGroups:
      apply_groups(at, a);
      return;
  }
}

void FaultSchedule::apply_groups(Instant at, const CutAction& a) {
  for (size_t i = 0; i < a.groups.size(); ++i)
    for (size_t j = 0; j < a.groups.size(); ++j)
      if (i != j)
        for (const NodeId x : a.groups[i])
          for (const NodeId y : a.groups[j])
            cut_pair(at, x, y, a.link, a.heal);
}

void FaultSchedule::apply_switch(Instant at, const SwitchAction& a) {
  const std::optional<model::SwitchId> sw =
      net_.topology().find_switch("sw-link" + to_string(a.link));
  QUORATE_CHECK(sw.has_value());
  net_.set_switch_state(*sw, at, a.state);
}

void FaultSchedule::apply_node(Instant at, const NodeAction& a) {
  for (const NodeId node : a.nodes)
    world_.schedule_command(at, node, Command{a.command});
}

}  // namespace quorate::scenario
