#include "sim/scenario/scenario_error.h"

namespace quorate::scenario {

std::string ScenarioError::format() const {
  std::string text = file;
  if (line > 0) text += ":" + std::to_string(line);
  if (line > 0 && column > 0) text += ":" + std::to_string(column);
  return text + ": " + message;
}

}  // namespace quorate::scenario
