// SwitchFabric: the L2 behaviour of every switch of a topology: power/forwarding state over
// time, MAC learning with ageing, and the trunk-forest next hops used when flooding.
//
// Learning: a frame entering switch S on port p teaches S "src MAC is behind p" at the frame's
// arrival time t. An entry is fresh at time u while |u - last_seen| < the switch's mac_ageing
// (the absolute value because route() may process a frame that reaches S slightly earlier than
// one already learned from; an entry only moves forward in time). A newer sighting on another
// port moves the entry (counted as a MAC move: what a bond failover or a flapping LAG causes).
// Forwarding: a fresh entry sends the frame out of that one port (dropped if it is the ingress
// port, as a bridge does); otherwise the frame is flooded, and of the flood only the copies on
// ports leading towards the destination interface's member NICs matter (the others are
// discarded by foreign NICs' MAC filters and are not simulated).
//
// State: kUp forwards; kDown is powered off (every attached NIC loses carrier, frames reaching
// it are lost); kSilent keeps carrier on every port but forwards nothing (a gray failure).
// Storage: MAC tables are hash maps used for lookup only, never iterated.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "engine/time.h"
#include "model/topology.h"
#include "sim/net/timeline.h"

namespace quorate::sim::net {

enum class SwitchState : uint8_t { kUp, kDown, kSilent };

inline constexpr uint32_t kNoPort = UINT32_MAX;

struct FabricStats {
  uint64_t learned = 0;    // new entries
  uint64_t mac_moves = 0;  // entries moved to another port
  uint64_t floods = 0;     // frames forwarded without a fresh entry
};

class SwitchFabric {
 public:
  explicit SwitchFabric(const model::Topology& topology);

  void schedule_state(model::SwitchId sw, Instant at, SwitchState state);
  SwitchState state_at(model::SwitchId sw, Instant at) const;
  // The instants at which the switch's state changes, ascending.
  std::vector<Instant> state_change_times(model::SwitchId sw) const;
  void learn(model::SwitchId sw, model::MacAddress mac, uint32_t port, Instant at);
  // The fresh learned port of `mac` at `at`, if any.
  std::optional<uint32_t> learned_port(model::SwitchId sw, model::MacAddress mac, Instant at) const;
  // The port of `sw` on the trunk-forest path towards `nic` (kNoPort if not in the same tree).
  uint32_t port_toward(model::SwitchId sw, model::NicId nic) const;
  void count_flood() { ++stats_.floods; }
  const FabricStats& stats() const { return stats_; }

 private:
  struct MacEntry {
    uint32_t port = kNoPort;
    Instant last_seen;
  };
  struct SwitchRuntime {
    Timeline<SwitchState> state{SwitchState::kUp};
    absl::flat_hash_map<uint64_t, MacEntry> macs;  // by MAC value; lookup only
    Duration ageing;
    std::vector<uint32_t> port_toward;  // by NicId value
  };
  void build_next_hops(const model::Topology& topology);

  std::vector<SwitchRuntime> switches_;  // by SwitchId value
  FabricStats stats_;
};

}  // namespace quorate::sim::net
