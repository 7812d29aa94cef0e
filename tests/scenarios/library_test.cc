// The bundled scenario library (scenarios/*.yaml): every file loads and passes at its own seed
// and at a few more, so a regression in an engine shows up as a named failing scenario.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/scenario/runner.h"
#include "sim/scenario/scenario_parser.h"

namespace quorate::scenario {
namespace {

std::vector<std::string> library_files() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(QUORATE_SOURCE_DIR "/scenarios"))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

class Library : public ::testing::TestWithParam<std::string> {};

TEST_P(Library, PassesOnSeveralSeeds) {
  const LoadResult loaded = load_scenario_file(GetParam());
  ASSERT_TRUE(loaded.ok()) << loaded.error->format();
  const Scenario& s = *loaded.scenario;
  EXPECT_FALSE(s.expectations.empty()) << "a library scenario checks something";
  for (const uint64_t seed : {s.seed, uint64_t{2}, uint64_t{3}, uint64_t{1000}}) {
    const RunResult r = run_scenario(s, {seed, nullptr});
    for (const ExpectationOutcome& o : r.outcomes)
      EXPECT_TRUE(o.passed) << r.repro() << "\n" << o.text << ": " << o.reason;
  }
}

TEST(LibraryContents, HasAtLeastEightScenarios) {
  EXPECT_GE(library_files().size(), 8U);
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = std::filesystem::path(info.param).stem().string();
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, Library, ::testing::ValuesIn(library_files()), test_name);

}  // namespace
}  // namespace quorate::scenario
