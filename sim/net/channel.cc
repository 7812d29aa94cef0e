#include "sim/net/channel.h"

#include <algorithm>
#include <utility>

#include "engine/check.h"

namespace quorate::sim::net {
namespace {

__extension__ typedef __int128 Int128;

bool probability(double p) {
  return p >= 0.0 && p <= 1.0;
}

// Serialisation time of `wire_bytes` at `rate_bps`, rounded up to whole nanoseconds.
Duration serialisation(uint32_t wire_bytes, int64_t rate_bps) {
  const Int128 bits_ns = static_cast<Int128>(wire_bytes) * 8 * 1'000'000'000;
  return Duration::from_ns(static_cast<int64_t>((bits_ns + rate_bps - 1) / rate_bps));
}

}  // namespace

void Impairments::validate() const {
  latency.validate();
  QUORATE_CHECK(rate_bps >= 0 && queue_frames >= 1);
  QUORATE_CHECK(probability(loss_probability) && probability(corrupt_probability) &&
                probability(duplicate_probability));
  QUORATE_CHECK(probability(burst.good_to_bad) && probability(burst.bad_to_good) &&
                probability(burst.loss_in_good) && probability(burst.loss_in_bad));
}

FrameSize FrameSize::for_udp(uint32_t payload_bytes, uint32_t ip_header_bytes) {
  constexpr uint32_t kUdpHeader = 8;
  constexpr uint32_t kMinIpBytes = 46;        // 64-byte minimum frame minus header and FCS
  constexpr uint32_t kEthernetOverhead = 38;  // header 14 + FCS 4 + preamble 8 + gap 12
  const uint32_t ip = payload_bytes + kUdpHeader + ip_header_bytes;
  return FrameSize{ip, std::max(ip, kMinIpBytes) + kEthernetOverhead};
}

Channel::Channel(uint64_t root_seed, std::string name, const Impairments& initial)
    : name_(std::move(name)),
      timeline_(initial),
      loss_(Prng::for_stream(root_seed, name_ + "/loss")),
      burst_(Prng::for_stream(root_seed, name_ + "/burst")),
      corrupt_(Prng::for_stream(root_seed, name_ + "/corrupt")),
      dup_(Prng::for_stream(root_seed, name_ + "/dup")),
      delay_(Prng::for_stream(root_seed, name_ + "/delay")),
      delay_seed_(stream_seed(root_seed, name_ + "/delay-interval")) {
  initial.validate();
}

void Channel::schedule(Instant at, const Impairments& impairments) {
  impairments.validate();
  timeline_.set(at, impairments);
}

bool Channel::burst_lost(const GilbertElliott& ge) {
  const bool lost = burst_.bernoulli(burst_bad_ ? ge.loss_in_bad : ge.loss_in_good);
  const bool move = burst_.bernoulli(burst_bad_ ? ge.bad_to_good : ge.good_to_bad);
  if (move) burst_bad_ = !burst_bad_;
  return lost;
}

size_t Channel::queued_at(Instant t) {
  while (!finishes_.empty() && finishes_.front() <= t)
    finishes_.pop_front();
  return finishes_.size();
}

std::optional<Instant> Channel::enqueue(const Impairments& imp, Instant entry, FrameSize size) {
  if (imp.rate_bps == 0) return entry;
  if (queued_at(entry) >= imp.queue_frames) return std::nullopt;
  const Instant start = std::max(entry, last_finish_);
  const Instant finish = start + serialisation(size.wire_bytes, imp.rate_bps);
  QUORATE_CHECK(finish > start);
  // Frames routed out of entry order may finish earlier than the last one; keep the deque sorted
  // by construction: finish >= last_finish_ because start >= last_finish_.
  finishes_.push_back(finish);
  last_finish_ = finish;
  return finish;
}

Instant Channel::arrival(const Impairments& imp, Instant departure) {
  const Latency& latency = imp.latency;
  if (latency.jitter == JitterMode::kPerPacket) return departure + latency.sample(delay_);
  const int64_t interval = departure.ns() / latency.jitter_interval.ns();
  Prng prng(splitmix64_mix(delay_seed_ ^ splitmix64_mix(static_cast<uint64_t>(interval))));
  const Instant at = std::max(departure + latency.sample(prng), last_arrival_);
  last_arrival_ = at;
  return at;
}

ChannelOutcome Channel::traverse(Instant entry, FrameSize size) {
  const Impairments& imp = timeline_.value_at(entry);
  ChannelOutcome out;
  if (imp.blackhole_above_bytes > 0 && size.ip_bytes > imp.blackhole_above_bytes) {
    out.drop = NetDropReason::kMtu;
  } else if (imp.loss_probability > 0.0 && loss_.bernoulli(imp.loss_probability)) {
    out.drop = NetDropReason::kLoss;
  } else if (imp.burst.enabled && burst_lost(imp.burst)) {
    out.drop = NetDropReason::kBurstLoss;
  } else if (imp.corrupt_probability > 0.0 && corrupt_.bernoulli(imp.corrupt_probability)) {
    out.drop = NetDropReason::kCorruption;
  }
  if (out.drop) return out;
  const std::optional<Instant> departure = enqueue(imp, entry, size);
  if (!departure) {
    out.drop = NetDropReason::kQueueFull;
    return out;
  }
  out.arrivals[out.copies++] = arrival(imp, *departure);
  if (imp.duplicate_probability > 0.0 && dup_.bernoulli(imp.duplicate_probability)) {
    out.arrivals[out.copies++] = arrival(imp, *departure);
  }
  QUORATE_CHECK(out.arrivals[0] >= entry);
  return out;
}

}  // namespace quorate::sim::net
