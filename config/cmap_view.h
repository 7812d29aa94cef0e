// The flat key/value view corosync builds from a parsed file (its "cmap"), with the source
// line of every key kept for later diagnostics.
//
// Mapping rules (corosync 3.1.7):
// - Keys flatten to dotted paths: "totem { token: 3000 }" -> "totem.token".
// - The n-th "node {}" of a nodelist becomes "nodelist.node.<n>.<key>" (n from 0, file order,
//   restarting at 0 in every "nodelist {}" section, as corosync does).
// - corosync 3.1.7 quirks, mirrored: a key in a subsection of a node is stored under the node
//   by its own name, and the '}' of any subsection of a node, interface or logger_subsys
//   also ends that enclosing section (see ViewBuilder::end).
// - Each "totem { interface {} }" becomes "totem.interface.<linknumber>.*" (linknumber
//   defaults to 0; the linknumber key itself is not stored). Unknown interface keys stay at
//   "totem.interface.<key>".
// - "logging { logger_subsys { subsys: X ... } }" becomes "logging.logger_subsys.X.*".
// - Later keys overwrite earlier ones (last wins); repeated sections therefore merge.
// Typed values (conf_schema.h) and key names are checked while building; failures are
// parser errors (Origin::kParse) carrying the offending line. The view is still returned,
// without the rejected keys.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "config/conf_parser.h"
#include "config/diagnostic.h"

namespace quorate::config {

struct CmapEntry {
  std::string value;
  int line = 0;
  bool typed = false;  // stored as an integer (passed a typed check), not as a string
};

class CmapView {
 public:
  // Ordered by key, so iteration (and anything printed from it) is deterministic.
  using Map = std::map<std::string, CmapEntry, std::less<>>;

  const CmapEntry* get(std::string_view key) const;
  bool has(std::string_view key) const { return get(key) != nullptr; }
  void set(std::string key, CmapEntry entry) { keys_[std::move(key)] = std::move(entry); }
  const Map& keys() const { return keys_; }
  // All entries whose key starts with `prefix`, in key order.
  std::vector<std::pair<std::string, CmapEntry>> with_prefix(std::string_view prefix) const;

 private:
  Map keys_;
};

// Builds the view of a successfully parsed file; appends parser errors to *errors.
CmapView build_cmap_view(const ParsedFile& parsed, Diagnostics* errors);

}  // namespace quorate::config
