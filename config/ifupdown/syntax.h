// The grammar of /etc/network/interfaces as ifupdown2 reads it (networkinterfaces.py),
// re-implemented: text in, a flat list of items and grammar findings out. Pure: no file access.
//
// - Line continuation first: a line ending in '\' (trailing blanks allowed; several trailing
//   backslashes count as one) is joined to the next with one space. Items keep the number of their
//   first physical line. As in ifupdown2 this happens before comments are recognised, so a comment
//   ending in '\' swallows the next line (reported as a warning).
// - Blank lines and lines whose first non-blank character is '#' are ignored; '#' later in a
//   line is part of the value (there are no inline comments).
// - Keywords start an item: "iface NAME [FAMILY [METHOD]]", "auto NAME...", "allow-CLASS
//   NAME...", "source PATTERN", "source-directory DIR". Any other line is an option
//   "KEY VALUE" of the iface stanza above it (indentation is convention, not grammar); an
//   option after an auto/allow/source line or before any stanza is an error.
// - "mapping" and "vlan" stanzas are rejected with one error each; their bodies are skipped.
// - Option keys are stored as ifupdown2 stores them: '_' becomes '-'. "iface eth0:1" is an
//   alias that ifupdown2 folds into eth0; so does this parser (with a warning).
// - A family without a method means "static" (ifupdown2); no family means neither.
//
// Errors never stop the parse: every line is looked at, and the items that could be read are
// returned, so one run reports every grammar mistake.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "config/ifupdown/diagnostic.h"
#include "config/ifupdown/model.h"

namespace quorate::ifupdown {

inline constexpr size_t kMaxIfaceNameChars = 15;  // IFNAMSIZ - 1

struct OptionLine {
  std::string key;
  std::string value;  // trimmed, inner blanks kept; never empty
  SourceLoc loc;
};

struct IfaceStanza {
  std::string name;
  Family family = Family::kNone;
  Method method = Method::kNone;
  SourceLoc loc;
  std::vector<OptionLine> options;  // file order
};

struct AutoLine {
  std::string allow_class;  // "" for "auto", "hotplug" for "allow-hotplug"
  std::vector<std::string> names;
  SourceLoc loc;
};

using SyntaxItem = std::variant<IfaceStanza, AutoLine, SourceDirective>;

struct SyntaxTree {
  std::vector<SyntaxItem> items;  // file order
};

SyntaxTree parse_syntax(std::string_view text, const std::string& file, Diagnostics& diags);

// Checks an interface name as the kernel would (length, '/', blanks). Empty when fine,
// otherwise the message.
std::string check_iface_name(std::string_view name);

}  // namespace quorate::ifupdown
