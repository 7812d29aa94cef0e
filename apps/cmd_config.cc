// `quorate config check|show`: option parsing and printing only; the work is in config/.
#include <boost/program_options.hpp>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "apps/commands.h"
#include "config/config_check.h"
#include "config/config_show.h"
#include "config/host_checks.h"

namespace quorate::apps {
namespace {

namespace po = boost::program_options;
namespace cfg = quorate::config;

constexpr const char* kConfigUsage =
    "usage: quorate config check [--strict] [--any-host | --offline] FILE...\n"
    "       quorate config show FILE\n"
    "\n"
    "check  validates corosync.conf files the way `corosync -t` does (corosync 3.1.7):\n"
    "       grammar, typed values, totem/nodelist/logging rules, and the host-dependent\n"
    "       checks (local node found by hostname or local address, key file, log file).\n"
    "       Problems print as FILE:LINE: message on stderr.\n"
    "       votequorum option conflicts (two_node with a quorum device, auto_tie_breaker\n"
    "       with last_man_standing in an odd-sized cluster, ...) are not checked by\n"
    "       corosync -t; they print as warnings unless --strict makes them errors.\n"
    "       Exit status: 0 all valid, 1 some file invalid, 2 usage error or unreadable file.\n"
    "show   prints the effective configuration grouped by section, one `key: value` per\n"
    "       line, each marked set (with its line), default, or derived (with the formula):\n"
    "       runtime token, token_retransmit, hold, consensus, knet ping timers, ports.\n"
    "\n"
    "options:\n";

struct Parsed {
  std::string verb;
  std::vector<std::string> files;
  bool strict = false;
  bool any_host = false;
  bool offline = false;
  bool help = false;
};

po::options_description visible_options() {
  po::options_description opts;
  opts.add_options()("help,h", "print this help")(
      "strict", "check: votequorum conflicts are errors, not warnings")(
      "any-host", "check: do not require this host to be in the nodelist (CI, other hosts)")(
      "offline",
      "check: skip every check that depends on this machine (local node, state directory, key "
      "file, log file): for files meant for other hosts");
  return opts;
}

// Returns nullopt after printing a usage error.
std::optional<Parsed> parse_args(const Args& args) {
  po::options_description hidden;
  hidden.add_options()("verb", po::value<std::string>())("file",
                                                         po::value<std::vector<std::string>>());
  po::options_description all;
  all.add(visible_options()).add(hidden);
  po::positional_options_description pos;
  pos.add("verb", 1).add("file", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "quorate config: " << e.what() << "\n" << kConfigUsage << visible_options();
    return std::nullopt;
  }
  Parsed p;
  p.help = vm.count("help") != 0;
  p.strict = vm.count("strict") != 0;
  p.any_host = vm.count("any-host") != 0;
  p.offline = vm.count("offline") != 0;
  if (vm.count("verb")) p.verb = vm["verb"].as<std::string>();
  if (vm.count("file")) p.files = vm["file"].as<std::vector<std::string>>();
  return p;
}

int usage_error(const std::string& message) {
  std::cerr << "quorate config: " << message << "\n" << kConfigUsage << visible_options();
  return 2;
}

void print(const cfg::Diagnostics& ds) {
  for (const cfg::Diagnostic& d : ds)
    std::cerr << cfg::format(d) << "\n";
}

int run_check(const Parsed& p) {
  if (p.files.empty()) return usage_error("check needs at least one FILE");
  std::unique_ptr<cfg::HostEnvironment> host = cfg::system_host();
  // --offline: no host environment at all, so none of the host-dependent checks run.
  cfg::CheckOptions options{p.strict, p.any_host, p.offline ? nullptr : host.get()};
  bool unreadable = false, invalid = false;
  for (const std::string& file : p.files) {
    std::string why;
    std::optional<cfg::LoadedConfig> loaded = cfg::load_config_file(file, &why);
    if (!loaded) {
      std::cerr << file << ": cannot read: " << why << "\n";
      unreadable = true;
      continue;
    }
    cfg::Diagnostics ds = cfg::check_loaded(*loaded, options);
    print(ds);
    if (cfg::has_errors(ds)) {
      invalid = true;
    } else {
      std::cout << file << ": valid\n";
    }
  }
  return unreadable ? 2 : invalid ? 1 : 0;
}

int run_show(const Parsed& p) {
  if (p.files.size() != 1) return usage_error("show needs exactly one FILE");
  std::string why;
  std::optional<cfg::LoadedConfig> loaded = cfg::load_config_file(p.files[0], &why);
  if (!loaded) {
    std::cerr << p.files[0] << ": cannot read: " << why << "\n";
    return 2;
  }
  if (!loaded->parsed_ok()) {
    print(loaded->parse_errors);
    return 1;
  }
  std::cout << "# quorate config show " << p.files[0] << "\n" << cfg::render_show(loaded->config);
  cfg::Diagnostics ds = cfg::check_loaded(*loaded, cfg::CheckOptions{});
  print(ds);
  return cfg::has_errors(ds) ? 1 : 0;
}

}  // namespace

int run_config(const Args& args) {
  std::optional<Parsed> p = parse_args(args);
  if (!p) return 2;
  if (p->help) {
    std::cout << kConfigUsage << visible_options();
    return 0;
  }
  if (p->verb == "check") return run_check(*p);
  if (p->verb == "show") return run_show(*p);
  if (p->verb.empty()) return usage_error("missing subcommand (check or show)");
  return usage_error("unknown subcommand '" + p->verb + "'");
}

}  // namespace quorate::apps
