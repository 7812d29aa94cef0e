// Effective totem and knet timers, computed the way corosync 3.1.7 computes them
// (totem_volatile_config_read and the knet ping timer calculation).
//
//   N                = nodes with a ring0_addr
//   token_rt         = token + (N > 2 ? (N - 2) * token_coefficient : 0)
//   token_retransmit = (int)(token_rt / (token_retransmits_before_loss_const + 0.2))
//   hold             = (int)(token_retransmit * 0.8 - 10)
//   consensus        = (int)(float)(1.2 * token_rt)
//   token_warning    = token_warning% * token_rt / 100            (u32 arithmetic)
//   knet ping_timeout  = token_rt / pong_count          unless set on the interface
//   knet ping_interval = token_rt / (2 * pong_count)    unless set on the interface
// An explicit (non-zero) token_retransmit/hold/consensus in the file wins over the formula.
// The casts are exactly C's (double division truncated toward zero, the float round trip
// for consensus), so the values match corosync's runtime.config.* keys.
//
// Pure functions of a CorosyncConfig; the result is a value the caller owns.
#pragma once

#include <cstdint>
#include <map>

#include "config/corosync_config.h"
#include "engine/ids.h"
#include "engine/time.h"

namespace quorate::config {

inline constexpr uint32_t kDefaultPort = 5405;
inline constexpr uint32_t kMinimumTimeoutMs = 30;      // 3 * (1000 / HZ)
inline constexpr uint32_t kMinimumHoldTimeoutMs = 14;  // (int)(30 * 0.8 - 10)

// The formulas, separately testable.
uint32_t runtime_token_ms(uint32_t token_ms, uint32_t coefficient_ms, int ring0_members);
uint32_t formula_token_retransmit_ms(uint32_t token_rt_ms, uint32_t retransmits_before_loss);
uint32_t formula_hold_ms(uint32_t token_retransmit_ms);
uint32_t formula_consensus_ms(uint32_t token_rt_ms);
uint32_t formula_token_warning_ms(uint32_t token_rt_ms, uint32_t percent);

struct LinkTimers {
  int link = 0;
  Setting<uint32_t> ping_interval_ms;
  Setting<uint32_t> ping_timeout_ms;
  Setting<uint32_t> pong_count;
  Setting<uint32_t> ping_precision;
  Setting<uint32_t> priority;
  Setting<uint32_t> port;
  Setting<std::string> knet_transport;

  LinkId link_id() const { return LinkId{static_cast<uint8_t>(link)}; }  // link is 0..7
  Duration ping_interval() const { return Duration::from_ms(ping_interval_ms.value); }
  Duration ping_timeout() const { return Duration::from_ms(ping_timeout_ms.value); }
};

struct DerivedTimers {
  int ring0_members = 0;
  Setting<uint32_t> token_ms;  // runtime token (kDerived when the coefficient applied)
  Setting<uint32_t> token_retransmit_ms;
  Setting<uint32_t> hold_ms;
  Setting<uint32_t> consensus_ms;
  Setting<uint32_t> token_warning_ms;
  std::map<int, LinkTimers> links;  // every configured link

  Duration token() const { return Duration::from_ms(token_ms.value); }
  Duration token_retransmit() const { return Duration::from_ms(token_retransmit_ms.value); }
  Duration hold() const { return Duration::from_ms(hold_ms.value); }
  Duration consensus() const { return Duration::from_ms(consensus_ms.value); }
};

DerivedTimers derive_timers(const CorosyncConfig& config);

// A millisecond setting as a Duration (join, merge, max_network_delay, ...).
inline Duration to_duration(const Setting<uint32_t>& ms) {
  return Duration::from_ms(ms.value);
}

}  // namespace quorate::config
