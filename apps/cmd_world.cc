// Placeholder until the world subcommand lands.
#include <iostream>

#include "apps/commands.h"

namespace quorate::apps {

int run_world(const Args&) {
  std::cerr << "quorate world: not built yet\n";
  return 2;
}

}  // namespace quorate::apps
