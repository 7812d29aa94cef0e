// The receive machine (802.1AX Figure 6-18 as Linux implements it) and its record/update helpers.
#include "engine/check.h"
#include "sim/bond/lacp_system.h"

namespace quorate::bond {
namespace {

constexpr int kShortTimeoutTicks = 3 * kLacpTicksPerSecond;
constexpr int kLongTimeoutTicks = 90 * kLacpTicksPerSecond;

bool accepts_pdu(LacpRxState s) {
  return s == LacpRxState::kExpired || s == LacpRxState::kDefaulted || s == LacpRxState::kCurrent;
}

bool same_partner(const LacpPortInfo& a, const LacpPortInfo& b) {
  return a.port == b.port && a.port_priority == b.port_priority && a.system == b.system &&
         a.system_priority == b.system_priority && a.key == b.key &&
         (a.state & kLacpAggregation) == (b.state & kLacpAggregation);
}

}  // namespace

void LacpSystem::rx_machine(int p, const Lacpdu* pdu) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  const LacpRxState last = port.rx;
  if (port.begin) {
    port.rx = LacpRxState::kInitialize;
    port.churned = true;
  } else if (!port.is_enabled) {
    port.rx = LacpRxState::kPortDisabled;
  } else if (pdu != nullptr && accepts_pdu(port.rx)) {
    if (port.rx != LacpRxState::kCurrent) port.churned = true;
    port.rx_timer = 0;
    port.rx = LacpRxState::kCurrent;
  } else if (port.rx_timer > 0 && --port.rx_timer == 0) {
    if (port.rx == LacpRxState::kExpired) {
      port.rx = LacpRxState::kDefaulted;
    } else if (port.rx == LacpRxState::kCurrent) {
      port.rx = LacpRxState::kExpired;
    }
  } else if (port.rx == LacpRxState::kPortDisabled && port.is_enabled) {
    port.rx = port.lacp_enabled ? LacpRxState::kExpired : LacpRxState::kLacpDisabled;
  }
  if (port.rx != last || pdu != nullptr) enter_rx_state(p, pdu);
  QUORATE_CHECK(port.rx != LacpRxState::kInitialize);
  QUORATE_CHECK(port.rx_timer >= 0);
}

void LacpSystem::enter_rx_state(int p, const Lacpdu* pdu) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  switch (port.rx) {
    case LacpRxState::kInitialize:
      port.lacp_enabled = (port.actor_oper_key & 0x01) != 0;
      port.selected = false;
      record_default(p);
      port.actor_state &= static_cast<uint8_t>(~kLacpExpired);
      port.rx = LacpRxState::kPortDisabled;
      [[fallthrough]];
    case LacpRxState::kPortDisabled:
      port.matched = false;
      port.partner_oper.state &= static_cast<uint8_t>(~kLacpSync);
      break;
    case LacpRxState::kLacpDisabled:
      port.selected = false;
      record_default(p);
      port.partner_oper.state &= static_cast<uint8_t>(~kLacpAggregation);
      port.matched = true;
      port.actor_state &= static_cast<uint8_t>(~kLacpExpired);
      break;
    case LacpRxState::kExpired:
      port.matched = false;
      port.partner_oper.state &= static_cast<uint8_t>(~kLacpSync);
      port.partner_oper.state |= kLacpTimeoutShort;
      port.rx_timer = kShortTimeoutTicks;
      port.actor_state |= kLacpExpired;
      port.churned = true;
      if (config_.expired_clears_actor_sync) {
        port.actor_state &= static_cast<uint8_t>(~kLacpSync);
        port.ntt = true;
      }
      break;
    case LacpRxState::kDefaulted:
      update_default_selected(p);
      record_default(p);
      port.matched = true;
      port.actor_state &= static_cast<uint8_t>(~kLacpExpired);
      break;
    case LacpRxState::kCurrent:
      QUORATE_CHECK(pdu != nullptr);
      if (pdu->actor.system == config_.system) {  // our own PDU looped back: ignore it
        ++port.pdus_ignored;
        return;
      }
      update_selected(p, *pdu);
      update_ntt(p, *pdu);
      record_pdu(p, *pdu);
      port.rx_timer =
          (port.actor_state & kLacpTimeoutShort) != 0 ? kShortTimeoutTicks : kLongTimeoutTicks;
      port.actor_state &= static_cast<uint8_t>(~kLacpExpired);
      break;
  }
}

void LacpSystem::choose_matched(int p, const Lacpdu& pdu) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  const LacpPortInfo& seen = pdu.partner;  // what the partner believes about us
  const bool matches = seen.port == port.port_number && seen.port_priority == port.port_priority &&
                       seen.system == config_.system &&
                       seen.system_priority == config_.system_priority &&
                       seen.key == port.actor_oper_key &&
                       (seen.state & kLacpAggregation) == (port.actor_state & kLacpAggregation);
  port.matched = matches || (pdu.actor.state & kLacpAggregation) == 0;
}

void LacpSystem::record_pdu(int p, const Lacpdu& pdu) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  choose_matched(p, pdu);
  port.partner_oper = pdu.actor;
  port.actor_state &= static_cast<uint8_t>(~kLacpDefaulted);
  if (port.matched && (pdu.actor.state & kLacpSync) != 0) {
    port.partner_oper.state |= kLacpSync;
  } else {
    port.partner_oper.state &= static_cast<uint8_t>(~kLacpSync);
  }
  QUORATE_CHECK(port.partner_oper.system == pdu.actor.system);
}

void LacpSystem::record_default(int p) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  port.partner_oper = port.partner_admin;
  port.actor_state |= kLacpDefaulted;
  QUORATE_CHECK((port.actor_state & kLacpDefaulted) != 0);
  QUORATE_CHECK(port.partner_oper == port.partner_admin);
}

void LacpSystem::update_selected(int p, const Lacpdu& pdu) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  if (!same_partner(pdu.actor, port.partner_oper)) port.selected = false;
}

void LacpSystem::update_default_selected(int p) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  if (!same_partner(port.partner_admin, port.partner_oper)) port.selected = false;
}

void LacpSystem::update_ntt(int p, const Lacpdu& pdu) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  constexpr uint8_t kCompared = kLacpActivity | kLacpTimeoutShort | kLacpSync | kLacpAggregation;
  const LacpPortInfo& seen = pdu.partner;
  if (seen.port != port.port_number || seen.port_priority != port.port_priority ||
      seen.system != config_.system || seen.system_priority != config_.system_priority ||
      seen.key != port.actor_oper_key ||
      (seen.state & kCompared) != (port.actor_state & kCompared)) {
    port.ntt = true;
  }
}

}  // namespace quorate::bond
