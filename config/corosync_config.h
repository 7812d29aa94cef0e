// The typed corosync configuration: what a corosync.conf means, key by key, with corosync's
// defaults filled in and every value marked as set in the file or defaulted.
//
// Ownership: CorosyncConfig is a plain value, built from a CmapView by build_config() and
// owned by the caller. It holds no pointers into the tree or the view.
// Invariants:
// - Every Setting carries the source line when `origin == kSet` (0 otherwise).
// - Raw corosync numbers keep corosync's units in their names (`token_ms`); fields that are
//   meaningful as time spans in the engine are exposed as Duration by derived_timers.h.
// - `nodes` is in nodelist order (corosync's node index); `interfaces` is keyed by link.
// - build_config() never fails: values that did not pass the parser's typed checks are
//   simply absent from the view and therefore defaulted here. Semantic problems are found by
//   validate() (validate.h), not here.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/cmap_view.h"
#include "engine/ids.h"

namespace quorate::config {

// Where a value came from: the file, corosync's default, or a formula over other values.
enum class ValueSource { kDefault, kSet, kDerived };

template <typename T>
struct Setting {
  T value{};
  ValueSource origin = ValueSource::kDefault;
  int line = 0;

  bool is_set() const { return origin == ValueSource::kSet; }
};

enum class Transport { kKnet, kUdpu, kUdp };
enum class IpVersion { kIpv4, kIpv6, kIpv4_6, kIpv6_4 };

const char* to_string(Transport t);
const char* to_string(IpVersion v);

// Timers and constants of totem (all u32 in corosync; 0 in the file means "use the default"
// for every key except token_warning, send_join and heartbeat_failures_allowed).
struct TotemTimers {
  Setting<uint32_t> token_ms{3000};
  Setting<uint32_t> token_coefficient_ms{650};
  Setting<uint32_t> token_warning_percent{75};
  Setting<uint32_t> token_retransmits_before_loss_const{4};
  Setting<uint32_t> token_retransmit_ms{0};  // 0 = derive
  Setting<uint32_t> hold_ms{0};              // 0 = derive
  Setting<uint32_t> join_ms{50};
  Setting<uint32_t> send_join_ms{0};
  Setting<uint32_t> consensus_ms{0};  // 0 = derive
  Setting<uint32_t> merge_ms{200};
  Setting<uint32_t> downcheck_ms{1000};
  Setting<uint32_t> fail_recv_const{2500};
  Setting<uint32_t> seqno_unchanged_const{30};
  Setting<uint32_t> heartbeat_failures_allowed{0};
  Setting<uint32_t> max_network_delay_ms{50};
  Setting<uint32_t> window_size{50};
  Setting<uint32_t> max_messages{17};
  Setting<uint32_t> miss_count_const{5};
  Setting<std::string> block_unlisted_ips{"yes"};
  Setting<std::string> cancel_token_hold_on_retransmit{"no"};
};

struct InterfaceConfig {
  int link_number = 0;  // as written (linknumber is a u8: 8..255 parse but are invalid)
  int line = 0;         // first key line seen for this link's interface section(s)
  Setting<uint32_t> knet_link_priority{1};
  Setting<uint32_t> knet_ping_interval_ms{0};  // 0 = derive from token
  Setting<uint32_t> knet_ping_timeout_ms{0};   // 0 = derive from token
  Setting<uint32_t> knet_ping_precision{2048};
  Setting<uint32_t> knet_pong_count{2};
  Setting<std::string> knet_transport{"udp"};
  Setting<uint32_t> mcastport{0};  // 0 = 5405 + link
  Setting<uint32_t> ttl{1};
  Setting<std::string> bindnetaddr;
  Setting<std::string> mcastaddr;
  Setting<std::string> broadcast;
};

struct TotemConfig {
  Setting<uint32_t> version{0};
  Setting<std::string> cluster_name;
  Setting<uint64_t> config_version{0};
  Setting<IpVersion> ip_version{IpVersion::kIpv6_4};
  Setting<std::string> transport{"knet"};  // as written; see `transport_kind`
  Transport transport_kind = Transport::kKnet;
  Setting<std::string> link_mode{"passive"};
  Setting<std::string> secauth{"off"};
  Setting<std::string> crypto_model{"nss"};
  Setting<std::string> crypto_cipher{"none"};  // effective, after secauth
  Setting<std::string> crypto_hash{"none"};    // effective, after secauth
  Setting<std::string> keyfile{"/etc/corosync/authkey"};
  Setting<std::string> key;  // inline key (rare)
  Setting<uint32_t> netmtu{0};
  Setting<uint32_t> knet_mtu{0};
  Setting<uint32_t> knet_pmtud_interval_s{30};
  Setting<std::string> knet_compression_model{"none"};
  Setting<uint32_t> knet_compression_threshold{0};
  Setting<int32_t> knet_compression_level{0};
  Setting<uint32_t> nodeid{0};  // deprecated totem.nodeid
  Setting<std::string> clear_node_high_bit{"no"};
  TotemTimers timers;
  std::map<int, InterfaceConfig> interfaces;  // by link number, from interface{} sections

  bool crypto_enabled() const {
    return crypto_cipher.value != "none" || crypto_hash.value != "none";
  }
};

struct RingAddr {
  std::string addr;
  int line = 0;
};

struct NodeConfig {
  int index = 0;                // position in the nodelist (corosync's nodelist.node.<index>)
  int line = 0;                 // line of the first key of this node
  Setting<uint32_t> nodeid{0};  // 0 = not set
  Setting<std::string> name;
  Setting<uint32_t> quorum_votes{1};
  std::map<int, RingAddr> rings;  // ring number as written (may be >= 8: invalid)

  NodeId id() const { return NodeId{nodeid.value}; }
  const RingAddr* ring(int n) const;
};

struct QuorumDeviceConfig {
  int line = 0;
  Setting<std::string> model;
  Setting<uint32_t> votes{0};  // 0 = automatic
  Setting<uint32_t> timeout_ms{10000};
  Setting<uint32_t> sync_timeout_ms{30000};
  Setting<uint32_t> master_wins{0};
};

struct QuorumConfig {
  Setting<std::string> provider;
  Setting<uint32_t> expected_votes{0};  // 0 = sum of quorum_votes
  Setting<uint32_t> votes{0};           // deprecated quorum.votes
  Setting<uint32_t> two_node{0};
  Setting<uint32_t> wait_for_all{0};  // defaults to two_node
  Setting<uint32_t> last_man_standing{0};
  Setting<uint32_t> last_man_standing_window_ms{10000};
  Setting<uint32_t> auto_tie_breaker{0};
  Setting<std::string> auto_tie_breaker_node{"lowest"};
  Setting<uint32_t> allow_downscale{0};
  Setting<uint32_t> expected_votes_tracking{0};
  std::optional<QuorumDeviceConfig> device;
};

struct LoggerSubsysConfig {
  std::string subsys;
  int line = 0;
  std::map<std::string, CmapEntry> keys;  // debug, to_syslog, ... as written
};

struct LoggingConfig {
  Setting<std::string> to_stderr{"no"};
  Setting<std::string> to_logfile{"no"};
  Setting<std::string> to_syslog{"yes"};
  Setting<std::string> logfile;
  Setting<std::string> debug{"off"};
  Setting<std::string> timestamp{"off"};
  Setting<std::string> fileline{"off"};
  Setting<std::string> function_name{"off"};
  Setting<std::string> syslog_facility{"daemon"};
  Setting<std::string> syslog_priority{"info"};
  Setting<std::string> logfile_priority{"info"};
  Setting<std::string> blackbox{"on"};
  std::map<std::string, LoggerSubsysConfig> subsystems;  // keyed by subsys name
};

struct CorosyncConfig {
  std::string file;
  Setting<std::string> state_dir{"/var/lib/corosync"};  // system.state_dir
  TotemConfig totem;
  std::vector<NodeConfig> nodes;
  QuorumConfig quorum;
  LoggingConfig logging;

  // Nodes with a ring0_addr: corosync's interfaces[0].member_count, the N of the runtime
  // token formula.
  int ring0_member_count() const;
  // Link numbers used by any node (ringX_addr) or named by an interface section with keys.
  std::vector<int> configured_links() const;
};

CorosyncConfig build_config(const CmapView& view, std::string file);

}  // namespace quorate::config
