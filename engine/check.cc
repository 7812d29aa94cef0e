#include "engine/check.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>

namespace quorate::detail {

// The one place in engine/ that writes to stderr: an invariant is broken and the process ends.
void check_failed(const char* file, int line, const char* cond, const char* msg) {
  char line_text[16] = {};
  std::to_chars(line_text, line_text + sizeof line_text - 1, line);
  std::fputs("quorate: check failed: ", stderr);
  for (const char* part : {file, ":", static_cast<const char*>(line_text), ": ", cond}) {
    std::fputs(part, stderr);
  }
  if (msg != nullptr) {
    std::fputs(" (", stderr);
    std::fputs(msg, stderr);
    std::fputs(")", stderr);
  }
  std::fputc('\n', stderr);
  std::fflush(stderr);
  std::abort();
}

}  // namespace quorate::detail
