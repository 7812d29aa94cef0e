#include "tests/network_bond/bond_harness.h"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "engine/check.h"
#include "sim/bond/lacp_pdu.h"
#include "sim/bond/xmit_hash.h"

namespace quorate::bond::testing {
namespace {

constexpr int kPorts = 2;
const IpAddr kHostIp = IpAddr::v4(10, 0, 0, 1);

struct Peer {
  std::string name;
  MacAddr mac;
  IpAddr ip;
  MacAddr host_mac;  // the peer's ARP entry for the host
};

// One run: the host bond, the switch, the wires and the peers.
class Harness {
 public:
  explicit Harness(const Scenario& s);
  RunResult run();

 private:
  void schedule_bond_wake();
  void bond_timer();
  void switch_tick();
  void flush(BondOutputs& out);
  void host_send(size_t peer);
  void peer_send(size_t peer);
  void host_to_switch(int port, const FrameMeta& f, std::span<const std::byte> payload,
                      uint64_t id);
  void switch_to_host(int port, const FrameMeta& f, std::span<const std::byte> payload,
                      uint64_t id);
  void deliver_to_peer(const FrameMeta& f, uint64_t id);
  std::vector<int> egress_ports(const FrameMeta& f) const;
  void record(const std::string& flow, uint64_t id);

  Scenario s_;
  EventLoop loop_;
  BondDevice bond_;
  std::optional<LacpSystem> switch_lacp_;
  std::array<bool, kPorts> tx_ok_{true, true};
  std::array<bool, kPorts> rx_ok_{true, true};
  std::map<MacAddr, int> mac_table_;
  std::vector<Peer> peers_;
  std::map<uint64_t, std::pair<std::string, Instant>> sent_;
  std::set<uint64_t> delivered_;
  uint64_t next_id_ = 1;
  Instant scheduled_wake_ = Instant::max();
  RunResult result_;
};

Harness::Harness(const Scenario& s)
    : s_(s), bond_(s.options, kBondMac, two_members(), Instant::epoch(), 42) {
  peers_ = {{"B", {0x02, 0, 0, 0, 0, 0x0c}, IpAddr::v4(10, 0, 0, 2), kBondMac},
            {"C", {0x02, 0, 0, 0, 0, 0x0d}, IpAddr::v4(10, 0, 0, 3), kBondMac},
            {"D", {0x02, 0, 0, 0, 0, 0x0e}, IpAddr::v4(10, 0, 0, 4), kBondMac}};
  if (s.switch_kind == SwitchKind::kLacpLag) {
    LacpConfig c = s.switch_lacp;
    c.system = kSwitchMac;
    const std::vector<LacpPortConfig> ports(kPorts, LacpPortConfig{1000, true, 0, 255});
    switch_lacp_.emplace(c, ports);
  }
}

void Harness::record(const std::string& flow, uint64_t id) {
  sent_[id] = {flow, loop_.now()};
}

void Harness::schedule_bond_wake() {
  const Instant w = bond_.wake_at();
  if (w == scheduled_wake_) return;
  scheduled_wake_ = w;
  loop_.at(w, [this, w] {
    if (w == bond_.wake_at()) bond_timer();
  });
}

void Harness::bond_timer() {
  BondOutputs out;
  bond_.on_timer(loop_.now(), out);
  flush(out);
}

void Harness::flush(BondOutputs& out) {
  for (const BondEvent& e : out.events)
    result_.events.push_back(e);
  for (const ControlFrame& f : out.frames)
    host_to_switch(f.member.value, f.meta, f.payload, 0);
  out.clear();
  schedule_bond_wake();
}

void Harness::switch_tick() {
  std::vector<LacpTx> txs;
  switch_lacp_->tick(txs);
  for (const LacpTx& tx : txs) {
    FrameMeta f;
    f.src_mac = kSwitchMac;
    f.dst_mac = kLacpMulticastMac;
    f.ethertype = kEtherTypeSlow;
    const auto bytes = encode_lacpdu(tx.pdu);
    switch_to_host(tx.port, f, bytes, 0);
  }
  loop_.at(loop_.now() + kLacpTick, [this] { switch_tick(); });
}

void Harness::host_send(size_t p) {
  FrameMeta f;
  f.src_mac = kBondMac;
  f.dst_mac = peers_[p].mac;
  f.src_ip = kHostIp;
  f.dst_ip = peers_[p].ip;
  f.l4 = L4Proto::kUdp;
  f.src_port = f.dst_port = 5405;
  f.size_bytes = 200;
  BondOutputs out;
  const TxDecision d = bond_.select_tx(f, loop_.now(), out);
  const uint64_t id = next_id_++;
  record("A->" + peers_[p].name, id);
  f.src_mac = d.src_mac;
  for (const MemberId m : d.members)
    host_to_switch(m.value, f, {}, id);
  flush(out);
}

void Harness::peer_send(size_t p) {
  FrameMeta f;
  f.src_mac = peers_[p].mac;
  f.dst_mac = peers_[p].host_mac;
  f.src_ip = peers_[p].ip;
  f.dst_ip = kHostIp;
  f.l4 = L4Proto::kUdp;
  f.src_port = f.dst_port = 5405;
  const uint64_t id = next_id_++;
  record(peers_[p].name + "->A", id);
  for (const int port : egress_ports(f))
    switch_to_host(port, f, {}, id);
}

std::vector<int> Harness::egress_ports(const FrameMeta& f) const {
  switch (s_.switch_kind) {
    case SwitchKind::kTwoSwitches:
      return {0, 1};
    case SwitchKind::kLearning: {
      const auto it = mac_table_.find(f.dst_mac);
      if (it == mac_table_.end() || f.dst_is_multicast()) return {0, 1};
      return {it->second};
    }
    case SwitchKind::kStaticLag:
      return {static_cast<int>(xmit_hash(XmitHashPolicy::kLayer2, f) % kPorts)};
    case SwitchKind::kLacpLag: {
      const std::vector<int> usable = switch_lacp_->distributing_ports();
      if (usable.empty()) return {};
      return {usable[xmit_hash(XmitHashPolicy::kLayer2, f) % usable.size()]};
    }
  }
  QUORATE_UNREACHABLE();
}

void Harness::switch_to_host(int port, const FrameMeta& f, std::span<const std::byte> payload,
                             uint64_t id) {
  if (!rx_ok_[static_cast<size_t>(port)]) return;  // silent RX failure on the host's NIC
  BondOutputs out;
  const RxVerdict v =
      bond_.on_frame_received(MemberId{static_cast<uint8_t>(port)}, f, payload, loop_.now(), out);
  if (v == RxVerdict::kDeliver && id != 0) delivered_.insert(id);
  flush(out);
}

void Harness::host_to_switch(int port, const FrameMeta& f, std::span<const std::byte> payload,
                             uint64_t id) {
  if (!tx_ok_[static_cast<size_t>(port)]) return;  // silent TX failure on the host's NIC
  if (f.is_slow_protocol()) {
    if (!switch_lacp_.has_value()) return;
    const LacpduDecode d = decode_lacpdu(payload);
    QUORATE_CHECK(d.pdu.has_value());
    switch_lacp_->on_lacpdu(port, *d.pdu);
    return;
  }
  if (switch_lacp_.has_value() && !switch_lacp_->port_collecting(port)) return;
  mac_table_[f.src_mac] = port;
  if (f.dst_is_multicast() && s_.switch_kind == SwitchKind::kLearning) {
    const int other = 1 - port;  // flooding reaches the host's other member
    switch_to_host(other, f, {}, 0);
  }
  deliver_to_peer(f, id);
}

void Harness::deliver_to_peer(const FrameMeta& f, uint64_t id) {
  for (Peer& p : peers_) {
    const bool to_peer = f.dst_mac == p.mac || f.dst_is_multicast();
    if (!to_peer) continue;
    if (f.is_arp() && f.src_ip == kHostIp) p.host_mac = f.src_mac;  // GARP / alb update
    if (f.is_arp() && f.arp_op == ArpOp::kRequest && f.dst_ip == p.ip) {
      FrameMeta reply;
      reply.src_mac = p.mac;
      reply.dst_mac = f.src_mac;
      reply.ethertype = kEtherTypeArp;
      reply.arp_op = ArpOp::kReply;
      reply.src_ip = p.ip;
      reply.dst_ip = f.src_ip;
      for (const int port : egress_ports(reply))
        switch_to_host(port, reply, {}, 0);
    }
    if (f.dst_mac == p.mac && id != 0) delivered_.insert(id);
  }
}

RunResult Harness::run() {
  const Instant fail = Instant::epoch() + s_.fail_at;
  result_.fail_at = fail;
  schedule_bond_wake();
  if (switch_lacp_.has_value()) {
    loop_.at(Instant::epoch() + Duration::from_ms(50), [this] { switch_tick(); });
  }
  for (Instant t = Instant::epoch() + Duration::from_ms(7); t < Instant::epoch() + s_.run_for;
       t += s_.traffic_period) {
    loop_.at(t, [this] {
      for (size_t p = 0; p < peers_.size(); ++p) {
        host_send(p);
        peer_send(p);
      }
    });
  }
  const auto idx = static_cast<size_t>(s_.dead_member);
  loop_.at(fail, [this, idx] {
    if (s_.fault == Fault::kTxDead) tx_ok_[idx] = false;
    if (s_.fault == Fault::kRxDead) rx_ok_[idx] = false;
    if (s_.fault == Fault::kCarrierDown) {
      tx_ok_[idx] = rx_ok_[idx] = false;
      bond_.on_carrier(MemberId{static_cast<uint8_t>(idx)}, false, loop_.now());
      if (switch_lacp_.has_value()) switch_lacp_->set_port_link(static_cast<int>(idx), false);
      schedule_bond_wake();
    }
  });
  if (s_.repair_at.has_value()) {
    loop_.at(Instant::epoch() + *s_.repair_at, [this, idx] { tx_ok_[idx] = rx_ok_[idx] = true; });
  }
  loop_.run_until(Instant::epoch() + s_.run_for);
  for (const auto& [id, sent] : sent_) {
    FlowStats& st = result_.flows[sent.first];
    st.fail_at = fail;
    ++st.sent;
    if (sent.second < fail) continue;
    ++st.sent_after_fail;
    if (delivered_.count(id) != 0) continue;
    ++st.lost_after_fail;
    if (!st.first_lost.has_value()) st.first_lost = sent.second;
    st.last_lost = sent.second;
  }
  return result_;
}

}  // namespace

Duration FlowStats::window() const {
  return last_lost.has_value() ? *last_lost - fail_at : Duration::zero();
}

const FlowStats& RunResult::flow(const std::string& name) const {
  const auto it = flows.find(name);
  QUORATE_CHECK_MSG(it != flows.end(), "no such flow");
  return it->second;
}

void EventLoop::at(Instant t, std::function<void()> fn) {
  QUORATE_CHECK(t >= now_);
  queue_.push(Item{t, seq_++, std::move(fn)});
}

void EventLoop::run_until(Instant end) {
  while (!queue_.empty() && queue_.top().t <= end) {
    Item item = queue_.top();
    queue_.pop();
    now_ = item.t;
    item.fn();
  }
  now_ = end;
}

std::vector<MemberConfig> two_members() {
  return {MemberConfig{"eth0", {0x02, 0, 0, 0, 0, 0xa0}, 1000, true},
          MemberConfig{"eth1", {0x02, 0, 0, 0, 0, 0xa1}, 1000, true}};
}

RunResult run_scenario(const Scenario& scenario) {
  Harness h(scenario);
  return h.run();
}

}  // namespace quorate::bond::testing
