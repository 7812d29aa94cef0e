// Which corosync.conf keys corosync types at parse time, and how it checks them.
//
// corosync stores every key in its cmap as a string unless the key's full dotted path is one
// of a fixed list, in which case the value must be a decimal integer in the type's range, or
// one of a fixed set of words. The messages are corosync's own (they are part of the
// compatibility surface: users grep for them). Pure functions, no state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace quorate::config {

enum class ValueKind { kString, kU8, kU16, kU32, kI32, kU64, kEnum };

// The kind corosync gives to the key at `path` ("totem.token", "totem.interface.mcastport",
// "nodelist.node.nodeid", "quorum.device.votes", ...). `path` uses the section names as
// written, i.e. without node or link indices.
ValueKind value_kind(std::string_view path);

// Checks `value` for the key at `path`. Returns corosync's parser error message, or nullopt
// when the value is acceptable. `display_key` is the key name corosync prints (for nodes it
// carries the node index: "nodelist.node.1.nodeid").
std::optional<std::string> check_value(std::string_view path, std::string_view value,
                                       std::string_view display_key);

// Integer parsing with corosync's rules: base 10, optional sign, whole string, in range.
std::optional<int64_t> parse_ranged(std::string_view value, ValueKind kind);
// strtoull rules (used for u64: config_version, poll_period): a leading '-' wraps, as in C.
std::optional<uint64_t> parse_u64(std::string_view value);

// cmap key names: 3..255 characters from [A-Za-z0-9_./:-].
bool valid_cmap_key_name(std::string_view key);
std::string store_error(std::string_view key);  // corosync's message for an invalid name

}  // namespace quorate::config
