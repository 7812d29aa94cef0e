// corosync.conf parsing speed: a generated 32-node, 2-link Proxmox-style file.
#include <benchmark/benchmark.h>

#include <string>

#include "config/conf_writer.h"
#include "config/config_check.h"
#include "config/derived_timers.h"

namespace {

std::string generate(int nodes) {
  std::string f =
      "# generated: " + std::to_string(nodes) +
      " nodes, 2 knet links\n"
      "totem {\n  version: 2\n  cluster_name: bench\n  config_version: 7\n  ip_version: ipv4-6\n"
      "  link_mode: passive\n  secauth: off\n  interface {\n    linknumber: 0\n"
      "    knet_link_priority: 20\n  }\n  interface {\n    linknumber: 1\n"
      "    knet_link_priority: 10\n  }\n}\nnodelist {\n";
  for (int i = 1; i <= nodes; ++i) {
    std::string n = std::to_string(i);
    f += "  node {\n    name: node" + n + "\n    nodeid: " + n +
         "\n    quorum_votes: 1\n    ring0_addr: 10.0.0." + n + "\n    ring1_addr: 10.1.0." + n +
         "\n  }\n";
  }
  f += "}\nquorum {\n  provider: corosync_votequorum\n}\nlogging {\n  to_syslog: yes\n}\n";
  return f;
}

const std::string& text32() {
  static const std::string text = generate(32);
  return text;
}

void BM_Parse32Nodes2Links(benchmark::State& state) {
  for (auto _ : state) {
    quorate::config::LoadedConfig l = quorate::config::load_config_text(text32(), "bench.conf");
    benchmark::DoNotOptimize(l.config.nodes.size());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text32().size()));
}
BENCHMARK(BM_Parse32Nodes2Links);

void BM_ParseAndValidate32Nodes2Links(benchmark::State& state) {
  for (auto _ : state) {
    quorate::config::LoadedConfig l = quorate::config::load_config_text(text32(), "bench.conf");
    quorate::config::Diagnostics ds = quorate::config::check_loaded(l, {});
    quorate::config::DerivedTimers d = quorate::config::derive_timers(l.config);
    if (quorate::config::has_errors(ds) || d.token_ms.value != 22500) {
      state.SkipWithError("generated config did not validate");
      break;
    }
    benchmark::DoNotOptimize(d);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text32().size()));
}
BENCHMARK(BM_ParseAndValidate32Nodes2Links);

void BM_WriteRoundTrip32Nodes2Links(benchmark::State& state) {
  quorate::config::LoadedConfig l = quorate::config::load_config_text(text32(), "bench.conf");
  for (auto _ : state) {
    std::string out = quorate::config::write_conf(l.parsed.tree);
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_WriteRoundTrip32Nodes2Links);

}  // namespace
