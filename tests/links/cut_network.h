// CutNetwork: a test-support sim::Network for the link layer (tests/links only).
//
// Every link has a fixed one-way latency (default for all links, overridable per link). Any
// (from -> to, link) direction can be cut and healed at any time between World runs: the
// decision is taken at send time, so packets already in flight still arrive. An optional
// predicate drops chosen transmissions (e.g. one fragment). Every transmission is logged
// (metadata always, bytes only while capture is on) so tests can see which link carried what and
// replay captured datagrams with World::inject_packet. Deterministic: no clocks; randomness only
// from an optional seeded impairment (set_impairment: loss and uniform jitter, exactly two PRNG
// draws per transmission whatever the settings).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <set>
#include <tuple>
#include <vector>

#include "engine/ids.h"
#include "engine/prng.h"
#include "engine/time.h"
#include "sim/network.h"

namespace quorate::links::test {

struct Sent {
  Instant at;  // global send time
  NodeId from;
  LinkId link;
  NodeId to;
  size_t size = 0;
  bool delivered = false;
  std::vector<std::byte> bytes;  // only while capture is on
};

class CutNetwork final : public sim::Network {
 public:
  explicit CutNetwork(Duration latency);

  void set_latency(LinkId link, Duration latency);
  void cut(NodeId from, NodeId to, LinkId link);  // one direction
  void heal(NodeId from, NodeId to, LinkId link);
  void cut_both(NodeId a, NodeId b, LinkId link);
  void heal_both(NodeId a, NodeId b, LinkId link);
  void set_capture(bool on) { capture_ = on; }
  // Transmissions for which `drop` returns true are dropped (kLoss). Empty: none.
  void set_drop(std::function<bool(const sim::Transmission&)> drop) { drop_ = std::move(drop); }
  // Random loss (probability per transmission) and extra one-way delay uniform in [0, jitter]
  // (reorders packets), drawn from `prng`. Applies after cuts and the drop predicate.
  void set_impairment(double loss, Duration jitter, Prng prng);

  const std::vector<Sent>& log() const { return log_; }

  void route(const sim::Transmission& transmission, sim::RouteDecision& decision) override;

 private:
  using Direction = std::tuple<uint32_t, uint32_t, uint8_t>;
  std::array<Duration, kMaxLinks> latency_;
  std::set<Direction> cuts_;
  bool capture_ = false;
  std::function<bool(const sim::Transmission&)> drop_;
  double loss_ = 0.0;
  Duration jitter_;
  Prng prng_{0};
  std::vector<Sent> log_;
};

}  // namespace quorate::links::test
