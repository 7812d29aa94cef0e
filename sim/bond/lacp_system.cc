#include "sim/bond/lacp_system.h"

#include "engine/check.h"

namespace quorate::bond {
namespace {

constexpr uint16_t kDuplexKeyMask = 0x01;
constexpr uint16_t kSpeedKeyMask = 0x3e;
constexpr int kTxTicks = kLacpTicksPerSecond / 3;  // AD_MAX_TX_IN_SECOND

LacpPortInfo default_partner() {
  LacpPortInfo info;
  info.system_priority = 0xffff;
  info.key = 1;
  info.port = 1;
  info.port_priority = 0xff;
  info.state = 0;
  return info;
}

}  // namespace

std::string_view to_string(LacpRxState s) {
  switch (s) {
    case LacpRxState::kInitialize:
      return "INITIALIZE";
    case LacpRxState::kPortDisabled:
      return "PORT_DISABLED";
    case LacpRxState::kLacpDisabled:
      return "LACP_DISABLED";
    case LacpRxState::kExpired:
      return "EXPIRED";
    case LacpRxState::kDefaulted:
      return "DEFAULTED";
    case LacpRxState::kCurrent:
      return "CURRENT";
  }
  QUORATE_UNREACHABLE();
}

std::string_view to_string(LacpMuxState s) {
  switch (s) {
    case LacpMuxState::kDetached:
      return "DETACHED";
    case LacpMuxState::kWaiting:
      return "WAITING";
    case LacpMuxState::kAttached:
      return "ATTACHED";
    case LacpMuxState::kCollectingDistributing:
      return "COLLECTING_DISTRIBUTING";
    case LacpMuxState::kCollecting:
      return "COLLECTING";
    case LacpMuxState::kDistributing:
      return "DISTRIBUTING";
  }
  QUORATE_UNREACHABLE();
}

uint16_t lacp_speed_code(uint32_t speed_mbps) {
  constexpr uint32_t kSpeeds[] = {1,     10,    100,   1000,  2500,   5000,   10000,  14000, 20000,
                                  25000, 40000, 50000, 56000, 100000, 200000, 400000, 800000};
  for (uint16_t i = 0; i < std::size(kSpeeds); ++i) {
    if (kSpeeds[i] == speed_mbps) return static_cast<uint16_t>(i + 1);
  }
  return 0;
}

LacpSystem::LacpSystem(const LacpConfig& config, std::span<const LacpPortConfig> ports)
    : config_(config), agg_select_timer_(config.agg_select_delay_ticks) {
  QUORATE_CHECK_MSG(config.system != kZeroMac, "an LACP system needs a non-zero system MAC");
  QUORATE_CHECK(!ports.empty() && ports.size() <= static_cast<size_t>(kMaxMembers));
  QUORATE_CHECK(config.user_port_key <= 1023 && config.agg_select_delay_ticks >= 0);
  for (size_t i = 0; i < ports.size(); ++i) {
    LacpPort p;
    p.port_number = ports[i].port_number != 0 ? ports[i].port_number : static_cast<uint16_t>(i + 1);
    p.port_priority = ports[i].port_priority;
    p.speed_mbps = ports[i].speed_mbps;
    p.actor_state = kLacpAggregation | (config.active ? kLacpActivity : 0) |
                    (config.rate == LacpRate::kFast ? kLacpTimeoutShort : 0);
    p.partner_admin = default_partner();
    p.partner_oper = default_partner();
    p.actor_admin_key = static_cast<uint16_t>(config.user_port_key << 6);
    p.tx_timer = kTxTicks;
    p.is_enabled = ports[i].link_up;
    ports_.push_back(p);
    update_actor_keys(static_cast<int>(i), !ports[i].link_up);
    ports_.back().begin = true;
    LacpAggregator agg;
    agg.id = static_cast<int>(i) + 1;
    aggregators_.push_back(agg);
  }
}

const LacpPort& LacpSystem::port(int index) const {
  QUORATE_CHECK(index >= 0 && index < port_count());
  return ports_[static_cast<size_t>(index)];
}

const LacpAggregator& LacpSystem::aggregator(int index) const {
  QUORATE_CHECK(index >= 0 && index < static_cast<int>(aggregators_.size()));
  return aggregators_[static_cast<size_t>(index)];
}

// ad_update_actor_keys: speed and duplex live in the key; a speed change restarts the port.
void LacpSystem::update_actor_keys(int p, bool reset) {
  LacpPort& port = ports_[static_cast<size_t>(p)];
  const uint16_t old_key = port.actor_oper_key;
  port.actor_admin_key &= static_cast<uint16_t>(~(kSpeedKeyMask | kDuplexKeyMask));
  uint16_t speed = 0;
  uint16_t duplex = 0;
  if (!reset) {
    speed = lacp_speed_code(port.speed_mbps);
    duplex = 1;  // simulated links are full duplex
    port.actor_admin_key |= static_cast<uint16_t>((speed << 1) | duplex);
  }
  const uint16_t old_speed = static_cast<uint16_t>((old_key & kSpeedKeyMask) >> 1);
  port.actor_oper_key = port.actor_admin_key;
  if (old_key == port.actor_oper_key) return;
  port.lacp_enabled = duplex != 0;
  if (!reset && speed != 0 && duplex != 0 && old_speed != speed) port.begin = true;
  QUORATE_CHECK(reset || (port.actor_oper_key & kDuplexKeyMask) != 0);
}

void LacpSystem::set_port_link(int p, bool up) {
  QUORATE_CHECK(p >= 0 && p < port_count());
  LacpPort& port = ports_[static_cast<size_t>(p)];
  port.collecting = false;  // the bond marks the member inactive; the mux re-enables it
  port.distributing = false;
  port.is_enabled = up;
  update_actor_keys(p, !up);
  agg_selection();
  QUORATE_CHECK(port.is_enabled == up);
}

void LacpSystem::on_lacpdu(int p, const Lacpdu& pdu) {
  QUORATE_CHECK(p >= 0 && p < port_count());
  ++ports_[static_cast<size_t>(p)].pdus_received;
  rx_machine(p, &pdu);
}

void LacpSystem::set_rate(LacpRate rate) {
  config_.rate = rate;
  for (LacpPort& port : ports_) {
    if (rate == LacpRate::kFast) {
      port.actor_state |= kLacpTimeoutShort;
    } else {
      port.actor_state &= static_cast<uint8_t>(~kLacpTimeoutShort);
    }
  }
  QUORATE_CHECK(config_.rate == rate);
}

// bond_3ad_state_machine_handler: the machines of every port, in port order, once per tick.
void LacpSystem::tick(std::vector<LacpTx>& out) {
  if (agg_select_timer_ > 0 && --agg_select_timer_ == 0) agg_selection();
  for (int p = 0; p < port_count(); ++p) {
    rx_machine(p, nullptr);
    periodic_machine(p);
    port_selection(p);
    mux_machine(p);
    tx_machine(p, out);
    churn_machine(p);
    ports_[static_cast<size_t>(p)].begin = false;
  }
  QUORATE_CHECK(agg_select_timer_ >= 0);
}

Lacpdu LacpSystem::build_pdu(int p) const {
  const LacpPort& port = ports_[static_cast<size_t>(p)];
  Lacpdu pdu;
  pdu.actor.system_priority = config_.system_priority;
  pdu.actor.system = config_.system;
  pdu.actor.key = port.actor_oper_key;
  pdu.actor.port_priority = port.port_priority;
  pdu.actor.port = port.port_number;
  pdu.actor.state = port.actor_state;
  pdu.partner = port.partner_oper;
  QUORATE_CHECK(pdu.actor.port != 0);
  return pdu;
}

std::optional<int> LacpSystem::active_aggregator() const {
  for (size_t i = 0; i < aggregators_.size(); ++i) {
    if (aggregators_[i].is_active) return static_cast<int>(i);
  }
  return std::nullopt;
}

bool LacpSystem::port_distributing(int p) const {
  const LacpPort& port = this->port(p);
  const std::optional<int> active = active_aggregator();
  return port.distributing && port.is_enabled && active.has_value() && port.aggregator == active;
}

bool LacpSystem::port_collecting(int p) const {
  const LacpPort& port = this->port(p);
  const std::optional<int> active = active_aggregator();
  return port.collecting && port.is_enabled && active.has_value() && port.aggregator == active;
}

std::vector<int> LacpSystem::distributing_ports() const {
  std::vector<int> out;
  for (int p = 0; p < port_count(); ++p) {
    if (port_distributing(p)) out.push_back(p);
  }
  return out;
}

bool LacpSystem::carrier() const {
  const std::optional<int> active = active_aggregator();
  if (!active.has_value()) return false;
  return agg_active_ports(*active) >= config_.min_links;
}

}  // namespace quorate::bond
