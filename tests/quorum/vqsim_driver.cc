#include "tests/quorum/vqsim_driver.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>

namespace quorate::quorum::testing {
namespace {

constexpr std::string_view kPrompt = "#vqsim> ";

void ignore_sigpipe_once() {
  static std::once_flag once;
  std::call_once(once, [] { ::signal(SIGPIPE, SIG_IGN); });
}

void quorum_section(std::ostringstream& out, const VotequorumOptions& o) {
  out << "quorum {\n  provider: corosync_votequorum\n";
  if (o.expected_votes) out << "  expected_votes: " << *o.expected_votes << "\n";
  if (o.votes) out << "  votes: " << *o.votes << "\n";
  if (o.two_node) out << "  two_node: 1\n";
  if (o.wait_for_all) out << "  wait_for_all: " << (*o.wait_for_all ? 1 : 0) << "\n";
  if (o.last_man_standing) {
    out << "  last_man_standing: 1\n";
    out << "  last_man_standing_window: " << o.last_man_standing_window.ms() << "\n";
  }
  if (o.auto_tie_breaker) out << "  auto_tie_breaker: 1\n";
  if (o.auto_tie_breaker_node)
    out << "  auto_tie_breaker_node: " << *o.auto_tie_breaker_node << "\n";
  if (o.allow_downscale) out << "  allow_downscale: 1\n";
  if (o.expected_votes_tracking) out << "  expected_votes_tracking: 1\n";
  if (o.device) {
    out << "  device {\n    model: " << o.device->model << "\n";
    if (o.device->votes) out << "    votes: " << *o.device->votes << "\n";
    out << "  }\n";
  }
  out << "}\n";
}

}  // namespace

std::string vqsim_config_text(const VotequorumOptions& options) {
  std::ostringstream out;
  out << "totem {\n  version: 2\n  cluster_name: quorate\n}\n";
  out << "logging {\n  to_syslog: no\n  to_stderr: no\n}\n";
  out << "nodelist {\n";
  for (const NodeVotes& n : options.nodelist) {
    out << "  node {\n    nodeid: " << n.id.value << "\n    ring0_addr: 10.0.0." << n.id.value
        << "\n    quorum_votes: " << n.votes << "\n  }\n";
  }
  out << "}\n";
  quorum_section(out, options);
  return out.str();
}

std::vector<VqsimNodeState> parse_vqsim_show(const std::string& text) {
  static const std::regex kLine(
      R"(^(\d+):(\d+): q=(\d+) ring=\[([0-9a-f]+)\.([0-9a-f]+)\] nodes=\[([0-9 ]*)\]$)");
  static const std::regex kUninit(R"(^(\d+):(\d+): q=UNINITIALIZED$)");
  std::vector<VqsimNodeState> out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::smatch m;
    VqsimNodeState s;
    if (std::regex_match(line, m, kLine)) {
      s.partition = std::stoi(m[1]);
      s.id = NodeId{static_cast<uint32_t>(std::stoul(m[2]))};
      s.initialized = true;
      s.quorate = m[3] == "1";
      s.ring_rep = static_cast<uint32_t>(std::stoul(m[4], nullptr, 16));
      s.ring_seq = std::stoull(m[5], nullptr, 16);
      std::istringstream ids(m[6]);
      uint32_t id = 0;
      while (ids >> id)
        s.members.push_back(NodeId{id});
      out.push_back(std::move(s));
    } else if (std::regex_match(line, m, kUninit)) {
      s.partition = std::stoi(m[1]);
      s.id = NodeId{static_cast<uint32_t>(std::stoul(m[2]))};
      out.push_back(std::move(s));
    }
  }
  return out;
}

VqsimProcess::~VqsimProcess() {
  stop();
}

std::optional<std::string> VqsimProcess::start(const VotequorumOptions& options,
                                               std::chrono::milliseconds timeout) {
  ignore_sigpipe_once();
  char tmpl[] = "/tmp/quorate-vqsim-XXXXXX";
  if (::mkdtemp(tmpl) == nullptr) return std::string("mkdtemp failed");
  dir_ = tmpl;
  std::ofstream(dir_ + "/c.conf") << vqsim_config_text(options);
  int in[2];
  int out[2];
  if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0) return "pipe failed";
  const std::string err_path = dir_ + "/stderr";
  const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  pid_ = ::fork();
  if (pid_ == 0) {
    // Child: only async-signal-safe calls until exec.
    ::setpgid(0, 0);
    if (::chdir(dir_.c_str()) != 0) ::_exit(126);
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    ::dup2(err, 2);
    ::execl(kVqsimPath, "corosync-vqsim", "-c", "c.conf", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(err);
  stdin_fd_ = in[1];
  stdout_fd_ = out[0];
  if (pid_ < 0) return std::string("fork failed");
  std::string ignored;
  return read_until_prompt(timeout, ignored);
}

std::optional<std::string> VqsimProcess::read_until_prompt(std::chrono::milliseconds timeout,
                                                           std::string& output) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (const size_t at = pending_.find(kPrompt); at != std::string::npos) {
      output = pending_.substr(0, at);
      pending_.erase(0, at + kPrompt.size());
      return std::nullopt;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return "timed out waiting for the vqsim prompt; output: " + pending_;
    pollfd pfd{stdout_fd_, POLLIN, 0};
    const int r = ::poll(&pfd, 1, static_cast<int>(left.count()));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) continue;
    char buf[4096];
    const ssize_t n = ::read(stdout_fd_, buf, sizeof buf);
    if (n <= 0) return "vqsim closed its output; output: " + pending_ + " stderr: " + stderr_text();
    pending_.append(buf, static_cast<size_t>(n));
  }
}

std::optional<std::string> VqsimProcess::command(const std::string& line,
                                                 std::chrono::milliseconds timeout,
                                                 std::string& output) {
  const std::string text = line + "\n";
  if (::write(stdin_fd_, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
    return "write to vqsim failed";
  }
  return read_until_prompt(timeout, output);
}

std::string VqsimProcess::stderr_text() const {
  std::ifstream in(dir_ + "/stderr");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void VqsimProcess::stop() {
  if (pid_ > 0) {
    if (stdin_fd_ >= 0) {
      const std::string quit = "exit\n";
      (void)!::write(stdin_fd_, quit.data(), quit.size());
    }
    // Wait (bounded) for vqsim to exit, without reaping it, so that its process group id
    // cannot be reused before the group is killed.
    for (int i = 0; i < 200; ++i) {
      siginfo_t info{};
      if (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
          info.si_pid == pid_) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(-pid_, SIGKILL);  // vqsim and any node process it left behind
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  for (int* fd : {&stdin_fd_, &stdout_fd_}) {
    if (*fd >= 0) ::close(*fd);
    *fd = -1;
  }
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    dir_.clear();
  }
}

}  // namespace quorate::quorum::testing
