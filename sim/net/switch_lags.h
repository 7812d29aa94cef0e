// The switch side of bonds: a static LAG and an LACP LAG (SwitchLag, switch_lag.h).
//
// StaticLag (EtherChannel "mode on"; what balance-rr, balance-xor and broadcast bonds need): the
// switch hashes each frame leaving through the group with ITS OWN policy (research §1.3: the two
// ends' policies need not match) over the member ports whose carrier is up, with the kernel's
// formulas (sim/bond/xmit_hash.h) as the switch's hash (choice: vendors' hashes differ; any
// deterministic f(src, dst) pins each flow to one port, which is what matters). There is no
// liveness protocol: only carrier loss removes a member; every member accepts.
//
// LacpLag: one LacpSystem (sim/bond/lacp_system.h) for the group, with the switch's own
// LacpConfig (system MAC, rate, and the machine ordering: the default here is 802.1AX's, see
// LacpLagOptions). Its 100 ms tick runs as a World event at start + tick_phase + k * 100 ms
// (label "net.lag"); its LACPDUs leave through NetControl::send_from_switch on the member port
// and meet the wire and the host NIC's RX state like data; the host's LACPDUs reach
// on_control. A member's carrier sets the port's link (set_port_link) at its instant. Egress:
// the switch's hash over distributing_ports() (none: kNoMember); ingress: port_collecting().
// Distribution changes are traced as `state:net.lag.distributing` (n0) with port and value.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/time.h"
#include "sim/bond/bond_options.h"
#include "sim/bond/lacp_system.h"
#include "sim/net/switch_lag.h"

namespace quorate::sim::net {

class StaticLag final : public SwitchLag {
 public:
  explicit StaticLag(bond::XmitHashPolicy policy = bond::XmitHashPolicy::kLayer2)
      : policy_(policy) {}
  void bind(NetControl& net, const LagPorts& ports) override;
  std::optional<size_t> select_port(const FrameInfo& frame, Instant at) override;
  bool accept(size_t, const FrameInfo&, Instant) override { return true; }

 private:
  bond::XmitHashPolicy policy_;
  NetControl* net_ = nullptr;
  LagPorts ports_;
};

struct LacpLagOptions {
  bond::LacpConfig lacp = standard_switch_lacp();               // system must be set (non-zero)
  bond::XmitHashPolicy policy = bond::XmitHashPolicy::kLayer2;  // the switch's egress hash
  Instant start = Instant::epoch();
  Duration tick_phase = Duration::from_ms(50);  // the switch's ticks are not the host's

  // 802.1AX ordering (select only DETACHED ports) and independent control: the switch side of
  // tests/network_bond. Pass Linux's defaults (LacpConfig{}) for a Linux-like switch.
  static bond::LacpConfig standard_switch_lacp() {
    bond::LacpConfig c;
    c.coupled_control = false;
    c.select_only_when_detached = true;
    return c;
  }
};

class LacpLag final : public SwitchLag {
 public:
  explicit LacpLag(LacpLagOptions options) : options_(std::move(options)) {}
  void bind(NetControl& net, const LagPorts& ports) override;
  void attach() override;
  std::optional<size_t> select_port(const FrameInfo& frame, Instant at) override;
  bool accept(size_t member, const FrameInfo& frame, Instant at) override;
  void carrier_changed(size_t member, bool up, Instant at) override;
  void on_control(size_t member, const ControlFrame& frame, Instant at) override;

  const bond::LacpSystem& system() const { return *system_; }

 private:
  void tick(Instant now);
  void note_distribution();

  LacpLagOptions options_;
  NetControl* net_ = nullptr;
  LagPorts ports_;
  std::optional<bond::LacpSystem> system_;
  std::vector<bool> distributing_;  // last traced, per member
};

}  // namespace quorate::sim::net
