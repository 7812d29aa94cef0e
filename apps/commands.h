// The subcommands of the `quorate` binary. Each takes the words after its own name
// (e.g. for `quorate config check a.conf`, run_config gets {"check", "a.conf"}), prints to
// stdout/stderr, and returns the process exit code: 0 success, 1 the checked thing is bad
// (invalid config, failed determinism check), 2 usage error (unknown option, missing file).
#pragma once

#include <string>
#include <vector>

namespace quorate::apps {

using Args = std::vector<std::string>;

int run_config(const Args& args);  // apps/cmd_config.cc
int run_world(const Args& args);   // apps/cmd_world.cc
// apps/cmd_run.cc: scenario files
int run_run(const Args& args);
int run_replay(const Args& args);
int run_check_determinism(const Args& args);
int run_explore(const Args& args);

}  // namespace quorate::apps
