#include "engine/ring/ring_options.h"

#include "engine/check.h"

namespace quorate::ring {

Duration corosync_runtime_token(int configured_nodes, Duration token, Duration coefficient) {
  QUORATE_CHECK(configured_nodes >= 1);
  if (configured_nodes <= 2) return token;
  return token + coefficient * (configured_nodes - 2);
}

RingOptions corosync_ring_defaults(int configured_nodes, Duration token, Duration coefficient,
                                   uint32_t retransmits_before_loss) {
  QUORATE_CHECK(retransmits_before_loss >= 1);
  const Duration rt = corosync_runtime_token(configured_nodes, token, coefficient);
  // corosync does this arithmetic on integer milliseconds with C casts; so do we.
  const int64_t token_ms = rt.ms();
  const auto retransmit_ms = static_cast<int64_t>(
      static_cast<double>(token_ms) / (static_cast<double>(retransmits_before_loss) + 0.2));
  const auto hold_ms = static_cast<int64_t>(static_cast<double>(retransmit_ms) * 0.8 - 10.0);
  const auto consensus_ms =
      static_cast<int64_t>(static_cast<float>(1.2 * static_cast<double>(token_ms)));
  RingOptions o;
  o.token = rt;
  o.token_retransmit = Duration::from_ms(retransmit_ms);
  o.hold = Duration::from_ms(hold_ms);
  o.consensus = Duration::from_ms(consensus_ms);
  return o;
}

std::optional<std::string> validate(const RingOptions& o) {
  const Duration min = Duration::from_ms(30);
  if (o.token < min) return "token must be at least 30 ms";
  if (o.token_retransmit < min) return "token_retransmit must be at least 30 ms";
  if (o.join < min) return "join must be at least 30 ms";
  if (o.consensus < min) return "consensus must be at least 30 ms";
  if (o.merge < min) return "merge must be at least 30 ms";
  if (o.hold < Duration::from_ms(14)) return "hold must be at least 14 ms";
  if (o.consensus < o.join) return "consensus must be at least join";
  if (o.max_messages < 1) return "max_messages must be at least 1";
  if (o.window_size < o.max_messages) return "window_size must be at least max_messages";
  if (o.miss_count_const < 1) return "miss_count_const must be at least 1";
  if (o.fail_recv_const < 1) return "fail_recv_const must be at least 1";
  return std::nullopt;
}

}  // namespace quorate::ring
