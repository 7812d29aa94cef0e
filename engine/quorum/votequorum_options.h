// votequorum options (the corosync.conf `quorum {}` section plus the nodelist votes) and the
// start-up rules corosync applies to them (corosync:exec/votequorum.c votequorum_readconfig).
//
// Contract:
// - VotequorumOptions is a plain value filled by whoever parsed corosync.conf (a converter from
//   config/ comes later; this module does not depend on config/). Unset keys are std::nullopt or
//   the corosync default.
// - resolve_options() is a pure function: options + the local node id + the persisted
//   expected_votes_tracking barrier in, either a start-up error (corosync's exact message, the
//   daemon refuses to start) or the ResolvedOptions the votequorum state machine runs with.
//   Disabling rules (ATB turns two_node off, ATB off on odd votes without wait_for_all, an invalid
//   auto_tie_breaker_node string) are not errors: they are logged, and `log` keeps the lines.
// - Only the start-up path is modelled (VOTEQUORUM_READCONFIG_STARTUP). Runtime reload rules are
//   not: wait_for_all, LMS and ATB cannot change at runtime anyway.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/ids.h"
#include "engine/time.h"

namespace quorate::quorum {

inline constexpr Duration kDefaultLmsWindow = Duration::from_ms(10'000);       // DEFAULT_LMS_WIN
inline constexpr Duration kDefaultQdeviceTimeout = Duration::from_ms(10'000);  // device.timeout
inline constexpr Duration kDefaultQdeviceSyncTimeout = Duration::from_ms(30'000);

// One nodelist entry as votequorum sees it: its id and nodelist.node.N.quorum_votes.
struct NodeVotes {
  NodeId id;
  uint32_t votes = 1;
};

// quorum.device {}: only the keys votequorum itself reads.
struct DeviceOptions {
  std::string model = "net";      // must be non-empty for the device to count as configured
  std::optional<uint32_t> votes;  // quorum.device.votes; unset = automatic
  Duration timeout = kDefaultQdeviceTimeout;
  Duration sync_timeout = kDefaultQdeviceSyncTimeout;
};

struct VotequorumOptions {
  // nodelist.node.* in file order. Empty = no nodelist (then expected_votes is required).
  std::vector<NodeVotes> nodelist;
  std::optional<uint32_t> expected_votes;  // quorum.expected_votes (0 counts as unset)
  std::optional<uint32_t> votes;           // deprecated quorum.votes, used without a nodelist
  bool two_node = false;
  std::optional<bool> wait_for_all;  // unset: on when two_node is on (wait_for_all_autoset)
  bool last_man_standing = false;
  Duration last_man_standing_window = kDefaultLmsWindow;
  bool auto_tie_breaker = false;
  std::optional<std::string> auto_tie_breaker_node;  // "lowest" | "highest" | "3 1 2"
  bool allow_downscale = false;
  bool expected_votes_tracking = false;
  std::optional<DeviceOptions> device;
};

enum class AtbMode : uint8_t { kNone, kLowest, kHighest, kList };
const char* to_string(AtbMode mode);

// What votequorum runs with after the start-up rules. Per node: `votes` and `expected_votes`
// depend on the local node's nodelist entry.
struct ResolvedOptions {
  uint32_t votes = 1;           // this node's votes
  uint32_t expected_votes = 0;  // this node's initial expected_votes
  uint32_t node_count = 0;      // nodelist entries
  bool two_node = false;
  bool wait_for_all = false;
  AtbMode atb = AtbMode::kNone;
  std::vector<NodeId> atb_nodes;  // kList only, in configured order
  bool last_man_standing = false;
  Duration last_man_standing_window = kDefaultLmsWindow;
  bool allow_downscale = false;
  bool ev_tracking = false;
  bool have_qdevice = false;
  uint32_t qdevice_votes = 0;
  Duration qdevice_timeout = kDefaultQdeviceTimeout;
  Duration qdevice_sync_timeout = kDefaultQdeviceSyncTimeout;
  // Log lines corosync prints while resolving (CRIT/WARNING), in order, without the level.
  std::vector<std::string> log;
};

// A start-up refusal: corosync's message, e.g.
// "configuration error: two_node and quorum device cannot be configured at the same time!".
struct StartupError {
  std::string message;
};

using ResolveResult = std::variant<ResolvedOptions, StartupError>;

// Applies votequorum_readconfig's start-up rules for node `local`. `ev_tracking_barrier` is the
// value persisted in state_dir/ev_tracking (0 when absent); it only matters with
// expected_votes_tracking or allow_downscale.
ResolveResult resolve_options(const VotequorumOptions& options, NodeId local,
                              uint32_t ev_tracking_barrier = 0);

// Parses auto_tie_breaker_node like corosync's parse_atb_string: "lowest", "highest", or a
// whitespace-separated list of node ids read with strtol until the first 0/non-number. Returns
// kNone for an invalid string.
AtbMode parse_atb_nodes(const std::string& text, std::vector<NodeId>& list_out);

}  // namespace quorate::quorum
