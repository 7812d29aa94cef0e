// Text output of scenario runs, shared by `quorate run`, `replay` and `explore` (and tested):
// one table row per scenario, then for a failing one every failed expectation as
// "FILE:LINE:COL: FAIL <expectation>: <reason>" and the repro command.
#pragma once

#include <string>
#include <vector>

#include "sim/scenario/runner.h"

namespace quorate::scenario {

// The header of the table rows below.
std::string table_header();
// "PASS  minimal  seed 1  virtual 30s  events 1234  records 5678  hash 0123456789abcdef  0.12s"
// `wall_seconds` < 0 leaves the wall-time column out (deterministic output for tests).
std::string table_row(const RunResult& result, double wall_seconds);
// The failed expectations (and the repro line) of a result; with `verbose`, passing ones too.
std::string expectation_lines(const RunResult& result, bool verbose);
// The link status tables of a result (RunOptions::link_status): per node, a
// "== link status of node N" line, then the layer's status text.
std::string link_status_lines(const RunResult& result);
// A JUnit XML report (what CI systems display): one testsuite per scenario, one testcase per
// expectation, a <failure> with the reason, trace context and repro command for each failure.
std::string junit_xml(const std::vector<RunResult>& results);

}  // namespace quorate::scenario
