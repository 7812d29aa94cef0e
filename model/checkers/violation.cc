#include <cstdio>

#include "model/checkers/ring_checkers.h"

namespace quorate::checkers {

std::string Violation::describe() const {
  char when[64];
  const int64_t ns = at.ns();
  std::snprintf(when, sizeof when, "%lld.%09lld s", static_cast<long long>(ns / 1'000'000'000),
                static_cast<long long>(ns % 1'000'000'000));
  std::string out = "[" + checker + "] at " + when + ", node";
  out += nodes.size() == 1 ? " " : "s ";
  for (size_t i = 0; i < nodes.size(); ++i)
    out += (i ? "," : "") + std::to_string(nodes[i].value);
  return out + ": " + what;
}

std::string describe(const std::vector<Violation>& violations) {
  std::string out;
  for (const Violation& v : violations)
    out += v.describe() + "\n";
  return out;
}

std::vector<Violation> check_all(const RingHistory& history) {
  std::vector<Violation> all;
  for (auto* check :
       {check_no_creation, check_no_duplicates, check_fifo, check_total_order,
        check_delivery_in_configuration, check_virtual_synchrony, check_config_changes}) {
    std::vector<Violation> v = check(history);
    all.insert(all.end(), v.begin(), v.end());
  }
  return all;
}

}  // namespace quorate::checkers
