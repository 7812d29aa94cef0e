// The syntax tree of a corosync.conf file, as written: comments, blank lines, key order and
// repeated keys/sections are all kept, so that an edit can rewrite the file without losing
// what the administrator wrote. Semantics (last-wins, merged sections, nodelist indices) are
// applied later, by the cmap view (cmap_view.h), never by the tree.
//
// Ownership and invariants:
// - A ConfTree owns its nodes by value; there are no back pointers.
// - kSection nodes have a non-empty `name` and may have children; other kinds have none.
// - kKeyValue nodes have `name` (the key, trimmed, may be empty as in corosync 3.1.7) and
//   `value` (trimmed). kComment nodes keep `text` starting at '#', trailing blanks removed.
// - `line` is the 1-based source line (0 for nodes added by an edit); `close_line` is the
//   line of a section's '}'. Line numbers never take part in equality.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace quorate::config {

struct ConfNode {
  enum class Kind { kBlank, kComment, kKeyValue, kSection };

  Kind kind = Kind::kBlank;
  std::string name;   // key or section name
  std::string value;  // kKeyValue only
  std::string text;   // kComment only
  int line = 0;
  int close_line = 0;              // kSection only
  std::vector<ConfNode> children;  // kSection only

  static ConfNode blank(int line = 0);
  static ConfNode comment(std::string text, int line = 0);
  static ConfNode key_value(std::string key, std::string value, int line = 0);
  static ConfNode section(std::string name, int line = 0);

  bool is_section(std::string_view n) const { return kind == Kind::kSection && name == n; }
  bool is_key(std::string_view k) const { return kind == Kind::kKeyValue && name == k; }
};

struct ConfTree {
  std::vector<ConfNode> nodes;  // top level, in file order
};

// Structural equality that ignores line numbers (what a parse -> write -> parse round trip
// must preserve).
bool same_content(const ConfNode& a, const ConfNode& b);
bool same_content(const ConfTree& a, const ConfTree& b);

// Lookup helpers over one level of children, in file order. Return nullptr when absent.
// "last" mirrors corosync's last-wins rule for keys.
const ConfNode* last_key(const std::vector<ConfNode>& level, std::string_view key);
ConfNode* last_key(std::vector<ConfNode>& level, std::string_view key);
std::vector<ConfNode*> sections_named(std::vector<ConfNode>& level, std::string_view name);
std::vector<const ConfNode*> sections_named(const std::vector<ConfNode>& level,
                                            std::string_view name);

}  // namespace quorate::config
