// Writing a ConfTree back to corosync.conf text, and the edits later rooms need.
//
// The writer emits one node per line: comments and blank lines as they were, "name {" and
// "}" for sections, "key: value" for keys, indented two spaces per level (the Proxmox VE
// style). Invariant (tested on every bundled example): for any tree produced by
// parse_conf_text, parse_conf_text(write_conf(tree)) has the same content, and builds the
// same typed configuration.
//
// Edits work on the tree, so comments and order survive; they return an error message
// instead of changing anything when the request does not fit the file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/conf_tree.h"

namespace quorate::config {

std::string write_conf(const ConfTree& tree);

// Sets `key` in the section at dotted `section_path` ("totem", "quorum.device"). The last
// occurrence of the key (the one corosync uses) is changed; otherwise the key is appended to
// the last matching section, creating missing sections at the end of their parent.
void set_key(ConfTree& tree, std::string_view section_path, std::string_view key,
             std::string value);

struct EditResult {
  bool ok = true;
  std::string error;  // when !ok
};

// totem.config_version += 1 (0 when absent, so the result is 1). On success *new_version
// holds the value written.
EditResult bump_config_version(ConfTree& tree, uint64_t* new_version);

// Adds link `link` (0..7): a ring<link>_addr to every node of the nodelist, in nodelist
// order (`addrs` must have one address per node), and a "totem { interface { linknumber:
// <link> ... } }" section holding `interface_keys`.
EditResult add_link(ConfTree& tree, int link, const std::vector<std::string>& addrs,
                    const std::vector<std::pair<std::string, std::string>>& interface_keys = {});

}  // namespace quorate::config
