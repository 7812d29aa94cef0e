// The corosync.conf grammar (corosync 3.1.7 coroparse.c behaviour, re-implemented):
//
// - Line oriented. A line may hold at most 510 characters before its '\n' (corosync reads
//   with fgets into 512 bytes): longer lines fail with "Line too long".
// - One trailing '\r' and trailing blanks (space, tab, 0xA0) are stripped.
// - A line whose first non-blank character is '#' is a comment; there are no inline comments.
// - A line containing '{' opens a section: "name {" with nothing after '{'.
//   Otherwise a line containing ':' is "key: value", split at the first ':', both trimmed.
//   Otherwise a line containing '}' must be exactly "}". Anything else is an error.
// - EOF inside a section: "Missing closing brace" (reported on the last line).
//
// Parsing is pure: text in, tree and errors out. Like corosync, parsing stops at the first
// grammar error (the rest of the file cannot be trusted), and the returned tree then holds
// what was read up to that point. Typed values and key names are checked by the cmap view
// (cmap_view.h), which also reports errors as parser errors with a line.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "config/conf_tree.h"
#include "config/diagnostic.h"

namespace quorate::config {

inline constexpr int kMaxLineChars = 510;      // longest accepted line, '\n' excluded
inline constexpr size_t kCmapKeyMaxLen = 255;  // longest cmap key (ICMAP_KEYNAME_MAXLEN - 1)

struct ParsedFile {
  std::string file;  // name used in diagnostics
  ConfTree tree;
  Diagnostics errors;  // empty, or exactly one grammar error
  int line_count = 0;

  bool ok() const { return errors.empty(); }
};

ParsedFile parse_conf_text(std::string_view text, std::string file = "<string>");

// Reads a whole file. Returns nullopt and sets *error (e.g. "No such file or directory")
// when it cannot be opened or read.
std::optional<std::string> read_text_file(const std::string& path, std::string* error);

}  // namespace quorate::config
