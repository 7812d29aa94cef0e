// LacpSystem: the 802.3ad/802.1AX control machines of one aggregation system (a host's 802.3ad
// bond, or one LACP LAG group on a switch), learned from Linux's bond_3ad.c.
//
// Model:
// - One LacpPort per member port (index 0..n-1, port number index+1 unless given) and, as in
//   Linux, one aggregator per port (aggregator id = index+1). A port joins the aggregator whose
//   partner system/key match, or a free one; ad_select chooses the single active aggregator.
// - Time is ticks only: the owner calls tick() every kLacpTick (100 ms, Linux's
//   AD_TIMER_INTERVAL) and on_lacpdu() the moment a PDU arrives (Linux runs the receive machine
//   at once, the others on the next tick). Timers are tick counters exactly as in Linux:
//   periodic 1 s / 30 s chosen by the PARTNER's timeout bit, current_while 3 s / 90 s chosen by
//   the LOCAL timeout bit (lacp_rate), EXPIRED then (3 s later) DEFAULTED, wait_while 2 s,
//   at most one LACPDU per port every 300 ms (AD_MAX_TX_IN_SECOND 3), churn 60 s (diagnostic),
//   and the initial aggregator selection timer (8 s) that holds ports in ATTACHED.
// - Mux: Linux's coupled control (COLLECTING_DISTRIBUTING as one state, the default) or
//   independent control (COLLECTING, then DISTRIBUTING once the partner reports Collecting, and
//   back to COLLECTING when it stops), as Linux's coupled_control=0 and 802.1AX.
// - A port collects (port_collecting) and distributes (port_distributing) when Linux would mark
//   the member rx/tx enabled: its link is up and the mux enabled it in the active aggregator.
//
// Choices where the sources leave room (parameters in LacpConfig):
// - Linux runs port selection before the mux in the same tick, so a port that becomes
//   UNSELECTED (e.g. at DEFAULTED) is re-selected into a new aggregator without passing DETACHED
//   and sends no LACPDU with Sync=0 until its next periodic one (up to 30 s later). 802.1AX
//   re-selects only ports whose mux is DETACHED, so the Sync=0 LACPDU leaves at once.
//   select_only_when_detached=true gives the standard behaviour (the switch model uses it).
// - expired_clears_actor_sync (default false = Linux): a port whose receive machine is EXPIRED
//   stops advertising Sync, so the partner drops it about 3 s earlier. Some switches behave so;
//   research §2.3 marks it unverified.
// - agg_device_up() uses the port's link state (set_port_link), not a separate carrier bit.
//
// Ownership: a LacpSystem owns all its state; it never keeps references to its callers' data.
// Not thread-safe; deterministic: ports and aggregators are iterated by index.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "engine/time.h"
#include "sim/bond/bond_options.h"
#include "sim/bond/bond_types.h"
#include "sim/bond/lacp_pdu.h"

namespace quorate::bond {

inline constexpr Duration kLacpTick = Duration::from_ms(100);
inline constexpr int kLacpTicksPerSecond = 10;

struct LacpConfig {
  MacAddr system = kZeroMac;  // must not be zero
  uint16_t system_priority = 65535;
  LacpRate rate = LacpRate::kSlow;
  bool active = true;  // lacp_active; false = passive ("speak when spoken to")
  AdSelect ad_select = AdSelect::kStable;
  int min_links = 0;
  uint16_t user_port_key = 0;  // 0..1023, upper 10 bits of the key
  int agg_select_delay_ticks = 8 * kLacpTicksPerSecond;
  bool expired_clears_actor_sync = false;
  bool coupled_control = true;             // Linux default; false = independent control
  bool select_only_when_detached = false;  // Linux default; true = 802.1AX ordering
};

struct LacpPortConfig {
  uint32_t speed_mbps = 1000;
  bool link_up = true;
  uint16_t port_number = 0;  // 0 = index + 1
  uint16_t port_priority = 255;
};

enum class LacpRxState : uint8_t {
  kInitialize,
  kPortDisabled,
  kLacpDisabled,
  kExpired,
  kDefaulted,
  kCurrent
};
enum class LacpPeriodicState : uint8_t { kNoPeriodic, kFast, kSlow, kPeriodicTx };
enum class LacpMuxState : uint8_t {
  kDetached,
  kWaiting,
  kAttached,
  kCollectingDistributing,  // coupled control
  kCollecting,              // independent control
  kDistributing,            // independent control
};
enum class LacpChurnState : uint8_t { kNone, kMonitor, kNoChurn, kChurn };
std::string_view to_string(LacpRxState s);
std::string_view to_string(LacpMuxState s);

// Every variable of one port. Read-only to callers (through LacpSystem::port()).
struct LacpPort {
  uint16_t port_number = 0;
  uint16_t port_priority = 255;
  uint32_t speed_mbps = 0;
  bool is_enabled = false;    // link up as the bond sees it
  bool collecting = false;    // rx enabled at the device level
  bool distributing = false;  // tx enabled at the device level
  // sm_vars
  bool begin = true;
  bool lacp_enabled = true;
  bool selected = false;
  bool ready = false;
  bool ready_n = false;
  bool matched = false;
  bool churned = false;
  bool ntt = false;
  uint8_t actor_state = 0;
  uint16_t actor_admin_key = 0;
  uint16_t actor_oper_key = 0;
  LacpPortInfo partner_admin;
  LacpPortInfo partner_oper;
  std::optional<int> aggregator;                // index into the system's aggregators
  LacpRxState rx = LacpRxState::kPortDisabled;  // BEGIN moves it through INITIALIZE
  int rx_timer = 0;
  LacpPeriodicState periodic = LacpPeriodicState::kNoPeriodic;
  int periodic_timer = 0;
  LacpMuxState mux = LacpMuxState::kDetached;
  int mux_timer = 0;
  int tx_timer = 0;
  LacpChurnState actor_churn = LacpChurnState::kNone;
  LacpChurnState partner_churn = LacpChurnState::kNone;
  int actor_churn_timer = 0;
  int partner_churn_timer = 0;
  uint64_t pdus_received = 0;
  uint64_t pdus_sent = 0;
  uint64_t pdus_ignored = 0;  // loopback
};

struct LacpAggregator {
  int id = 0;
  bool is_individual = false;
  bool is_active = false;
  uint16_t actor_oper_key = 0;
  MacAddr partner_system = kZeroMac;
  uint16_t partner_system_priority = 0;
  uint16_t partner_key = 0;
  std::vector<int> lag_ports;  // most recently joined first, as Linux's list

  bool has_partner() const { return partner_system != kZeroMac; }
};

struct LacpTx {
  int port = 0;
  Lacpdu pdu;
};

class LacpSystem {
 public:
  LacpSystem(const LacpConfig& config, std::span<const LacpPortConfig> ports);

  // The bond's link monitor decided the port's link is up/down (bond_3ad_handle_link_change).
  void set_port_link(int port, bool up);
  // A decoded LACPDU arrived on `port`: runs the receive machine now.
  void on_lacpdu(int port, const Lacpdu& pdu);
  // One 100 ms tick of every machine; appends the LACPDUs to send.
  void tick(std::vector<LacpTx>& out);
  // lacp_rate changed at run time (bond_3ad_update_lacp_rate).
  void set_rate(LacpRate rate);

  int port_count() const { return static_cast<int>(ports_.size()); }
  const LacpPort& port(int index) const;
  const LacpAggregator& aggregator(int index) const;
  std::optional<int> active_aggregator() const;
  // Linux's usable-slave array: ports of the active aggregator that can transmit, in index order.
  std::vector<int> distributing_ports() const;
  bool port_distributing(int port) const;
  bool port_collecting(int port) const;
  // bond_3ad_set_carrier: an active aggregator with at least min_links link-up ports.
  bool carrier() const;
  int agg_select_timer() const { return agg_select_timer_; }
  const LacpConfig& config() const { return config_; }

 private:
  // lacp_system.cc
  void update_actor_keys(int p, bool reset);
  Lacpdu build_pdu(int p) const;
  // lacp_rx_machine.cc
  void rx_machine(int p, const Lacpdu* pdu);
  void enter_rx_state(int p, const Lacpdu* pdu);
  void choose_matched(int p, const Lacpdu& pdu);
  void record_pdu(int p, const Lacpdu& pdu);
  void record_default(int p);
  void update_selected(int p, const Lacpdu& pdu);
  void update_default_selected(int p);
  void update_ntt(int p, const Lacpdu& pdu);
  // lacp_timers.cc
  void periodic_machine(int p);
  void tx_machine(int p, std::vector<LacpTx>& out);
  void churn_machine(int p);
  // lacp_mux.cc
  void mux_machine(int p);
  void mux_step(int p);
  void enter_mux_state(int p);
  bool move_to_attached(int p);
  void step_attached(int p);
  void step_collecting(int p);
  void step_distributing(int p);
  void enter_attached(int p);
  bool agg_ports_ready(int agg) const;
  void set_agg_ports_ready(int agg);
  bool agg_is_active(int p) const;
  void enable_port(int p);
  void enable_collecting(int p);
  void disable_port_if_partnered(int p);
  void disable_distributing_if_partnered(int p);
  // lacp_selection.cc
  void port_selection(int p);
  void detach_from_aggregator(int p);
  int find_aggregator_for(int p) const;
  void agg_selection();
  bool better_aggregator(int best, int candidate) const;
  bool stable_keeps_active(int active, int best) const;
  int agg_active_ports(int agg) const;
  uint64_t agg_bandwidth(int agg) const;
  bool agg_device_up(int agg) const;

  LacpConfig config_;
  std::vector<LacpPort> ports_;
  std::vector<LacpAggregator> aggregators_;
  int agg_select_timer_ = 0;
};

// Linux's ad_link_speed_type for a speed in Mbit/s (0 for unknown speeds).
uint16_t lacp_speed_code(uint32_t speed_mbps);

}  // namespace quorate::bond
