// Channel: one direction of one cable, with its schedule of impairments and its state (queue,
// Gilbert-Elliott state, FIFO bound). See impairments.h for what happens to a frame on it.
//
// Streams: a channel named N draws from the streams "N/loss", "N/burst", "N/corrupt", "N/dup"
// and "N/delay" under the network's root seed. Names come from the topology (host and NIC
// names, switch names), so adding a host never shifts another channel's numbers.
//
// Order: traverse() is called in route() order. For a channel leaving a host that is also
// entry-time order (exact). For a channel behind a switch, frames from different senders may be
// routed in an order that differs slightly from the order they reach it; the queue then serves
// them in route() order. A World hook for network-timed events (sim/network.h "Growing it")
// would make that exact: each hop an event, processed in time order.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include "engine/prng.h"
#include "engine/time.h"
#include "sim/net/drop_reason.h"
#include "sim/net/impairments.h"
#include "sim/net/timeline.h"

namespace quorate::sim::net {

struct ChannelOutcome {
  std::optional<NetDropReason> drop;  // set: no copy leaves the channel
  std::array<Instant, 2> arrivals{};  // arrival at the far end, copies valid entries
  int copies = 0;
};

class Channel {
 public:
  Channel(uint64_t root_seed, std::string name, const Impairments& initial);

  // From `at` on, frames entering the channel meet `impairments`.
  void schedule(Instant at, const Impairments& impairments);
  const Impairments& impairments_at(Instant at) const { return timeline_.value_at(at); }
  // A frame of `size` enters at `entry`.
  ChannelOutcome traverse(Instant entry, FrameSize size);

  const std::string& name() const { return name_; }
  size_t queued_at(Instant t);  // frames waiting or in transmission at t (drains the queue)

 private:
  bool burst_lost(const GilbertElliott& ge);
  std::optional<Instant> enqueue(const Impairments& imp, Instant entry, FrameSize size);
  Instant arrival(const Impairments& imp, Instant departure);

  std::string name_;
  Timeline<Impairments> timeline_;
  Prng loss_;
  Prng burst_;
  Prng corrupt_;
  Prng dup_;
  Prng delay_;
  uint64_t delay_seed_;  // for per-interval samples
  bool burst_bad_ = false;
  std::deque<Instant> finishes_;  // serialisation end of frames waiting or in transmission
  Instant last_finish_;
  Instant last_arrival_;  // FIFO bound for per-interval jitter
};

}  // namespace quorate::sim::net
