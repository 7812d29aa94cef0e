#include "sim/net/bond_selector.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "engine/check.h"
#include "sim/net/bond_frames.h"

namespace quorate::sim::net {
namespace {

std::vector<bond::MemberConfig> member_configs(const model::Topology& topology,
                                               const model::Iface& iface) {
  std::vector<bond::MemberConfig> out;
  for (const model::NicId nic : iface.members) {
    const model::Nic& n = topology.nic(nic);
    out.push_back(bond::MemberConfig{n.name, to_bond_mac(n.mac), 1000, true});
  }
  return out;
}

std::string_view event_label(bond::BondEventKind kind) {
  switch (kind) {
    case bond::BondEventKind::kMemberUp:
      return "net.bond.member-up";
    case bond::BondEventKind::kMemberDown:
      return "net.bond.member-down";
    case bond::BondEventKind::kActiveChanged:
      return "net.bond.active";
    case bond::BondEventKind::kCarrierUp:
      return "net.bond.carrier-up";
    case bond::BondEventKind::kCarrierDown:
      return "net.bond.carrier-down";
    case bond::BondEventKind::kLacpPortDistributing:
      return "net.bond.lacp-distributing";
    case bond::BondEventKind::kTlbRebalance:
      return "net.bond.tlb-rebalance";
  }
  QUORATE_UNREACHABLE();
}

}  // namespace

BondSelector::BondSelector(const model::Topology& topology, model::IfaceId iface,
                           BondSelectorOptions options)
    : host_(topology.iface(iface).host),
      members_(topology.iface(iface).members),
      device_(options.bond, to_bond_mac(topology.iface(iface).mac),
              member_configs(topology, topology.iface(iface)), options.start, options.seed,
              options.lacp ? &*options.lacp : nullptr) {
  QUORATE_CHECK(!members_.empty() && members_.size() <= bond::kMaxMembers);
  QUORATE_CHECK(device_.member_count() == static_cast<int>(members_.size()));
}

model::NicId BondSelector::nic(bond::MemberId member) const {
  QUORATE_CHECK(member.value < members_.size());
  return members_[member.value];
}

bond::MemberId BondSelector::member_of(model::NicId nic) const {
  const auto it = std::find(members_.begin(), members_.end(), nic);
  QUORATE_CHECK_MSG(it != members_.end(), "not a member of this bond");
  return bond::MemberId{static_cast<uint8_t>(it - members_.begin())};
}

model::NicId BondSelector::select_egress(const FrameInfo& frame, Instant at) {
  EgressChoice choice;
  select_egress_all(frame, at, choice);
  return choice.nics.empty() ? model::NicId{} : choice.nics.front();
}

void BondSelector::select_egress_all(const FrameInfo& frame, Instant at, EgressChoice& out) {
  const bond::TxDecision d = device_.select_tx(data_meta(frame), at, out_);
  for (const bond::MemberId m : d.members)
    out.nics.push_back(nic(m));
  out.src_mac = from_bond_mac(d.src_mac);
  out.drop = d.drop == bond::TxDrop::kBondDown ? DropReason::kBondDown : DropReason::kNoMember;
  flush(true);
}

bool BondSelector::accept_ingress(model::NicId member, const FrameInfo& frame, Instant) {
  const bond::RxVerdict v = device_.accept_rx(member_of(member), data_meta(frame), frame.sent_at);
  flush(true);
  return v == bond::RxVerdict::kDeliver;
}

void BondSelector::attach(NetControl& net) {
  QUORATE_CHECK(net_ == nullptr && net.scheduler() != nullptr);
  net_ = &net;
  const Instant now = net.scheduler()->now();
  for (size_t m = 0; m < members_.size(); ++m) {
    if (!net.carrier(members_[m], now)) {
      device_.on_carrier(bond::MemberId{static_cast<uint8_t>(m)}, false, now);
    }
  }
  reschedule();
}

void BondSelector::carrier_changed(model::NicId member, bool up, Instant at) {
  device_.on_carrier(member_of(member), up, at);
  flush(false);
}

void BondSelector::on_control(model::NicId member, const ControlFrame& frame, Instant at) {
  device_.on_frame_received(member_of(member), control_meta(frame), frame.payload, at, out_);
  flush(false);
}

void BondSelector::on_wake(Instant now) {
  wake_event_ = NetEventId{};
  wake_at_ = Instant::max();
  device_.on_timer(now, out_);
  flush(false);
}

void BondSelector::flush(bool routing) {
  for (const bond::BondEvent& e : out_.events) {
    events_.push_back(e);
    if (net_ == nullptr) continue;
    net_->scheduler()->note(host_, event_label(e.kind),
                            {{"member", e.member.value}, {"value", e.value}});
  }
  std::vector<ControlFrame> frames;
  frames.reserve(out_.frames.size());
  for (const bond::ControlFrame& f : out_.frames) {
    frames.push_back(to_network(f));
  }
  std::vector<model::NicId> nics;
  for (const bond::ControlFrame& f : out_.frames)
    nics.push_back(nic(f.member));
  out_.clear();
  if (net_ == nullptr) return;  // not attached: no wires to send on yet
  if (!frames.empty()) {
    auto send = [this, nics, frames = std::move(frames)](Instant) mutable {
      for (size_t i = 0; i < frames.size(); ++i)
        net_->send_from_nic(nics[i], std::move(frames[i]));
    };
    if (routing) {
      net_->scheduler()->schedule(net_->scheduler()->now(), host_, "net.bond.tx", std::move(send));
    } else {
      send(net_->scheduler()->now());
    }
  }
  reschedule();
}

void BondSelector::reschedule() {
  if (net_ == nullptr) return;
  const Instant due = device_.wake_at();
  if (due == wake_at_) return;
  if (wake_event_.valid()) net_->scheduler()->cancel(wake_event_);
  wake_event_ = NetEventId{};
  wake_at_ = due;
  if (due == Instant::max()) return;
  const Instant at = std::max(due, net_->scheduler()->now());
  wake_event_ =
      net_->scheduler()->schedule(at, host_, "net.bond", [this](Instant now) { on_wake(now); });
}

}  // namespace quorate::sim::net
