#include "sim/scenario/cluster_model.h"

#include <charconv>
#include <string>

#include "engine/check.h"

namespace quorate::scenario {

std::optional<NodeId> ClusterModel::find(std::string_view name_or_id) const {
  for (const ClusterNode& n : nodes)
    if (n.name == name_or_id) return n.id;
  uint32_t value = 0;
  const char* end = name_or_id.data() + name_or_id.size();
  const auto [ptr, ec] = std::from_chars(name_or_id.data(), end, value);
  if (ec != std::errc{} || ptr != end) return std::nullopt;
  for (const ClusterNode& n : nodes)
    if (n.id.value == value) return n.id;
  return std::nullopt;
}

const ClusterNode& ClusterModel::node(NodeId id) const {
  for (const ClusterNode& n : nodes)
    if (n.id == id) return n;
  QUORATE_CHECK_MSG(false, "not a node of the cluster");
  return nodes.front();
}

bool ClusterModel::has_link(LinkId link) const {
  for (const LinkId l : links)
    if (l == link) return true;
  return false;
}

std::string ClusterModel::links_text() const {
  std::string text;
  for (const LinkId l : links)
    text += (text.empty() ? "" : ", ") + to_string(l);
  return text;
}

std::string compact_corosync_conf(int nodes, int links, uint32_t token_ms,
                                  std::string_view link_mode, bool crypto) {
  std::string text = "totem {\n  version: 2\n  cluster_name: scenario\n  ip_version: ipv4\n";
  text += "  token: " + std::to_string(token_ms) + "\n";
  text += "  link_mode: " + std::string(link_mode) + "\n";
  if (crypto) text += "  crypto_cipher: aes256\n  crypto_hash: sha256\n";
  text += "}\n\nnodelist {\n";
  for (int k = 1; k <= nodes; ++k) {
    text +=
        "  node {\n    nodeid: " + std::to_string(k) + "\n    name: pve" + std::to_string(k) + "\n";
    for (int l = 0; l < links; ++l) {
      text += "    ring" + std::to_string(l) + "_addr: 10." + std::to_string(l) + "." +
              std::to_string(k / 256) + "." + std::to_string(k % 256) + "\n";
    }
    text += "  }\n";
  }
  text += "}\n\nquorum {\n  provider: corosync_votequorum\n}\n";
  return text;
}

}  // namespace quorate::scenario
