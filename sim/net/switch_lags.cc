#include "sim/net/switch_lags.h"

#include <utility>

#include "engine/check.h"
#include "sim/bond/lacp_pdu.h"
#include "sim/bond/xmit_hash.h"
#include "sim/net/bond_frames.h"

namespace quorate::sim::net {

void StaticLag::bind(NetControl& net, const LagPorts& ports) {
  net_ = &net;
  ports_ = ports;
}

std::optional<size_t> StaticLag::select_port(const FrameInfo& frame, Instant at) {
  QUORATE_CHECK(net_ != nullptr);
  size_t usable[bond::kMaxMembers];
  size_t count = 0;
  for (size_t i = 0; i < ports_.nics.size() && count < bond::kMaxMembers; ++i) {
    if (net_->carrier(ports_.nics[i], at)) usable[count++] = i;
  }
  if (count == 0) return std::nullopt;
  return usable[bond::xmit_hash(policy_, data_meta(frame)) % count];
}

void LacpLag::bind(NetControl& net, const LagPorts& ports) {
  QUORATE_CHECK_MSG(options_.lacp.system != bond::kZeroMac, "an LACP LAG needs a system MAC");
  net_ = &net;
  ports_ = ports;
  std::vector<bond::LacpPortConfig> configs;
  for (size_t i = 0; i < ports.nics.size(); ++i) {
    configs.push_back(
        bond::LacpPortConfig{1000, net.carrier(ports.nics[i], options_.start), 0, 255});
  }
  system_.emplace(options_.lacp, configs);
  distributing_.assign(ports.nics.size(), false);
}

void LacpLag::attach() {
  NetworkScheduler* s = net_->scheduler();
  QUORATE_CHECK(s != nullptr);
  Instant first = options_.start + options_.tick_phase;
  while (first < s->now())
    first += bond::kLacpTick;
  s->schedule(first, NodeId{}, "net.lag", [this](Instant now) { tick(now); });
}

void LacpLag::tick(Instant now) {
  std::vector<bond::LacpTx> txs;
  system_->tick(txs);
  for (const bond::LacpTx& tx : txs) {
    ControlFrame frame;
    frame.kind = ControlKind::kSlowProtocol;
    frame.src_mac = from_bond_mac(options_.lacp.system);
    const auto bytes = bond::encode_lacpdu(tx.pdu);
    frame.payload.assign(bytes.begin(), bytes.end());
    net_->send_from_switch(ports_.sw, ports_.ports[static_cast<size_t>(tx.port)], std::move(frame));
  }
  note_distribution();
  net_->scheduler()->schedule(now + bond::kLacpTick, NodeId{}, "net.lag",
                              [this](Instant t) { tick(t); });
}

std::optional<size_t> LacpLag::select_port(const FrameInfo& frame, Instant) {
  const std::vector<int> usable = system_->distributing_ports();
  if (usable.empty()) return std::nullopt;
  return static_cast<size_t>(
      usable[bond::xmit_hash(options_.policy, data_meta(frame)) % usable.size()]);
}

bool LacpLag::accept(size_t member, const FrameInfo&, Instant) {
  return system_->port_collecting(static_cast<int>(member));
}

void LacpLag::carrier_changed(size_t member, bool up, Instant) {
  system_->set_port_link(static_cast<int>(member), up);
  note_distribution();
}

void LacpLag::on_control(size_t member, const ControlFrame& frame, Instant) {
  QUORATE_CHECK(frame.kind == ControlKind::kSlowProtocol);
  const bond::LacpduDecode decoded = bond::decode_lacpdu(frame.payload);
  if (!decoded.pdu.has_value()) return;  // malformed: ignored, as a switch does
  system_->on_lacpdu(static_cast<int>(member), *decoded.pdu);
  note_distribution();
}

void LacpLag::note_distribution() {
  for (size_t i = 0; i < distributing_.size(); ++i) {
    const bool now_distributing = system_->port_distributing(static_cast<int>(i));
    if (now_distributing == distributing_[i]) continue;
    distributing_[i] = now_distributing;
    if (net_->scheduler() == nullptr) continue;
    net_->scheduler()->note(
        NodeId{}, "net.lag.distributing",
        {{"sw", ports_.sw.value}, {"port", ports_.ports[i]}, {"value", now_distributing ? 1 : 0}});
  }
}

}  // namespace quorate::sim::net
