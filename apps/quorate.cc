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
    "  run FILE... [--seed N] run scenario files (exit 0 all pass, 1 a failure, 2 bad input)\n"
    "  replay FILE --seed N   rerun one scenario and print its trace\n"
    "  check-determinism FILE [--seed N]  run a scenario twice and compare the traces\n"
    "  explore FILE --seeds N run a scenario over many seeds, print the failing ones\n"
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
  if (command == "run") return quorate::apps::run_run(rest);
  if (command == "replay") return quorate::apps::run_replay(rest);
  if (command == "check-determinism") return quorate::apps::run_check_determinism(rest);
  if (command == "explore") return quorate::apps::run_explore(rest);
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  std::cerr << "quorate: unknown command '" << command << "'\n" << kUsage;
  return 2;
}
