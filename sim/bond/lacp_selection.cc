// Selection logic: which aggregator a port joins (ad_port_selection_logic) and which aggregator
// of the system is active (ad_agg_selection_logic with ad_select stable/bandwidth/count).
#include <algorithm>

#include "engine/check.h"
#include "sim/bond/lacp_system.h"

namespace quorate::bond {

void LacpSystem::port_selection(int p) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  if (port.selected) return;
  if (config_.select_only_when_detached && port.mux != LacpMuxState::kDetached) return;
  detach_from_aggregator(p);
  const int agg = find_aggregator_for(p);
  QUORATE_CHECK_MSG(agg >= 0, "every port owns an aggregator, so one is always free");
  LacpAggregator& a = aggregators_[static_cast<size_t>(agg)];
  if (a.lag_ports.empty()) {
    a.is_individual = (port.actor_oper_key & 0x01) == 0;
    a.actor_oper_key = port.actor_oper_key;
    a.partner_system = port.partner_oper.system;
    a.partner_system_priority = port.partner_oper.system_priority;
    a.partner_key = port.partner_oper.key;
  }
  a.lag_ports.insert(a.lag_ports.begin(), p);
  port.aggregator = agg;
  port.selected = true;
  set_agg_ports_ready(agg);
  agg_selection();
  if (!a.is_active) port.actor_state &= static_cast<uint8_t>(~kLacpSync);
  QUORATE_CHECK(port.aggregator == agg);
}

void LacpSystem::detach_from_aggregator(int p) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  if (!port.aggregator.has_value()) return;
  LacpAggregator& a = aggregators_[static_cast<size_t>(*port.aggregator)];
  const auto it = std::find(a.lag_ports.begin(), a.lag_ports.end(), p);
  QUORATE_CHECK_MSG(it != a.lag_ports.end(), "a port is on its aggregator's list");
  a.lag_ports.erase(it);
  if (a.lag_ports.empty()) {
    const int id = a.id;
    a = LacpAggregator{};
    a.id = id;
  }
  port.aggregator.reset();
}

// The first aggregator (in port order) with the port's key and partner, else the first free one.
int LacpSystem::find_aggregator_for(int p) const {
  const LacpPort& port = ports_[static_cast<size_t>(p)];
  int free_agg = -1;
  for (size_t i = 0; i < aggregators_.size(); ++i) {
    const LacpAggregator& a = aggregators_[i];
    if (a.lag_ports.empty()) {
      if (free_agg < 0) free_agg = static_cast<int>(i);
      continue;
    }
    if (a.actor_oper_key == port.actor_oper_key && a.partner_system == port.partner_oper.system &&
        a.partner_system_priority == port.partner_oper.system_priority &&
        a.partner_key == port.partner_oper.key && a.has_partner() && !a.is_individual) {
      return static_cast<int>(i);
    }
  }
  return free_agg;
}

void LacpSystem::agg_selection() {
  const std::optional<int> active = active_aggregator();
  std::optional<int> best;
  if (active.has_value() && agg_device_up(*active)) best = active;
  for (size_t i = 0; i < aggregators_.size(); ++i) {
    aggregators_[i].is_active = false;
    const int agg = static_cast<int>(i);
    if (agg_active_ports(agg) > 0 && agg_device_up(agg)) {
      if (!best.has_value() || better_aggregator(*best, agg)) best = agg;
    }
  }
  if (best.has_value() && config_.ad_select == AdSelect::kStable && active.has_value() &&
      stable_keeps_active(*active, *best)) {
    best = active;
  }
  if (best.has_value()) {
    aggregators_[static_cast<size_t>(*best)].is_active = true;
    if (best != active && active.has_value()) {
      for (const int q : aggregators_[static_cast<size_t>(*active)].lag_ports) {
        ports_[static_cast<size_t>(q)].collecting = false;
        ports_[static_cast<size_t>(q)].distributing = false;
      }
    }
    // An aggregator of individuals (no partner) has no mux to enable it: enable its ports.
    if (!aggregators_[static_cast<size_t>(*best)].has_partner()) {
      for (const int q : aggregators_[static_cast<size_t>(*best)].lag_ports)
        enable_port(q);
    }
  }
  QUORATE_CHECK(active_aggregator() == best);
}

// ad_agg_selection_test: is `candidate` better than `best`?
bool LacpSystem::better_aggregator(int best, int candidate) const {
  const LacpAggregator& b = aggregators_[static_cast<size_t>(best)];
  const LacpAggregator& c = aggregators_[static_cast<size_t>(candidate)];
  if (!c.is_individual && b.is_individual) return true;
  if (c.is_individual && !b.is_individual) return false;
  if (c.has_partner() && !b.has_partner()) return true;
  if (!c.has_partner() && b.has_partner()) return false;
  if (config_.ad_select == AdSelect::kCount) {
    const int cp = agg_active_ports(candidate);
    const int bp = agg_active_ports(best);
    if (cp != bp) return cp > bp;
  }
  return agg_bandwidth(candidate) > agg_bandwidth(best);
}

// ad_select=stable keeps the active aggregator while it has ports up and a partner (or when
// neither it nor the best has a partner).
bool LacpSystem::stable_keeps_active(int active, int best) const {
  const LacpAggregator& a = aggregators_[static_cast<size_t>(active)];
  const LacpAggregator& b = aggregators_[static_cast<size_t>(best)];
  if (a.lag_ports.empty() || agg_active_ports(active) == 0) return false;
  if (!a.has_partner() && b.has_partner()) return false;
  return !(a.actor_oper_key == 0 && b.actor_oper_key != 0);
}

int LacpSystem::agg_active_ports(int agg) const {
  int n = 0;
  for (const int q : aggregators_[static_cast<size_t>(agg)].lag_ports) {
    if (ports_[static_cast<size_t>(q)].is_enabled) ++n;
  }
  return n;
}

uint64_t LacpSystem::agg_bandwidth(int agg) const {
  const LacpAggregator& a = aggregators_[static_cast<size_t>(agg)];
  if (a.lag_ports.empty()) return 0;
  const LacpPort& first = ports_[static_cast<size_t>(a.lag_ports.front())];
  const uint64_t speed = first.is_enabled ? first.speed_mbps : 0;
  return speed * static_cast<uint64_t>(agg_active_ports(agg));
}

bool LacpSystem::agg_device_up(int agg) const {
  for (const int q : aggregators_[static_cast<size_t>(agg)].lag_ports) {
    if (ports_[static_cast<size_t>(q)].is_enabled) return true;
  }
  return false;
}

}  // namespace quorate::bond
