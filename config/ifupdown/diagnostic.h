// Diagnostics for /etc/network/interfaces: one finding, located at one line of one file.
//
// Contract:
// - Every finding names the file the caller gave (the parser never invents one) and a 1-based
//   line; the formatted text is "FILE:LINE: message" for errors and "FILE:LINE: warning:
//   message" for warnings. Messages say what is wrong and what was expected.
// - Errors mean the file does not describe a usable host network; warnings mean ifupdown2
//   would accept it but something is ignored, defaulted or suspicious.
// - SourceLoc compares equal to every other SourceLoc: locations never take part in the
//   equality of model values, so a model written out and read back is equal to the original
//   although every line number moved.
#pragma once

#include <string>
#include <vector>

namespace quorate::ifupdown {

struct SourceLoc {
  std::string file;
  int line = 0;  // 1-based; 0 only for values built in code, never for parsed ones

  friend bool operator==(const SourceLoc&, const SourceLoc&) { return true; }
};

enum class Severity { kError, kWarning };

struct Diagnostic {
  Severity severity = Severity::kError;
  SourceLoc loc;
  std::string message;
};

// "FILE:LINE: message" or "FILE:LINE: warning: message".
std::string format(const Diagnostic& d);

// An append-only list of findings, in the order they were found (file order within a stage).
struct Diagnostics {
  std::vector<Diagnostic> items;

  void error(const SourceLoc& loc, std::string message);
  void warning(const SourceLoc& loc, std::string message);
  bool has_errors() const;
  std::vector<std::string> errors() const;    // formatted, in order
  std::vector<std::string> warnings() const;  // formatted, in order
};

}  // namespace quorate::ifupdown
