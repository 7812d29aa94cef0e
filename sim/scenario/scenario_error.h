// ScenarioError: one problem with a scenario file, located at FILE:LINE:COL.
//
// The parser stops at the first problem (nothing is run when a file is bad). Lines and columns
// are 1-based (yaml-cpp's Mark plus one); 0 means unknown. Errors from an embedded corosync.conf
// keep corosync's wording and point into the scenario file when the text is inline, or into the
// .conf file when it is given by path.
#pragma once

#include <stdexcept>
#include <string>

namespace quorate::scenario {

struct ScenarioError {
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;

  // "FILE:LINE:COL: message" ("FILE:LINE: message" without a column, "FILE: message" without
  // a line).
  std::string format() const;
};

// Thrown inside the parser and caught by load_scenario_*(); never escapes the library.
class ScenarioParseError : public std::runtime_error {
 public:
  explicit ScenarioParseError(ScenarioError error)
      : std::runtime_error(error.message), error_(std::move(error)) {}
  const ScenarioError& error() const { return error_; }

 private:
  ScenarioError error_;
};

}  // namespace quorate::scenario
