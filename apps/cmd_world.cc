// `quorate world echo`: run the heartbeat-echo engine in the deterministic world and summarise.
// Options are parsed here; the world itself is built by sim::make_echo_world.
#include <boost/program_options.hpp>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>

#include "apps/commands.h"
#include "engine/echo_heartbeat.h"
#include "sim/determinism.h"
#include "sim/echo_world.h"
#include "sim/network.h"

namespace quorate::apps {
namespace {

namespace po = boost::program_options;

struct EchoArgs {
  int nodes = 3;
  int links = 1;
  uint64_t seed = 0;
  double duration_s = 10.0;
  int64_t interval_ms = 1000;
  int64_t latency_us = 250;
  double loss = 0.0;
  double drift_ppm = 0.0;
  std::string trace_path;
  bool check_determinism = false;
  bool verbose = false;
};

struct RttSum {
  int64_t total_ns = 0;
  int64_t count = 0;
};
// Ordered maps: output order never depends on hashing. Keys: (node, peer) and (node, peer, link).
using RttByPair = std::map<std::pair<uint32_t, uint32_t>, RttSum>;
using RttByLink = std::map<std::tuple<uint32_t, uint32_t, int64_t>, RttSum>;

po::options_description echo_options(EchoArgs& args) {
  po::options_description desc("quorate world echo [options]");
  auto add = desc.add_options();
  add("help,h", "print this help");
  add("nodes", po::value(&args.nodes)->default_value(3), "number of nodes (1..65535)");
  add("links", po::value(&args.links)->default_value(1), "links per node (1..8)");
  add("seed", po::value(&args.seed)->default_value(0), "root seed");
  add("duration-s", po::value(&args.duration_s)->default_value(10.0), "simulated seconds");
  add("interval-ms", po::value(&args.interval_ms)->default_value(1000), "ping interval");
  add("latency-us", po::value(&args.latency_us)->default_value(250), "one-way latency");
  add("loss", po::value(&args.loss)->default_value(0.0), "per-packet loss probability [0,1]");
  add("drift-ppm", po::value(&args.drift_ppm)->default_value(0.0),
      "clock drifts spread evenly over [-X,+X] ppm");
  add("trace", po::value(&args.trace_path), "write the canonical trace to FILE");
  add("check-determinism", po::bool_switch(&args.check_determinism),
      "run twice and compare traces (exit 1 on divergence)");
  add("verbose,v", po::bool_switch(&args.verbose), "per-link RTTs and drop reasons");
  return desc;
}

// Returns an error message, or "" if the values are usable.
std::string validate(const EchoArgs& args) {
  if (args.nodes < 1 || args.nodes > static_cast<int>(kMaxNodeId)) {
    return "--nodes must be in 1..65535";
  }
  if (args.links < 1 || args.links > kMaxLinks) return "--links must be in 1..8";
  if (!(args.duration_s >= 0.0 && args.duration_s <= 1e6)) {
    return "--duration-s must be in [0, 1e6]";
  }
  if (args.interval_ms < 1 || args.interval_ms > 3'600'000) {
    return "--interval-ms must be in 1..3600000";
  }
  if (args.latency_us < 0 || args.latency_us > 10'000'000) {
    return "--latency-us must be in 0..10000000";
  }
  if (!(args.loss >= 0.0 && args.loss <= 1.0)) return "--loss must be in [0, 1]";
  if (!(std::fabs(args.drift_ppm) <= 100'000.0)) {
    return "--drift-ppm must be in [-100000, 100000]";
  }
  return "";
}

sim::EchoWorldOptions world_options(const EchoArgs& args) {
  sim::EchoWorldOptions options;
  options.seed = args.seed;
  options.nodes = args.nodes;
  options.links = args.links;
  options.interval = Duration::from_ms(args.interval_ms);
  options.latency = Duration::from_us(args.latency_us);
  options.loss_probability = args.loss;
  options.drift_ppb_max = std::llround(std::fabs(args.drift_ppm) * 1000.0);
  return options;
}

void print_rtts(const RttByPair& by_pair, const RttByLink& by_link, bool verbose) {
  std::printf("mean RTT per pair (measured on the pinging node's clock):\n");
  for (const auto& [pair, sum] : by_pair) {
    std::printf("  %u -> %u: %.3f us over %" PRId64 " pongs\n", pair.first, pair.second,
                static_cast<double>(sum.total_ns) / static_cast<double>(sum.count) / 1e3,
                sum.count);
    if (!verbose) continue;
    for (const auto& [key, link_sum] : by_link) {
      if (std::get<0>(key) != pair.first || std::get<1>(key) != pair.second) continue;
      std::printf(
          "      link %" PRId64 ": %.3f us over %" PRId64 " pongs\n", std::get<2>(key),
          static_cast<double>(link_sum.total_ns) / static_cast<double>(link_sum.count) / 1e3,
          link_sum.count);
    }
  }
}

void print_summary(const sim::World& world, const RttByPair& by_pair, const RttByLink& by_link,
                   bool verbose) {
  const sim::WorldStats& s = world.stats();
  std::printf("simulated %.3f s, %" PRIu64 " events processed, %" PRIu64 " trace records\n",
              static_cast<double>(world.now().ns()) / 1e9, s.events_processed,
              world.trace().count());
  std::printf("packets: %" PRIu64 " sent, %" PRIu64 " delivered, %" PRIu64 " dropped, %" PRIu64
              " in flight\n",
              s.packets_sent, s.packets_delivered, s.packets_dropped,
              s.packets_sent - s.packets_delivered - s.packets_dropped);
  for (int r = 0; verbose && r < sim::kDropReasonCount; ++r) {
    if (s.drops_by_reason[r] == 0) continue;
    std::printf("  dropped (%s): %" PRIu64 "\n",
                std::string(sim::to_string(static_cast<sim::DropReason>(r))).c_str(),
                s.drops_by_reason[r]);
  }
  print_rtts(by_pair, by_link, verbose);
  std::printf("trace hash: %016" PRIx64 "\n", world.trace().hash());
}

int run_echo(const EchoArgs& args) {
  const Instant until = Instant::epoch() + Duration::from_ns(std::llround(args.duration_s * 1e9));
  if (args.check_determinism) {
    const sim::DeterminismReport report = sim::check_determinism(
        [&args](uint64_t seed) {
          sim::EchoWorldOptions options = world_options(args);
          options.seed = seed;
          return sim::make_echo_world(options);
        },
        args.seed, until);
    std::printf("%s\n", report.describe().c_str());
    if (!report.identical()) return 1;
  }
  std::ofstream trace_file;
  sim::EchoWorldOptions options = world_options(args);
  if (!args.trace_path.empty()) {
    trace_file.open(args.trace_path);
    if (!trace_file) {
      std::fprintf(stderr, "quorate world echo: cannot write '%s'\n", args.trace_path.c_str());
      return 2;
    }
    options.trace.stream = &trace_file;
  }
  std::unique_ptr<sim::World> world = sim::make_echo_world(options);
  RttByPair by_pair;
  RttByLink by_link;
  world->observe_events([&](Instant, NodeId node, Instant, const Event& event) {
    if (event.kind != EventKind::kEchoRtt) return;
    const auto peer = static_cast<uint32_t>(event.field("peer"));
    for (RttSum* sum :
         {&by_pair[{node.value, peer}], &by_link[{node.value, peer, event.field("link")}]}) {
      sum->total_ns += event.field("rtt_ns");
      ++sum->count;
    }
  });
  world->run_until(until);
  world->trace().stream_to(nullptr);
  print_summary(*world, by_pair, by_link, args.verbose);
  return 0;
}

}  // namespace

int run_world(const Args& args) {
  if (args.empty() || args[0] != "echo") {
    std::cerr << "usage: quorate world echo [options]   (try 'quorate world echo --help')\n";
    return (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) ? 0 : 2;
  }
  EchoArgs echo;
  const po::options_description desc = echo_options(echo);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(Args(args.begin() + 1, args.end())).options(desc).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "quorate world echo: " << e.what() << "\n" << desc;
    return 2;
  }
  if (vm.count("help") != 0) {
    std::cout << desc;
    return 0;
  }
  if (const std::string error = validate(echo); !error.empty()) {
    std::cerr << "quorate world echo: " << error << "\n";
    return 2;
  }
  return run_echo(echo);
}

}  // namespace quorate::apps
