// RingOptions: every timer and constant of the totem ring, as plain values.
//
// Contract:
// - Copied into the Totem at construction; nothing here is referenced later.
// - corosync_ring_defaults(N) fills them the way corosync derives them (research §1.4/§1.5):
//     token_rt          = token + (N > 2 ? (N - 2) * token_coefficient : 0)
//     token_retransmit  = (int)(token_rt / (token_retransmits_before_loss_const + 0.2))
//     hold              = (int)(token_retransmit * 0.8 - 10)
//     consensus         = (int)(float)(1.2 * token_rt)
//   with join 50 ms, merge 200 ms, fail_recv_const 2500, seqno_unchanged_const 30,
//   window_size 50, max_messages 17, miss_count_const 5. N counts CONFIGURED nodes.
//   e.g. N = 3: token 3650, token_retransmit 869, hold 685, consensus 4380 (ms).
// - This header does not depend on config/: a later change converts a parsed corosync.conf into
//   RingOptions (explicit token_retransmit/hold/consensus override the derivation there).
// - validate() is the one place that says which option sets the Totem accepts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/time.h"

namespace quorate::ring {

// Largest number of entries on a token's retransmit list (RETRANSMIT_ENTRIES_MAX).
inline constexpr uint32_t kRetransmitEntriesMax = 30;
// Largest membership (PROCESSOR_COUNT_MAX).
inline constexpr uint32_t kProcessorCountMax = 384;
// Largest application message (MESSAGE_SIZE_MAX, 1 MiB).
inline constexpr uint32_t kMessageSizeMax = 1u << 20;
// Messages a node may hold un-released (QUEUE_RTR_ITEMS_SIZE_MAX); flow control stops sending
// before the ring gets further than this ahead of the last released message.
inline constexpr uint64_t kQueueRtrItemsMax = 16384;

struct RingOptions {
  Duration token = Duration::from_ms(3000);  // the RUNTIME token (token_rt)
  Duration token_retransmit = Duration::from_ms(714);
  Duration hold = Duration::from_ms(561);
  Duration join = Duration::from_ms(50);
  Duration consensus = Duration::from_ms(3600);
  Duration merge = Duration::from_ms(200);
  uint32_t fail_recv_const = 2500;
  uint32_t seqno_unchanged_const = 30;
  uint32_t window_size = 50;
  uint32_t max_messages = 17;
  uint32_t miss_count_const = 5;
};

// corosync's runtime token for `configured_nodes` nodes.
Duration corosync_runtime_token(int configured_nodes, Duration token = Duration::from_ms(3000),
                                Duration coefficient = Duration::from_ms(650));
// corosync's derived defaults for `configured_nodes` nodes (see the header comment).
RingOptions corosync_ring_defaults(int configured_nodes, Duration token = Duration::from_ms(3000),
                                   Duration coefficient = Duration::from_ms(650),
                                   uint32_t retransmits_before_loss = 4);

// nullopt if acceptable, otherwise one line saying why not (corosync's minimums: 30 ms timers,
// hold >= 14 ms, consensus >= join, window_size >= max_messages >= 1).
std::optional<std::string> validate(const RingOptions& options);

}  // namespace quorate::ring
