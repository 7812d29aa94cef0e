// Placeholder until the config subcommand lands.
#include <iostream>

#include "apps/commands.h"

namespace quorate::apps {

int run_config(const Args&) {
  std::cerr << "quorate config: not built yet\n";
  return 2;
}

}  // namespace quorate::apps
