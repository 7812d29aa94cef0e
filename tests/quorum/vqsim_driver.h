// Drives one corosync-vqsim process (the real votequorum, corosync:vqsim/) through pipes.
//
// Contract:
// - One VqsimProcess = one vqsim run in its own temporary directory (vqsim reads the config
//   from a short relative path, and its nodes share `ev_tracking` in that directory). The
//   directory and the process group are removed/killed by the destructor.
// - Every read is bounded by a deadline; a timeout is reported as an error, never a hang.
// - State is read with vqsim's `show` command, whose lines look like
//   `0:02: q=1 ring=[1.14] nodes=[1 2 3]`.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/ids.h"
#include "engine/quorum/votequorum_options.h"

namespace quorate::quorum::testing {

inline constexpr const char* kVqsimPath = "/usr/bin/corosync-vqsim";

// A corosync.conf with the nodelist and quorum section for `options` (the file vqsim reads).
std::string vqsim_config_text(const VotequorumOptions& options);

struct VqsimNodeState {
  int partition = 0;
  NodeId id;
  bool initialized = false;
  bool quorate = false;
  uint32_t ring_rep = 0;
  uint64_t ring_seq = 0;
  std::vector<NodeId> members;
};

// Parses `show` output; lines that are not node states are ignored.
std::vector<VqsimNodeState> parse_vqsim_show(const std::string& text);

class VqsimProcess {
 public:
  VqsimProcess() = default;
  ~VqsimProcess();
  VqsimProcess(const VqsimProcess&) = delete;
  VqsimProcess& operator=(const VqsimProcess&) = delete;

  // Writes the config into a fresh temporary directory and starts vqsim there. Returns an error
  // message on failure. Waits for the first prompt (all nodes started).
  std::optional<std::string> start(const VotequorumOptions& options,
                                   std::chrono::milliseconds timeout);
  // Sends one command line and returns everything printed before the next prompt.
  std::optional<std::string> command(const std::string& line, std::chrono::milliseconds timeout,
                                     std::string& output);
  // Everything vqsim wrote to stderr so far.
  std::string stderr_text() const;
  void stop();

 private:
  std::optional<std::string> read_until_prompt(std::chrono::milliseconds timeout,
                                               std::string& output);

  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int stdout_fd_ = -1;
  std::string dir_;
  std::string pending_;
};

}  // namespace quorate::quorum::testing
