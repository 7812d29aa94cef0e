// The quorate binary's scenario commands: output and exit codes (0 pass, 1 fail, 2 bad input).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "tests/support/quorate_cli.h"

namespace {

const std::string kLibrary = QUORATE_SOURCE_DIR "/scenarios";
using Output = quorate::test::CliOutput;
using quorate::test::write_temp;

Output run(const std::string& args) {
  return quorate::test::run_quorate(args);
}

const char* kFailing =
    "cluster: {nodes: 2, links: 2}\nduration: 30s\n"
    "events:\n  - {at: 10s, cut: {link: 0}}\n"
    "expect:\n  - link_down_at: {link: 0, between: [10s, 10.2s]}\n";

TEST(ScenarioCli, RunPassesOnTheLibrary) {
  const Output out = run("run " + kLibrary + "/minimal.yaml " + kLibrary + "/heal-link-up.yaml");
  EXPECT_EQ(out.code, 0) << out.text;
  EXPECT_NE(out.text.find("PASS   minimal"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find("PASS   heal-link-up"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find("2 passed, 0 failed"), std::string::npos) << out.text;
}

TEST(ScenarioCli, FailingExpectationExitsOneWithPositionReasonAndRepro) {
  const std::string file = write_temp("failing.yaml", kFailing);
  const Output out = run("run " + file + " --seed 5");
  EXPECT_EQ(out.code, 1) << out.text;
  EXPECT_NE(out.text.find("FAIL   failing"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find(file + ":6:5: FAIL becomes true in [10s, 10.2s]"), std::string::npos)
      << out.text;
  EXPECT_NE(out.text.find("not by 10.2s"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find("repro: quorate run " + file + " --seed 5"), std::string::npos)
      << out.text;
}

TEST(ScenarioCli, JunitReportNamesEachExpectation) {
  const std::string file = write_temp("junit.yaml", kFailing);
  const std::string xml = ::testing::TempDir() + "report.xml";
  EXPECT_EQ(run("run " + file + " " + kLibrary + "/minimal.yaml --junit " + xml).code, 1);
  std::ifstream in(xml);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("<testsuite name=\"junit\" tests=\"1\" failures=\"1\">"), std::string::npos)
      << text;
  EXPECT_NE(text.find("<testsuite name=\"minimal\" tests=\"1\" failures=\"0\">"),
            std::string::npos);
  EXPECT_NE(text.find("<failure message=\"not by 10.2s"), std::string::npos) << text;
  EXPECT_NE(text.find("repro: quorate run " + file + " --seed 1</failure>"), std::string::npos);
}

TEST(ScenarioCli, BadInputExitsTwoAndRunsNothing) {
  const std::string bad =
      write_temp("bad.yaml", "cluster: {nodes: 3}\nevents:\n  - {at: 5s, stop: pve7}\n");
  const Output out = run("run " + kLibrary + "/minimal.yaml " + bad);
  EXPECT_EQ(out.code, 2) << out.text;
  EXPECT_NE(out.text.find(bad + ":3:20: unknown node 'pve7' (nodes: pve1, pve2, pve3)"),
            std::string::npos)
      << out.text;
  EXPECT_EQ(out.text.find("PASS"), std::string::npos) << "nothing may run: " << out.text;
  EXPECT_EQ(run("run").code, 2);
  EXPECT_EQ(run("run --bogus " + bad).code, 2);
  EXPECT_EQ(run("run " + kLibrary + "/no-such-file.yaml").code, 2);
}

TEST(ScenarioCli, ReplayPrintsTheTraceWithTheSameHash) {
  const Output ran = run("run " + kLibrary + "/heal-link-up.yaml --seed 9");
  const Output replay = run("replay " + kLibrary + "/heal-link-up.yaml --seed 9");
  EXPECT_EQ(replay.code, 0) << replay.text;
  EXPECT_NE(replay.text.find("event:link.up host=2 link=0"), std::string::npos);
  const size_t at = ran.text.find("PASS   heal-link-up");
  ASSERT_NE(at, std::string::npos) << ran.text;
  const std::string hash = ran.text.substr(ran.text.find_first_of("0123456789abcdef", at + 60), 16);
  EXPECT_NE(replay.text.find(hash), std::string::npos) << hash;
}

TEST(ScenarioCli, TraceFileAndCheckDeterminism) {
  const std::string trace = ::testing::TempDir() + "trace.txt";
  EXPECT_EQ(run("run " + kLibrary + "/minimal.yaml --trace " + trace).code, 0);
  std::ifstream in(trace);
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(first, "0 n1 0 state:node.add offset_ns=0 drift_ppb=0");
  const Output det = run("check-determinism " + kLibrary + "/switch-failure.yaml --seed 3");
  EXPECT_EQ(det.code, 0) << det.text;
  EXPECT_NE(det.text.find("switch-failure seed 3: deterministic"), std::string::npos) << det.text;
}

TEST(ScenarioCli, ExploreReportsFailingSeedsWithRepro) {
  const std::string file = write_temp("explore.yaml", kFailing);
  const Output out = run("explore " + file + " --seeds 3 --first-seed 10");
  EXPECT_EQ(out.code, 1) << out.text;
  for (const char* seed : {"10", "11", "12"})
    EXPECT_NE(out.text.find("repro: quorate run " + file + " --seed " + seed), std::string::npos);
  EXPECT_NE(out.text.find("3 seeds (10..12), 3 failed"), std::string::npos) << out.text;
  const Output ok = run("explore " + kLibrary + "/minimal.yaml --seeds 3");
  EXPECT_EQ(ok.code, 0) << ok.text;
}

}  // namespace
