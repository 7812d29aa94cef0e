// The periodic transmission machine, the transmit rate limiter and the churn detection machine.
#include "engine/check.h"
#include "sim/bond/lacp_system.h"

namespace quorate::bond {
namespace {

constexpr int kFastPeriodicTicks = 1 * kLacpTicksPerSecond;
constexpr int kSlowPeriodicTicks = 30 * kLacpTicksPerSecond;
constexpr int kTxTicks = kLacpTicksPerSecond / 3;
constexpr int kChurnTicks = 60 * kLacpTicksPerSecond;

bool partner_short(const LacpPort& port) {
  return (port.partner_oper.state & kLacpTimeoutShort) != 0;
}

}  // namespace

void LacpSystem::periodic_machine(int p) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  const LacpPeriodicState last = port.periodic;
  const bool both_passive =
      (port.actor_state & kLacpActivity) == 0 && (port.partner_oper.state & kLacpActivity) == 0;
  if (port.begin || !port.lacp_enabled || !port.is_enabled || both_passive) {
    port.periodic = LacpPeriodicState::kNoPeriodic;
  } else if (port.periodic_timer > 0) {
    if (--port.periodic_timer == 0) {
      port.periodic = LacpPeriodicState::kPeriodicTx;
    } else if (port.periodic == LacpPeriodicState::kFast && !partner_short(port)) {
      port.periodic = LacpPeriodicState::kSlow;
    } else if (port.periodic == LacpPeriodicState::kSlow && partner_short(port)) {
      port.periodic_timer = 0;
      port.periodic = LacpPeriodicState::kPeriodicTx;
    }
  } else if (port.periodic == LacpPeriodicState::kNoPeriodic) {
    port.periodic = LacpPeriodicState::kFast;
  } else if (port.periodic == LacpPeriodicState::kPeriodicTx) {
    port.periodic = partner_short(port) ? LacpPeriodicState::kFast : LacpPeriodicState::kSlow;
  }
  if (port.periodic == last) return;
  switch (port.periodic) {
    case LacpPeriodicState::kNoPeriodic:
      port.periodic_timer = 0;
      break;
    case LacpPeriodicState::kFast:
      port.periodic_timer = kFastPeriodicTicks - 1;  // one tick is spent in PERIODIC_TX
      break;
    case LacpPeriodicState::kSlow:
      port.periodic_timer = kSlowPeriodicTicks - 1;
      break;
    case LacpPeriodicState::kPeriodicTx:
      port.ntt = true;
      break;
  }
  QUORATE_CHECK(port.periodic_timer >= 0);
}

void LacpSystem::tx_machine(int p, std::vector<LacpTx>& out) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  QUORATE_CHECK(port.tx_timer > 0);
  if (--port.tx_timer != 0) return;
  if (port.ntt && port.lacp_enabled) {
    out.push_back(LacpTx{p, build_pdu(p)});
    ++port.pdus_sent;
    port.ntt = false;
  }
  port.tx_timer = kTxTicks;
  QUORATE_CHECK(port.tx_timer > 0);
}

void LacpSystem::churn_machine(int p) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  if (port.churned) {
    port.churned = false;
    port.actor_churn = LacpChurnState::kMonitor;
    port.partner_churn = LacpChurnState::kMonitor;
    port.actor_churn_timer = kChurnTicks;
    port.partner_churn_timer = kChurnTicks;
    return;
  }
  if (port.actor_churn_timer > 0 && --port.actor_churn_timer == 0 &&
      port.actor_churn == LacpChurnState::kMonitor) {
    port.actor_churn =
        (port.actor_state & kLacpSync) != 0 ? LacpChurnState::kNoChurn : LacpChurnState::kChurn;
  }
  if (port.partner_churn_timer > 0 && --port.partner_churn_timer == 0 &&
      port.partner_churn == LacpChurnState::kMonitor) {
    port.partner_churn = (port.partner_oper.state & kLacpSync) != 0 ? LacpChurnState::kNoChurn
                                                                    : LacpChurnState::kChurn;
  }
  QUORATE_CHECK(port.actor_churn_timer >= 0 && port.partner_churn_timer >= 0);
}

}  // namespace quorate::bond
