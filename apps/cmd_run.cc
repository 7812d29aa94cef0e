// `quorate run`, `replay`, `check-determinism` and `explore`: scenario files from the command
// line. Loading, running and formatting live in sim/scenario; this file parses options, measures
// wall time and picks exit codes: 0 every expectation held, 1 one failed (or a determinism check
// diverged), 2 bad input (usage, unreadable or invalid scenario; nothing is run then).
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "apps/commands.h"
#include "sim/scenario/report.h"
#include "sim/scenario/runner.h"
#include "sim/scenario/scenario_parser.h"

namespace quorate::apps {
namespace {

namespace po = boost::program_options;
namespace sc = quorate::scenario;

struct RunArgs {
  std::vector<std::string> files;
  std::optional<uint64_t> seed;
  uint64_t seeds = 100;
  uint64_t first_seed = 1;
  std::string trace_path;
  std::string junit_path;
  bool verbose = false;
  bool link_status = false;
};

// Parses `args` for `command`; returns an exit code when the command should stop (help, error).
std::optional<int> parse_args(const std::string& command, const Args& args, RunArgs& out) {
  po::options_description desc("quorate " + command + " FILE" + (command == "run" ? "..." : "") +
                               " [options]");
  auto add = desc.add_options();
  add("help,h", "print this help");
  if (command != "explore")
    add("seed", po::value<uint64_t>(), "root seed (default: the scenario's seed)");
  if (command == "run") {
    add("trace", po::value(&out.trace_path), "write the trace to FILE");
    add("junit", po::value(&out.junit_path), "write a JUnit XML report to FILE");
    add("link-status", po::bool_switch(&out.link_status),
        "print each node's link status table (like corosync-cfgtool -n) at the end");
  }
  if (command == "run" || command == "explore") {
    add("verbose,v", po::bool_switch(&out.verbose),
        command == "run" ? "print passing expectations too" : "print passing seeds too");
  }
  if (command == "explore") {
    add("seeds", po::value(&out.seeds)->default_value(100), "number of seeds to run");
    add("first-seed", po::value(&out.first_seed)->default_value(1), "first seed");
  }
  po::options_description hidden;
  hidden.add_options()("file", po::value(&out.files));
  po::options_description all;
  all.add(desc).add(hidden);
  po::positional_options_description positional;
  positional.add("file", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "quorate " << command << ": " << e.what() << "\n" << desc;
    return 2;
  }
  if (vm.count("help") != 0) {
    std::cout << desc;
    return 0;
  }
  if (vm.count("seed") != 0) out.seed = vm["seed"].as<uint64_t>();
  if (out.files.empty() || (command != "run" && out.files.size() != 1)) {
    std::cerr << "quorate " << command << ": give "
              << (command == "run" ? "scenario files" : "one scenario file") << "\n"
              << desc;
    return 2;
  }
  return std::nullopt;
}

// Loads every file; prints each error and returns nullopt if any is bad.
std::optional<std::vector<sc::Scenario>> load_all(const std::vector<std::string>& files) {
  std::vector<sc::Scenario> scenarios;
  bool bad = false;
  for (const std::string& file : files) {
    sc::LoadResult loaded = sc::load_scenario_file(file);
    if (!loaded.ok()) {
      std::cerr << loaded.error->format() << "\n";
      bad = true;
      continue;
    }
    scenarios.push_back(std::move(*loaded.scenario));
  }
  if (bad) return std::nullopt;
  return scenarios;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int run_files(const RunArgs& args) {
  std::optional<std::vector<sc::Scenario>> scenarios = load_all(args.files);
  if (!scenarios) return 2;
  std::ofstream trace;
  if (!args.trace_path.empty()) {
    if (scenarios->size() != 1) {
      std::cerr << "quorate run: --trace takes one scenario file\n";
      return 2;
    }
    trace.open(args.trace_path);
    if (!trace) {
      std::cerr << "quorate run: cannot write '" << args.trace_path << "'\n";
      return 2;
    }
  }
  std::cout << sc::table_header() << "\n";
  std::vector<sc::RunResult> results;
  int failed = 0;
  for (const sc::Scenario& s : *scenarios) {
    const auto start = std::chrono::steady_clock::now();
    sc::RunOptions options{args.seed, trace.is_open() ? &trace : nullptr, args.link_status};
    const sc::RunResult result = sc::run_scenario(s, options);
    std::cout << sc::table_row(result, seconds_since(start)) << "\n"
              << sc::expectation_lines(result, args.verbose) << sc::link_status_lines(result)
              << std::flush;
    failed += result.passed() ? 0 : 1;
    results.push_back(result);
  }
  if (!args.junit_path.empty()) std::ofstream(args.junit_path) << sc::junit_xml(results);
  std::cout << scenarios->size() - static_cast<size_t>(failed) << " passed, " << failed
            << " failed\n";
  return failed == 0 ? 0 : 1;
}

int replay(const RunArgs& args) {
  std::optional<std::vector<sc::Scenario>> scenarios = load_all(args.files);
  if (!scenarios) return 2;
  const sc::RunResult result = sc::run_scenario(scenarios->front(), {args.seed, &std::cout});
  std::cout << std::flush;
  std::cerr << sc::table_row(result, -1) << "\n" << sc::expectation_lines(result, true);
  return result.passed() ? 0 : 1;
}

int check_determinism(const RunArgs& args) {
  std::optional<std::vector<sc::Scenario>> scenarios = load_all(args.files);
  if (!scenarios) return 2;
  const sc::Scenario& s = scenarios->front();
  const sim::DeterminismReport report =
      sc::check_scenario_determinism(s, args.seed.value_or(s.seed));
  std::cout << s.name << " seed " << args.seed.value_or(s.seed) << ": " << report.describe()
            << "\n";
  return report.identical() ? 0 : 1;
}

int explore(const RunArgs& args) {
  std::optional<std::vector<sc::Scenario>> scenarios = load_all(args.files);
  if (!scenarios) return 2;
  const sc::Scenario& s = scenarios->front();
  uint64_t failed = 0;
  const auto start = std::chrono::steady_clock::now();
  for (uint64_t i = 0; i < args.seeds; ++i) {
    const sc::RunResult result = sc::run_scenario(s, {args.first_seed + i, nullptr});
    if (result.passed() && !args.verbose) continue;
    std::cout << sc::table_row(result, -1) << "\n" << sc::expectation_lines(result, false);
    failed += result.passed() ? 0 : 1;
  }
  std::printf("explored %s: %llu seeds (%llu..%llu), %llu failed, %.2fs wall\n", s.name.c_str(),
              static_cast<unsigned long long>(args.seeds),
              static_cast<unsigned long long>(args.first_seed),
              static_cast<unsigned long long>(args.first_seed + args.seeds - 1),
              static_cast<unsigned long long>(failed), seconds_since(start));
  return failed == 0 ? 0 : 1;
}

int dispatch(const std::string& command, const Args& args) {
  RunArgs parsed;
  if (const std::optional<int> stop = parse_args(command, args, parsed)) return *stop;
  if (command == "run") return run_files(parsed);
  if (command == "replay") return replay(parsed);
  if (command == "explore") return explore(parsed);
  return check_determinism(parsed);
}

}  // namespace

int run_run(const Args& args) {
  return dispatch("run", args);
}
int run_replay(const Args& args) {
  return dispatch("replay", args);
}
int run_check_determinism(const Args& args) {
  return dispatch("check-determinism", args);
}
int run_explore(const Args& args) {
  return dispatch("explore", args);
}

}  // namespace quorate::apps
