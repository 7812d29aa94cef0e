#include "tests/links/cut_network.h"

#include "engine/check.h"

namespace quorate::links::test {

CutNetwork::CutNetwork(Duration latency) {
  QUORATE_CHECK(latency >= Duration::zero());
  latency_.fill(latency);
}

void CutNetwork::set_latency(LinkId link, Duration latency) {
  QUORATE_CHECK(link.valid() && latency >= Duration::zero());
  latency_[link.value] = latency;
}

void CutNetwork::cut(NodeId from, NodeId to, LinkId link) {
  cuts_.insert({from.value, to.value, link.value});
}

void CutNetwork::heal(NodeId from, NodeId to, LinkId link) {
  cuts_.erase({from.value, to.value, link.value});
}

void CutNetwork::cut_both(NodeId a, NodeId b, LinkId link) {
  cut(a, b, link);
  cut(b, a, link);
}

void CutNetwork::heal_both(NodeId a, NodeId b, LinkId link) {
  heal(a, b, link);
  heal(b, a, link);
}

void CutNetwork::set_impairment(double loss, Duration jitter, Prng prng) {
  QUORATE_CHECK(loss >= 0.0 && loss <= 1.0 && jitter >= Duration::zero());
  loss_ = loss;
  jitter_ = jitter;
  prng_ = prng;
}

void CutNetwork::route(const sim::Transmission& t, sim::RouteDecision& decision) {
  QUORATE_CHECK(decision.arrivals.empty());
  QUORATE_CHECK(t.link.valid());
  Sent& sent = log_.emplace_back(Sent{t.sent_at, t.from, t.link, t.to, t.bytes.size(), false, {}});
  if (capture_) sent.bytes.assign(t.bytes.begin(), t.bytes.end());
  if (cuts_.contains({t.from.value, t.to.value, t.link.value})) {
    decision.drop_reason = sim::DropReason::kPartition;
    return;
  }
  if (drop_ && drop_(t)) {
    decision.drop_reason = sim::DropReason::kLoss;
    return;
  }
  const bool lost = prng_.bernoulli(loss_);
  const Duration extra = Duration::from_ns(prng_.uniform_i64(0, jitter_.ns()));
  if (lost) {
    decision.drop_reason = sim::DropReason::kLoss;
    return;
  }
  sent.delivered = true;
  decision.arrivals.push_back(t.sent_at + latency_[t.link.value] + extra);
}

}  // namespace quorate::links::test
