#include "config/diagnostic.h"

#include <algorithm>

namespace quorate::config {

std::string format(const Diagnostic& d) {
  std::string out = d.file;
  if (d.line > 0) out += ":" + std::to_string(d.line);
  out += ": ";
  if (d.severity == Severity::kWarning) out += "warning: ";
  out += d.message;
  return out;
}

bool has_errors(const Diagnostics& ds) {
  return std::any_of(ds.begin(), ds.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

}  // namespace quorate::config
