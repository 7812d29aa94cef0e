// Test support: run the built `quorate` binary and write scratch input files.
//
// Tests that include this must be built with quorate_gtest (which defines QUORATE_BINARY_DIR).
// run_quorate() runs `quorate ARGS` through the shell with stderr merged into stdout and returns
// the exit code (-1 when the process did not exit normally or could not start).
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <string>

namespace quorate::test {

inline const std::string kQuorateBinary = QUORATE_BINARY_DIR "/apps/quorate";

struct CliOutput {
  int code = -1;
  std::string text;  // stdout and stderr
};

inline CliOutput run_quorate(const std::string& args) {
  CliOutput out;
  FILE* pipe = popen((kQuorateBinary + " " + args + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buffer{};
  size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    out.text.append(buffer.data(), n);
  const int status = pclose(pipe);
  out.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

// Writes `text` to a file named `name` in gtest's temporary directory; returns its path.
inline std::string write_temp(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

}  // namespace quorate::test
