#include "config/conf_writer.h"

#include "config/conf_schema.h"
#include "engine/check.h"
#include "engine/ids.h"

namespace quorate::config {
namespace {

void write_level(const std::vector<ConfNode>& level, int depth, std::string& out) {
  const std::string indent(static_cast<size_t>(depth) * 2, ' ');
  for (const ConfNode& n : level) {
    switch (n.kind) {
      case ConfNode::Kind::kBlank:
        out += "\n";
        break;
      case ConfNode::Kind::kComment:
        out += indent + n.text + "\n";
        break;
      case ConfNode::Kind::kKeyValue:
        out += indent + n.name + ":" + (n.value.empty() ? "" : " " + n.value) + "\n";
        break;
      case ConfNode::Kind::kSection:
        out += indent + n.name + " {\n";
        write_level(n.children, depth + 1, out);
        out += indent + "}\n";
        break;
    }
  }
}

// The last section named `name` in `level`, appended when absent.
ConfNode& ensure_section(std::vector<ConfNode>& level, std::string_view name) {
  std::vector<ConfNode*> found = sections_named(level, name);
  if (!found.empty()) return *found.back();
  level.push_back(ConfNode::section(std::string(name)));
  return level.back();
}

std::vector<ConfNode*> node_sections(ConfTree& tree) {
  std::vector<ConfNode*> nodes;
  for (ConfNode* list : sections_named(tree.nodes, "nodelist")) {
    for (ConfNode* node : sections_named(list->children, "node"))
      nodes.push_back(node);
  }
  return nodes;
}

}  // namespace

std::string write_conf(const ConfTree& tree) {
  std::string out;
  write_level(tree.nodes, 0, out);
  return out;
}

void set_key(ConfTree& tree, std::string_view section_path, std::string_view key,
             std::string value) {
  std::vector<ConfNode>* level = &tree.nodes;
  while (!section_path.empty()) {
    size_t dot = section_path.find('.');
    std::string_view head = section_path.substr(0, dot);
    level = &ensure_section(*level, head).children;
    section_path =
        dot == std::string_view::npos ? std::string_view{} : section_path.substr(dot + 1);
  }
  if (ConfNode* existing = last_key(*level, key)) {
    existing->value = std::move(value);
    return;
  }
  level->push_back(ConfNode::key_value(std::string(key), std::move(value)));
}

EditResult bump_config_version(ConfTree& tree, uint64_t* new_version) {
  QUORATE_CHECK(new_version != nullptr);
  ConfNode* current = nullptr;  // corosync uses the last one over all totem sections
  for (ConfNode* totem : sections_named(tree.nodes, "totem")) {
    if (ConfNode* k = last_key(totem->children, "config_version")) current = k;
  }
  uint64_t version = 0;
  if (current != nullptr) {
    std::optional<uint64_t> parsed = parse_u64(current->value);
    if (!parsed) return {false, "totem.config_version \"" + current->value + "\" is not a number"};
    version = *parsed;
  }
  if (version == UINT64_MAX) return {false, "totem.config_version cannot be increased"};
  *new_version = version + 1;
  if (current != nullptr) {
    current->value = std::to_string(*new_version);
  } else {
    set_key(tree, "totem", "config_version", std::to_string(*new_version));
  }
  return {};
}

EditResult add_link(ConfTree& tree, int link, const std::vector<std::string>& addrs,
                    const std::vector<std::pair<std::string, std::string>>& interface_keys) {
  if (link < 0 || link >= kMaxLinks) return {false, "link must be 0..7"};
  std::vector<ConfNode*> nodes = node_sections(tree);
  if (nodes.size() != addrs.size()) {
    return {false, "add_link: " + std::to_string(addrs.size()) + " addresses for " +
                       std::to_string(nodes.size()) + " nodes"};
  }
  const std::string ring_key = "ring" + std::to_string(link) + "_addr";
  for (ConfNode* node : nodes) {
    if (last_key(node->children, ring_key) != nullptr) {
      return {false, "add_link: a node already has " + ring_key};
    }
  }
  for (size_t i = 0; i < nodes.size(); ++i) {
    std::vector<ConfNode>& kids = nodes[i]->children;
    size_t pos = 0;  // after the last ringX_addr, or at the end
    for (size_t j = 0; j < kids.size(); ++j) {
      if (kids[j].kind == ConfNode::Kind::kKeyValue && kids[j].name.rfind("ring", 0) == 0)
        pos = j + 1;
    }
    if (pos == 0) pos = kids.size();
    kids.insert(kids.begin() + static_cast<std::ptrdiff_t>(pos),
                ConfNode::key_value(ring_key, addrs[i]));
  }
  ConfNode& totem = ensure_section(tree.nodes, "totem");
  ConfNode iface = ConfNode::section("interface");
  iface.children.push_back(ConfNode::key_value("linknumber", std::to_string(link)));
  for (const auto& [k, v] : interface_keys)
    iface.children.push_back(ConfNode::key_value(k, v));
  totem.children.push_back(std::move(iface));
  return {};
}

}  // namespace quorate::config
