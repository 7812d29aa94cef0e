#include "config/conf_schema.h"

#include <array>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <limits>

#include "config/conf_parser.h"

namespace quorate::config {
namespace {

struct TypedKey {
  std::string_view path;
  ValueKind kind;
};

constexpr std::array kTypedKeys = {
    TypedKey{"totem.version", ValueKind::kU32},
    TypedKey{"totem.nodeid", ValueKind::kU32},
    TypedKey{"totem.threads", ValueKind::kU32},
    TypedKey{"totem.token", ValueKind::kU32},
    TypedKey{"totem.token_coefficient", ValueKind::kU32},
    TypedKey{"totem.token_retransmit", ValueKind::kU32},
    TypedKey{"totem.token_warning", ValueKind::kU32},
    TypedKey{"totem.hold", ValueKind::kU32},
    TypedKey{"totem.token_retransmits_before_loss_const", ValueKind::kU32},
    TypedKey{"totem.join", ValueKind::kU32},
    TypedKey{"totem.send_join", ValueKind::kU32},
    TypedKey{"totem.consensus", ValueKind::kU32},
    TypedKey{"totem.merge", ValueKind::kU32},
    TypedKey{"totem.downcheck", ValueKind::kU32},
    TypedKey{"totem.fail_recv_const", ValueKind::kU32},
    TypedKey{"totem.seqno_unchanged_const", ValueKind::kU32},
    TypedKey{"totem.rrp_token_expired_timeout", ValueKind::kU32},
    TypedKey{"totem.rrp_problem_count_timeout", ValueKind::kU32},
    TypedKey{"totem.rrp_problem_count_threshold", ValueKind::kU32},
    TypedKey{"totem.rrp_problem_count_mcast_threshold", ValueKind::kU32},
    TypedKey{"totem.rrp_autorecovery_check_timeout", ValueKind::kU32},
    TypedKey{"totem.heartbeat_failures_allowed", ValueKind::kU32},
    TypedKey{"totem.max_network_delay", ValueKind::kU32},
    TypedKey{"totem.window_size", ValueKind::kU32},
    TypedKey{"totem.max_messages", ValueKind::kU32},
    TypedKey{"totem.miss_count_const", ValueKind::kU32},
    TypedKey{"totem.knet_pmtud_interval", ValueKind::kU32},
    TypedKey{"totem.knet_mtu", ValueKind::kU32},
    TypedKey{"totem.knet_compression_threshold", ValueKind::kU32},
    TypedKey{"totem.netmtu", ValueKind::kU32},
    TypedKey{"totem.knet_compression_level", ValueKind::kI32},
    TypedKey{"totem.config_version", ValueKind::kU64},
    TypedKey{"totem.ip_version", ValueKind::kEnum},
    TypedKey{"totem.crypto_model", ValueKind::kEnum},
    TypedKey{"totem.crypto_cipher", ValueKind::kEnum},
    TypedKey{"totem.crypto_hash", ValueKind::kEnum},
    TypedKey{"totem.knet_compression_model", ValueKind::kEnum},
    TypedKey{"totem.interface.linknumber", ValueKind::kU8},
    TypedKey{"totem.interface.mcastport", ValueKind::kU16},
    TypedKey{"totem.interface.ttl", ValueKind::kU8},
    TypedKey{"totem.interface.knet_link_priority", ValueKind::kU8},
    TypedKey{"totem.interface.knet_ping_interval", ValueKind::kU32},
    TypedKey{"totem.interface.knet_ping_timeout", ValueKind::kU32},
    TypedKey{"totem.interface.knet_ping_precision", ValueKind::kU32},
    TypedKey{"totem.interface.knet_pong_count", ValueKind::kU32},
    TypedKey{"nodelist.node.nodeid", ValueKind::kU32},
    TypedKey{"nodelist.node.quorum_votes", ValueKind::kU32},
    TypedKey{"quorum.expected_votes", ValueKind::kU32},
    TypedKey{"quorum.votes", ValueKind::kU32},
    TypedKey{"quorum.last_man_standing_window", ValueKind::kU32},
    TypedKey{"quorum.leaving_timeout", ValueKind::kU32},
    TypedKey{"quorum.two_node", ValueKind::kU8},
    TypedKey{"quorum.expected_votes_tracking", ValueKind::kU8},
    TypedKey{"quorum.allow_downscale", ValueKind::kU8},
    TypedKey{"quorum.wait_for_all", ValueKind::kU8},
    TypedKey{"quorum.auto_tie_breaker", ValueKind::kU8},
    TypedKey{"quorum.last_man_standing", ValueKind::kU8},
    TypedKey{"quorum.device.timeout", ValueKind::kU32},
    TypedKey{"quorum.device.sync_timeout", ValueKind::kU32},
    TypedKey{"quorum.device.votes", ValueKind::kU32},
    TypedKey{"quorum.device.master_wins", ValueKind::kU8},
    TypedKey{"system.qb_ipc_type", ValueKind::kEnum},
    TypedKey{"system.sched_rr", ValueKind::kEnum},
    TypedKey{"system.move_to_root_cgroup", ValueKind::kEnum},
    TypedKey{"system.allow_knet_handle_fallback", ValueKind::kEnum},
    TypedKey{"pload.count", ValueKind::kU32},
    TypedKey{"pload.size", ValueKind::kU32},
    TypedKey{"resources.watchdog_timeout", ValueKind::kU32},
    TypedKey{"resources.system.poll_period", ValueKind::kU64},
    TypedKey{"resources.system.memory_used.poll_period", ValueKind::kU64},
    TypedKey{"resources.process.poll_period", ValueKind::kU64},
    TypedKey{"resources.process.memory_used.poll_period", ValueKind::kU64},
};

struct EnumKey {
  std::string_view path;
  std::array<std::string_view, 6> allowed;  // empty entries unused
  std::string_view message;
};

constexpr std::array kEnumKeys = {
    EnumKey{"totem.ip_version", {"ipv4", "ipv6", "ipv6-4", "ipv4-6"}, "Invalid ip_version type"},
    // The installed libknet (1.25) offers nss and openssl; corosync lists what knet has.
    EnumKey{
        "totem.crypto_model", {"nss", "openssl"}, "Invalid crypto model. Should be nss or openssl"},
    EnumKey{"totem.crypto_cipher",
            {"none", "aes256", "aes192", "aes128"},
            "Invalid cipher type. Should be none, aes256, aes192 or aes128"},
    EnumKey{"totem.crypto_hash",
            {"none", "md5", "sha1", "sha256", "sha384", "sha512"},
            "Invalid hash type. Should be none, md5, sha1, sha256, sha384 or sha512"},
    EnumKey{"totem.knet_compression_model",
            {"zlib", "lz4", "lz4hc", "lzo2", "lzma", "bzip2"},
            "Invalid compression model. Should be zlib, lz4, lz4hc, lzo2, lzma, bzip2 or zstd"},
    EnumKey{"system.qb_ipc_type", {"native", "shm", "socket"}, "Invalid system.qb_ipc_type"},
    EnumKey{"system.sched_rr", {"yes", "no"}, "Invalid system.sched_rr value"},
    EnumKey{
        "system.move_to_root_cgroup", {"yes", "no", "auto"}, "Invalid system.move_to_root_cgroup"},
    EnumKey{"system.allow_knet_handle_fallback",
            {"yes", "no"},
            "Invalid system.allow_knet_handle_fallback"},
};

bool enum_allows(const EnumKey& e, std::string_view value) {
  if (e.path == "totem.knet_compression_model" && value == "zstd") return true;
  for (std::string_view a : e.allowed) {
    if (!a.empty() && a == value) return true;
  }
  return false;
}

struct Range {
  int64_t min;
  int64_t max;
};

Range range_of(ValueKind kind) {
  switch (kind) {
    case ValueKind::kU8:
      return {0, 255};
    case ValueKind::kU16:
      return {0, 65535};
    case ValueKind::kU32:
      return {0, 4294967295LL};
    case ValueKind::kI32:
      return {-2147483648LL, 2147483647LL};
    default:
      return {0, 0};
  }
}

}  // namespace

ValueKind value_kind(std::string_view path) {
  for (const TypedKey& k : kTypedKeys) {
    if (k.path == path) return k.kind;
  }
  return ValueKind::kString;
}

std::optional<int64_t> parse_ranged(std::string_view value, ValueKind kind) {
  std::string s(value);
  errno = 0;
  char* end = nullptr;
  long long v = std::strtoll(s.c_str(), &end, 10);
  if (errno == ERANGE || end == s.c_str() || *end != '\0') return std::nullopt;
  Range r = range_of(kind);
  if (v < r.min || v > r.max) return std::nullopt;
  return static_cast<int64_t>(v);
}

std::optional<uint64_t> parse_u64(std::string_view value) {
  std::string s(value);
  errno = 0;
  char* end = nullptr;
  unsigned long long v = std::strtoull(s.c_str(), &end, 10);
  if (errno == ERANGE || end == s.c_str() || *end != '\0') return std::nullopt;
  return static_cast<uint64_t>(v);
}

std::optional<std::string> check_value(std::string_view path, std::string_view value,
                                       std::string_view display_key) {
  ValueKind kind = value_kind(path);
  switch (kind) {
    case ValueKind::kString:
      return std::nullopt;
    case ValueKind::kU64:
      if (parse_u64(value)) return std::nullopt;
      return "Value of key \"" + std::string(display_key) +
             "\" is expected to be unsigned integer, but \"" + std::string(value) + "\" was given";
    case ValueKind::kEnum:
      for (const EnumKey& e : kEnumKeys) {
        if (e.path == path) {
          if (enum_allows(e, value)) return std::nullopt;
          return std::string(e.message);
        }
      }
      return std::nullopt;
    default:
      break;
  }
  if (parse_ranged(value, kind)) return std::nullopt;
  Range r = range_of(kind);
  return "Value of key \"" + std::string(display_key) + "\" is expected to be integer in range (" +
         std::to_string(r.min) + ".." + std::to_string(r.max) + "), but \"" + std::string(value) +
         "\" was given";
}

bool valid_cmap_key_name(std::string_view key) {
  if (key.size() < 3 || key.size() > kCmapKeyMaxLen) return false;
  for (char c : key) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
              c == '/' || c == ':';
    if (!ok) return false;
  }
  return true;
}

std::string store_error(std::string_view key) {
  return "Can't store key \"" + std::string(key) +
         "\" into icmap, returned error is CS_ERR_NAME_TOO_LONG";
}

}  // namespace quorate::config
