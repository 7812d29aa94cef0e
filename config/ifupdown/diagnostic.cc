#include "config/ifupdown/diagnostic.h"

#include <utility>

namespace quorate::ifupdown {

std::string format(const Diagnostic& d) {
  std::string out = d.loc.file + ":" + std::to_string(d.loc.line) + ": ";
  if (d.severity == Severity::kWarning) out += "warning: ";
  return out + d.message;
}

void Diagnostics::error(const SourceLoc& loc, std::string message) {
  items.push_back(Diagnostic{Severity::kError, loc, std::move(message)});
}

void Diagnostics::warning(const SourceLoc& loc, std::string message) {
  items.push_back(Diagnostic{Severity::kWarning, loc, std::move(message)});
}

bool Diagnostics::has_errors() const {
  for (const Diagnostic& d : items) {
    if (d.severity == Severity::kError) return true;
  }
  return false;
}

namespace {
std::vector<std::string> formatted(const std::vector<Diagnostic>& items, Severity s) {
  std::vector<std::string> out;
  for (const Diagnostic& d : items) {
    if (d.severity == s) out.push_back(format(d));
  }
  return out;
}
}  // namespace

std::vector<std::string> Diagnostics::errors() const {
  return formatted(items, Severity::kError);
}

std::vector<std::string> Diagnostics::warnings() const {
  return formatted(items, Severity::kWarning);
}

}  // namespace quorate::ifupdown
