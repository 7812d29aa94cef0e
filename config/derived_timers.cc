#include "config/derived_timers.h"

#include "engine/check.h"

namespace quorate::config {

uint32_t runtime_token_ms(uint32_t token_ms, uint32_t coefficient_ms, int ring0_members) {
  QUORATE_CHECK(ring0_members >= 0);
  if (ring0_members <= 2) return token_ms;
  return token_ms + static_cast<uint32_t>(ring0_members - 2) * coefficient_ms;
}

uint32_t formula_token_retransmit_ms(uint32_t token_rt_ms, uint32_t retransmits_before_loss) {
  return static_cast<uint32_t>(static_cast<int>(token_rt_ms / (retransmits_before_loss + 0.2)));
}

uint32_t formula_hold_ms(uint32_t token_retransmit_ms) {
  return static_cast<uint32_t>(static_cast<int>(token_retransmit_ms * 0.8 - 10));
}

uint32_t formula_consensus_ms(uint32_t token_rt_ms) {
  return static_cast<uint32_t>(static_cast<int>(static_cast<float>(1.2 * token_rt_ms)));
}

uint32_t formula_token_warning_ms(uint32_t token_rt_ms, uint32_t percent) {
  return percent * token_rt_ms / 100;  // u32 arithmetic, as in corosync
}

namespace {

// An explicit setting wins; otherwise the formula's value, marked derived.
Setting<uint32_t> explicit_or(const Setting<uint32_t>& s, uint32_t formula) {
  if (s.is_set()) return s;
  return Setting<uint32_t>{formula, ValueSource::kDerived, 0};
}

LinkTimers link_timers(const CorosyncConfig& c, int link, uint32_t token_rt) {
  LinkTimers t;
  t.link = link;
  InterfaceConfig defaults;
  auto it = c.totem.interfaces.find(link);
  const InterfaceConfig& iface = it != c.totem.interfaces.end() ? it->second : defaults;
  t.pong_count = iface.knet_pong_count;
  t.ping_precision = iface.knet_ping_precision;
  t.priority = iface.knet_link_priority;
  t.knet_transport = iface.knet_transport;
  uint32_t pong = t.pong_count.value;
  t.ping_timeout_ms = explicit_or(iface.knet_ping_timeout_ms, token_rt / pong);
  t.ping_interval_ms = explicit_or(iface.knet_ping_interval_ms, token_rt / (pong * 2));
  bool broadcast = iface.broadcast.value == "yes";
  uint32_t port = kDefaultPort + static_cast<uint32_t>(broadcast ? 2 * link : link);
  t.port = iface.mcastport.is_set() ? iface.mcastport
                                    : Setting<uint32_t>{port, ValueSource::kDefault, 0};
  return t;
}

}  // namespace

DerivedTimers derive_timers(const CorosyncConfig& c) {
  const TotemTimers& t = c.totem.timers;
  DerivedTimers d;
  d.ring0_members = c.ring0_member_count();
  uint32_t token_rt =
      runtime_token_ms(t.token_ms.value, t.token_coefficient_ms.value, d.ring0_members);
  d.token_ms = t.token_ms;
  if (token_rt != t.token_ms.value) d.token_ms = {token_rt, ValueSource::kDerived, 0};
  d.token_retransmit_ms = explicit_or(
      t.token_retransmit_ms,
      formula_token_retransmit_ms(token_rt, t.token_retransmits_before_loss_const.value));
  d.hold_ms = explicit_or(t.hold_ms, formula_hold_ms(d.token_retransmit_ms.value));
  d.consensus_ms = explicit_or(t.consensus_ms, formula_consensus_ms(token_rt));
  d.token_warning_ms = {formula_token_warning_ms(token_rt, t.token_warning_percent.value),
                        ValueSource::kDerived, 0};
  for (int link : c.configured_links()) {
    if (link >= 0 && link < kMaxLinks) d.links[link] = link_timers(c, link, token_rt);
  }
  return d;
}

}  // namespace quorate::config
