// Impairments: everything that can happen to a frame on ONE direction of ONE cable.
//
// Stages, in the order a frame meets them on a channel (each stage only draws from its own PRNG
// stream while it is enabled, so enabling one never shifts another's numbers):
//   1. black hole: ip_bytes > blackhole_above_bytes (if > 0) -> kMtu. No draw.
//   2. Bernoulli loss (loss_probability)                       -> kLoss. One draw.
//   3. Gilbert-Elliott loss (burst.enabled): the frame is lost with the loss probability of the
//      current state (good/bad), then the state moves (good->bad with p, bad->good with r), as
//      netem's gemodel. Two draws. With loss_in_good 0 and loss_in_bad 1, loss bursts are
//      geometric with mean 1/r frames and the long-run loss rate is p / (p + r).
//   4. Corruption (corrupt_probability): bits flip on the wire; Ethernet's FCS (CRC-32, which
//      detects every 1-, 2- and 3-bit error in a frame) makes the receiving end discard it, so a
//      corrupted frame is DROPPED (kCorruption), never delivered with flipped bits. Corruption
//      that escapes the FCS needs the World to deliver altered bytes (not possible through
//      RouteDecision yet). One draw.
//   5. Queue (rate_bps > 0): a FIFO serialising wire_bytes * 8 / rate; a frame arriving while
//      queue_frames frames are waiting or being sent is tail-dropped (kQueueFull).
//   6. Latency (latency.h), after serialisation.
//   7. Duplication (duplicate_probability): one extra copy with its own latency sample. One draw.
#pragma once

#include <cstdint>

#include "sim/net/latency.h"

namespace quorate::sim::net {

struct GilbertElliott {
  bool enabled = false;
  double good_to_bad = 0.0;   // p, per frame
  double bad_to_good = 1.0;   // r, per frame
  double loss_in_good = 0.0;  // netem's 1-k
  double loss_in_bad = 1.0;   // netem's 1-h
};

struct Impairments {
  Latency latency = Latency::constant(Duration::from_us(50));
  int64_t rate_bps = 0;           // 0 = no bandwidth limit (and no queue)
  uint32_t queue_frames = 1000;   // >= 1: frames waiting or in transmission
  double loss_probability = 0.0;  // [0, 1]
  GilbertElliott burst;
  double corrupt_probability = 0.0;    // [0, 1]
  double duplicate_probability = 0.0;  // [0, 1]
  uint32_t blackhole_above_bytes = 0;  // 0 = off; else IP packets larger than this vanish

  void validate() const;
};

// Sizes of one frame: the IP packet (UDP payload + 8 + IP header) and what the wire carries
// (Ethernet header 14 + FCS 4 + preamble 8 + inter-frame gap 12, padded to the 64-byte minimum).
struct FrameSize {
  uint32_t ip_bytes = 0;
  uint32_t wire_bytes = 0;

  static FrameSize for_udp(uint32_t payload_bytes, uint32_t ip_header_bytes);
};

}  // namespace quorate::sim::net
