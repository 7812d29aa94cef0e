// Assertions for protocol and simulation code.
//
// QUORATE_CHECK(cond) and QUORATE_CHECK_MSG(cond, msg) are always on, in every build type:
// a violated invariant in a protocol engine is a bug that must stop the run where it happened,
// not corrupt a trace further on. They print file, line, the condition and the message to
// stderr and abort(). Use them densely: pre- and post-conditions, state transitions.
// QUORATE_UNREACHABLE() marks code that a valid state can never reach.
#pragma once

namespace quorate::detail {
[[noreturn]] void check_failed(const char* file, int line, const char* cond, const char* msg);
}  // namespace quorate::detail

#define QUORATE_CHECK(cond)                                                \
  do {                                                                     \
    if (!(cond)) [[unlikely]]                                              \
      ::quorate::detail::check_failed(__FILE__, __LINE__, #cond, nullptr); \
  } while (0)

#define QUORATE_CHECK_MSG(cond, msg)                                     \
  do {                                                                   \
    if (!(cond)) [[unlikely]]                                            \
      ::quorate::detail::check_failed(__FILE__, __LINE__, #cond, (msg)); \
  } while (0)

#define QUORATE_UNREACHABLE() \
  ::quorate::detail::check_failed(__FILE__, __LINE__, "unreachable", nullptr)
