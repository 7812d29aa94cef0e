// ClusterModel: what the runner needs to know about the simulated cluster, derived from a
// corosync.conf (given inline or by path) or from the compact form (`nodes: 5, links: 2`),
// which is turned into corosync.conf text first so both go through config/ the same way.
//
// Timers: each configured link gets the link layer's corosync defaults for the runtime token
// (links::corosync_link_defaults) with the interface's explicit knet_* settings and priority
// applied (config::derive_timers already resolves explicit versus derived values).
//
// Ownership: a plain value. Node names are the nodelist `name` (or "node<id>" without one).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ids.h"
#include "engine/links/link_options.h"
#include "engine/time.h"

namespace quorate::scenario {

struct ClusterNode {
  NodeId id;
  std::string name;
};

struct ClusterModel {
  std::vector<ClusterNode> nodes;  // ascending id
  std::vector<LinkId> links;       // configured links, ascending
  std::array<std::optional<links::LinkOptions>, kMaxLinks> link_options;
  links::LinkMode mode = links::LinkMode::kPassive;
  std::vector<std::byte> cluster_key;  // empty: no crypto
  Duration runtime_token;
  std::string conf_text;  // the corosync.conf the model came from (generated for compact form)

  std::optional<NodeId> find(std::string_view name_or_id) const;
  const ClusterNode& node(NodeId id) const;  // check-fails when absent
  bool has_link(LinkId link) const;
  std::string name(NodeId id) const { return node(id).name; }
  std::string links_text() const;  // "0, 1"
};

// The corosync.conf text of the compact form. Nodes 1..nodes named pve<k>, ring addresses
// 10.<link>.0.<k>, the given token (ms) and link mode; crypto on when `crypto`.
std::string compact_corosync_conf(int nodes, int links, uint32_t token_ms,
                                  std::string_view link_mode, bool crypto);

}  // namespace quorate::scenario
