// quorate: one binary, several subcommands. This file only dispatches; each subcommand lives in
// its own cmd_*.cc and owns its options.
#include <iostream>
#include <string>
#include <string_view>

#include "apps/commands.h"

namespace {

constexpr std::string_view kUsage =
    "usage: quorate <command> [args]\n"
    "\n"
    "commands:\n"
    "  config check FILE...   validate corosync.conf files (exit 0 valid, 1 invalid, 2 usage)\n"
    "  config show FILE       print the effective configuration, derived timers included\n"
    "  world echo [options]   run the heartbeat-echo engine in the deterministic world\n"
    "\n"
    "run 'quorate <command> --help' for the options of one command\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string_view command = argv[1];
  quorate::apps::Args rest(argv + 2, argv + argc);
  if (command == "config") return quorate::apps::run_config(rest);
  if (command == "world") return quorate::apps::run_world(rest);
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  std::cerr << "quorate: unknown command '" << command << "'\n" << kUsage;
  return 2;
}
