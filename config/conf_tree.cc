#include "config/conf_tree.h"

#include <algorithm>
#include <utility>

namespace quorate::config {

ConfNode ConfNode::blank(int line) {
  ConfNode n;
  n.kind = Kind::kBlank;
  n.line = line;
  return n;
}

ConfNode ConfNode::comment(std::string text, int line) {
  ConfNode n;
  n.kind = Kind::kComment;
  n.text = std::move(text);
  n.line = line;
  return n;
}

ConfNode ConfNode::key_value(std::string key, std::string value, int line) {
  ConfNode n;
  n.kind = Kind::kKeyValue;
  n.name = std::move(key);
  n.value = std::move(value);
  n.line = line;
  return n;
}

ConfNode ConfNode::section(std::string name, int line) {
  ConfNode n;
  n.kind = Kind::kSection;
  n.name = std::move(name);
  n.line = line;
  return n;
}

bool same_content(const ConfNode& a, const ConfNode& b) {
  if (a.kind != b.kind || a.name != b.name || a.value != b.value || a.text != b.text) {
    return false;
  }
  return std::equal(a.children.begin(), a.children.end(), b.children.begin(), b.children.end(),
                    [](const ConfNode& x, const ConfNode& y) { return same_content(x, y); });
}

bool same_content(const ConfTree& a, const ConfTree& b) {
  return std::equal(a.nodes.begin(), a.nodes.end(), b.nodes.begin(), b.nodes.end(),
                    [](const ConfNode& x, const ConfNode& y) { return same_content(x, y); });
}

const ConfNode* last_key(const std::vector<ConfNode>& level, std::string_view key) {
  const ConfNode* found = nullptr;
  for (const ConfNode& n : level) {
    if (n.is_key(key)) found = &n;
  }
  return found;
}

ConfNode* last_key(std::vector<ConfNode>& level, std::string_view key) {
  ConfNode* found = nullptr;
  for (ConfNode& n : level) {
    if (n.is_key(key)) found = &n;
  }
  return found;
}

std::vector<ConfNode*> sections_named(std::vector<ConfNode>& level, std::string_view name) {
  std::vector<ConfNode*> out;
  for (ConfNode& n : level) {
    if (n.is_section(name)) out.push_back(&n);
  }
  return out;
}

std::vector<const ConfNode*> sections_named(const std::vector<ConfNode>& level,
                                            std::string_view name) {
  std::vector<const ConfNode*> out;
  for (const ConfNode& n : level) {
    if (n.is_section(name)) out.push_back(&n);
  }
  return out;
}

}  // namespace quorate::config
