// The mux machine, coupled (COLLECTING_DISTRIBUTING) or independent (COLLECTING, DISTRIBUTING)
// control, and the enabling of a port for traffic.
#include "engine/check.h"
#include "sim/bond/lacp_system.h"

namespace quorate::bond {
namespace {

constexpr int kWaitWhileTicks = 2 * kLacpTicksPerSecond;  // AD_AGGREGATE_WAIT_TIME

void clear_bits(uint8_t& state, uint8_t bits) {
  state &= static_cast<uint8_t>(~bits);
}

}  // namespace

void LacpSystem::mux_machine(int p) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  const LacpMuxState last = port.mux;
  if (port.begin) {
    port.mux = LacpMuxState::kDetached;
  } else {
    mux_step(p);
  }
  if (port.mux != last) enter_mux_state(p);
  QUORATE_CHECK(port.mux == LacpMuxState::kDetached || port.aggregator.has_value());
}

void LacpSystem::mux_step(int p) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  switch (port.mux) {
    case LacpMuxState::kDetached:
      if (port.selected) port.mux = LacpMuxState::kWaiting;
      break;
    case LacpMuxState::kWaiting:
      if (!port.selected) {
        port.ready_n = false;
        if (port.aggregator.has_value()) set_agg_ports_ready(*port.aggregator);
        port.mux = LacpMuxState::kDetached;
        break;
      }
      if (port.mux_timer > 0 && --port.mux_timer == 0) port.ready_n = true;
      set_agg_ports_ready(*port.aggregator);
      if (port.ready && port.mux_timer == 0) port.mux = LacpMuxState::kAttached;
      break;
    case LacpMuxState::kAttached:
      step_attached(p);
      break;
    case LacpMuxState::kCollectingDistributing:
      if (!move_to_attached(p) && agg_is_active(p) && !port.distributing) enable_port(p);
      break;
    case LacpMuxState::kCollecting:
      step_collecting(p);
      break;
    case LacpMuxState::kDistributing:
      step_distributing(p);
      break;
  }
}

void LacpSystem::step_attached(int p) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  QUORATE_CHECK(port.aggregator.has_value());
  const bool partner_sync = (port.partner_oper.state & kLacpSync) != 0;
  const bool held = config_.expired_clears_actor_sync && port.rx == LacpRxState::kExpired;
  if (port.selected && partner_sync && agg_select_timer_ == 0) {
    if (agg_is_active(p)) {
      port.mux = config_.coupled_control ? LacpMuxState::kCollectingDistributing
                                         : LacpMuxState::kCollecting;
    }
  } else if (!port.selected) {
    port.ready_n = false;
    set_agg_ports_ready(*port.aggregator);
    port.mux = LacpMuxState::kDetached;
  } else if (agg_is_active(p) && !held) {
    port.actor_state |= kLacpSync;
  }
  QUORATE_CHECK(port.mux != LacpMuxState::kWaiting);
}

void LacpSystem::step_collecting(int p) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  if (move_to_attached(p)) return;
  const uint8_t partner = port.partner_oper.state;
  if (port.selected && (partner & kLacpSync) != 0 && (partner & kLacpCollecting) != 0) {
    port.mux = LacpMuxState::kDistributing;
  } else if (agg_is_active(p) && !port.collecting) {
    enable_collecting(p);
  }
  QUORATE_CHECK(port.aggregator.has_value());
}

void LacpSystem::step_distributing(int p) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  const uint8_t partner = port.partner_oper.state;
  if (!port.selected || (partner & kLacpCollecting) == 0 || (partner & kLacpSync) == 0 ||
      (port.actor_state & kLacpSync) == 0) {
    port.mux = LacpMuxState::kCollecting;
  } else if (agg_is_active(p) && !port.distributing) {
    enable_port(p);
  }
  QUORATE_CHECK(port.aggregator.has_value());
}

void LacpSystem::enter_mux_state(int p) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  switch (port.mux) {
    case LacpMuxState::kDetached:
      clear_bits(port.actor_state, kLacpSync | kLacpCollecting | kLacpDistributing);
      disable_port_if_partnered(p);
      port.ntt = true;
      break;
    case LacpMuxState::kWaiting:
      port.mux_timer = kWaitWhileTicks;
      break;
    case LacpMuxState::kAttached:
      enter_attached(p);
      break;
    case LacpMuxState::kCollectingDistributing:
      port.actor_state |= kLacpCollecting | kLacpDistributing | kLacpSync;
      if (agg_is_active(p)) enable_port(p);
      port.ntt = true;
      break;
    case LacpMuxState::kCollecting:
      port.actor_state |= kLacpCollecting | kLacpSync;
      clear_bits(port.actor_state, kLacpDistributing);
      if (agg_is_active(p)) enable_collecting(p);
      disable_distributing_if_partnered(p);
      port.ntt = true;
      break;
    case LacpMuxState::kDistributing:
      port.actor_state |= kLacpDistributing | kLacpSync;
      if (agg_is_active(p)) enable_port(p);
      break;
  }
  QUORATE_CHECK(port.mux != LacpMuxState::kDetached || (port.actor_state & kLacpSync) == 0);
}

void LacpSystem::enter_attached(int p) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  const bool held = config_.expired_clears_actor_sync && port.rx == LacpRxState::kExpired;
  if (agg_is_active(p) && !held) {
    port.actor_state |= kLacpSync;
  } else {
    clear_bits(port.actor_state, kLacpSync);
  }
  clear_bits(port.actor_state, kLacpCollecting | kLacpDistributing);
  disable_port_if_partnered(p);
  port.ntt = true;
  QUORATE_CHECK(port.aggregator.has_value());
}

// __port_move_to_attached_state
bool LacpSystem::move_to_attached(int p) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  if (!port.selected || (port.partner_oper.state & kLacpSync) == 0 ||
      (port.actor_state & kLacpSync) == 0) {
    port.mux = LacpMuxState::kAttached;
  }
  return port.mux == LacpMuxState::kAttached;
}

bool LacpSystem::agg_ports_ready(int agg) const {
  for (const int q : aggregators_[static_cast<size_t>(agg)].lag_ports) {
    if (!ports_[static_cast<size_t>(q)].ready_n) return false;
  }
  return true;
}

void LacpSystem::set_agg_ports_ready(int agg) {
  QUORATE_CHECK(agg >= 0 && agg < static_cast<int>(aggregators_.size()));
  const bool ready = agg_ports_ready(agg);
  for (const int q : aggregators_[static_cast<size_t>(agg)].lag_ports) {
    ports_[static_cast<size_t>(q)].ready = ready;
  }
}

bool LacpSystem::agg_is_active(int p) const {
  const LacpPort& port = ports_[static_cast<size_t>(p)];
  QUORATE_CHECK(port.aggregator.has_value());
  return aggregators_[static_cast<size_t>(*port.aggregator)].is_active;
}

// __enable_port: only a port whose link is up becomes an active member.
void LacpSystem::enable_port(int p) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  if (port.is_enabled) port.collecting = port.distributing = true;
  QUORATE_CHECK(!port.distributing || port.is_enabled);
}

void LacpSystem::enable_collecting(int p) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  if (port.is_enabled) port.collecting = true;
  QUORATE_CHECK(!port.collecting || port.is_enabled);
}

// ad_disable_collecting_distributing: Linux only disables ports of an aggregator with a partner.
void LacpSystem::disable_port_if_partnered(int p) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  if (!port.aggregator.has_value()) return;
  if (aggregators_[static_cast<size_t>(*port.aggregator)].has_partner()) {
    port.collecting = port.distributing = false;
  }
}

void LacpSystem::disable_distributing_if_partnered(int p) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  if (!port.aggregator.has_value()) return;
  if (aggregators_[static_cast<size_t>(*port.aggregator)].has_partner()) port.distributing = false;
}

}  // namespace quorate::bond
