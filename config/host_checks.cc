#include "config/host_checks.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

#include "engine/check.h"

namespace quorate::config {
namespace {

std::string strip_scope(std::string s) {
  size_t pct = s.find('%');
  if (pct != std::string::npos) s.resize(pct);
  return s;
}

std::string numeric_of(const sockaddr* sa) {
  char buf[NI_MAXHOST];
  socklen_t len = sa->sa_family == AF_INET ? sizeof(sockaddr_in) : sizeof(sockaddr_in6);
  if (getnameinfo(sa, len, buf, sizeof buf, nullptr, 0, NI_NUMERICHOST) != 0) return {};
  return strip_scope(buf);
}

class SystemHost final : public HostEnvironment {
 public:
  std::string nodename() const override {
    utsname u{};
    if (uname(&u) != 0) return {};
    return u.nodename;
  }

  std::vector<LocalAddress> local_addresses() const override {
    std::vector<LocalAddress> out;
    ifaddrs* list = nullptr;
    if (getifaddrs(&list) != 0) return out;
    for (ifaddrs* ifa = list; ifa != nullptr; ifa = ifa->ifa_next) {
      const sockaddr* sa = ifa->ifa_addr;
      if (sa == nullptr || (sa->sa_family != AF_INET && sa->sa_family != AF_INET6)) continue;
      LocalAddress a;
      a.numeric = numeric_of(sa);
      char name[NI_MAXHOST];
      socklen_t len = sa->sa_family == AF_INET ? sizeof(sockaddr_in) : sizeof(sockaddr_in6);
      if (getnameinfo(sa, len, name, sizeof name, nullptr, 0, 0) == 0) a.reverse_name = name;
      out.push_back(std::move(a));
    }
    freeifaddrs(list);
    return out;
  }

  std::vector<std::string> resolve(std::string_view name, IpVersion version) const override {
    addrinfo hints{};
    hints.ai_family = version == IpVersion::kIpv4   ? AF_INET
                      : version == IpVersion::kIpv6 ? AF_INET6
                                                    : AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_protocol = IPPROTO_UDP;
    addrinfo* result = nullptr;
    std::string n(name);
    if (getaddrinfo(n.c_str(), nullptr, &hints, &result) != 0) return {};
    std::vector<std::string> out;
    for (addrinfo* rp = result; rp != nullptr; rp = rp->ai_next) {
      out.push_back(numeric_of(rp->ai_addr));
    }
    freeaddrinfo(result);
    return out;
  }

  FileProbe probe_read(const std::string& path) const override {
    FileProbe p;
    int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) return FileProbe{false, 0, errno, "open"};
    char buf[4096];
    ssize_t n = ::read(fd, buf, sizeof buf);
    int saved = errno;
    ::close(fd);
    if (n < 0) return FileProbe{false, 0, saved, "read"};
    p.ok = true;
    p.size = static_cast<size_t>(n);
    return p;
  }

  int probe_directory(const std::string& path) const override {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return errno;
    return S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
  }

  int probe_append(const std::string& path) const override {
    if (::access(path.c_str(), F_OK) == 0) return ::access(path.c_str(), W_OK) == 0 ? 0 : errno;
    size_t slash = path.rfind('/');
    std::string dir = slash == std::string::npos ? "." : path.substr(0, slash == 0 ? 1 : slash);
    return ::access(dir.c_str(), W_OK) == 0 ? 0 : errno;
  }
};

// corosync matches names against `name` and `ring0_addr` of every node, exactly.
std::optional<size_t> by_name(const CorosyncConfig& c, std::string_view name) {
  if (name.empty()) return std::nullopt;
  for (size_t i = 0; i < c.nodes.size(); ++i) {
    const NodeConfig& n = c.nodes[i];
    if (n.name.is_set() && n.name.value == name) return i;
    if (const RingAddr* r = n.ring(0); r != nullptr && r->addr == name) return i;
  }
  return std::nullopt;
}

// A node name (or ring0_addr) whose part before its first '.' equals `short_name`
// ("vm.example" matches host "vm"), as corosync's domain-stripping lookup does.
std::optional<size_t> by_short_name(const CorosyncConfig& c, std::string_view short_name) {
  auto matches = [&](const std::string& n) {
    return !short_name.empty() && n.substr(0, n.find('.')) == short_name;
  };
  for (size_t i = 0; i < c.nodes.size(); ++i) {
    const NodeConfig& n = c.nodes[i];
    if (n.name.is_set() && matches(n.name.value)) return i;
    if (const RingAddr* r = n.ring(0); r != nullptr && matches(r->addr)) return i;
  }
  return std::nullopt;
}

std::optional<size_t> by_hostname(const CorosyncConfig& c, std::string name) {
  if (auto i = by_name(c, name)) return i;
  for (size_t dot = name.rfind('.'); dot != std::string::npos; dot = name.rfind('.')) {
    name.resize(dot);
    if (auto i = by_name(c, name)) return i;
  }
  return by_short_name(c, name);
}

std::optional<size_t> by_local_address(const CorosyncConfig& c,
                                       const std::vector<LocalAddress>& addrs) {
  for (const LocalAddress& a : addrs) {
    if (auto i = by_name(c, a.reverse_name)) return i;
    std::string short_name = a.reverse_name.substr(0, a.reverse_name.find('.'));
    if (auto i = by_name(c, short_name)) return i;
    if (auto i = by_name(c, a.numeric)) return i;
  }
  return std::nullopt;
}

std::optional<size_t> by_resolving(const CorosyncConfig& c, const HostEnvironment& host,
                                   const std::vector<LocalAddress>& addrs) {
  std::set<std::string> local;
  for (const LocalAddress& a : addrs)
    local.insert(a.numeric);
  for (size_t i = 0; i < c.nodes.size(); ++i) {
    const NodeConfig& n = c.nodes[i];
    std::vector<std::string> names;
    if (n.name.is_set()) names.push_back(n.name.value);
    if (const RingAddr* r = n.ring(0)) names.push_back(r->addr);
    for (const std::string& name : names) {
      for (const std::string& ip : host.resolve(name, IpVersion::kIpv4_6)) {
        if (local.count(ip) != 0) return i;
      }
    }
  }
  return std::nullopt;
}

void error(Diagnostics& out, const CorosyncConfig& c, int line, std::string message) {
  out.push_back(Diagnostic{Severity::kError, Origin::kHost, c.file, line, std::move(message)});
}

void check_ports(const CorosyncConfig& c, const NodeConfig& local, Diagnostics& out) {
  for (int link : c.configured_links()) {
    if (link >= kMaxLinks || local.ring(link) != nullptr) continue;
    // corosync fills in 5405 + link only for links the local node has; an explicit
    // mcastport: 0 counts as unset.
    auto it = c.totem.interfaces.find(link);
    if (it != c.totem.interfaces.end() && it->second.mcastport.value != 0) continue;
    error(
        out, c, local.line,
        "parse error in config: No multicast port specified for interface " + std::to_string(link));
  }
}

void check_local_node(const CorosyncConfig& c, const HostEnvironment& host, Diagnostics& out) {
  if (c.configured_links().empty()) return;  // "No interfaces defined" comes first
  std::optional<size_t> local = find_local_node(c, host);
  if (!local) {
    error(out, c, 0, "parse error in config: No valid name found for local host");
    return;
  }
  check_ports(c, c.nodes[*local], out);
}

void check_keyfile(const CorosyncConfig& c, const HostEnvironment& host, Diagnostics& out) {
  const TotemConfig& t = c.totem;
  if (!t.crypto_enabled() || (!t.keyfile.is_set() && t.key.is_set())) return;
  const std::string& path = t.keyfile.value;
  std::string real = path;
  if (!path.empty() && path.front() != '/') real = c.state_dir.value + "/" + path;
  FileProbe p = host.probe_read(real);
  int line = t.keyfile.line;
  if (!p.ok) {
    std::string verb = p.operation == "read" ? "Could not read " : "Could not open ";
    error(out, c, line, verb + path + ": " + std::strerror(p.error_number));
  } else if (p.size < 128) {
    error(out, c, line,
          "Could only read " + std::to_string(p.size * 8) + " bits of minimum 1024 bits from " +
              path + ".");
  }
}

// corosync chdir()s to its state directory before reading the key (exit status 16).
bool check_state_dir(const CorosyncConfig& c, const HostEnvironment& host, Diagnostics& out) {
  int err = host.probe_directory(c.state_dir.value);
  if (err == 0) return true;
  error(out, c, c.state_dir.line,
        "Cannot chdir to state directory " + c.state_dir.value + ". " + std::strerror(err));
  return false;
}

void check_logfile(const CorosyncConfig& c, const HostEnvironment& host, Diagnostics& out) {
  const Setting<std::string>& f = c.logging.logfile;
  if (!f.is_set()) return;
  int err = host.probe_append(f.value);
  if (err == 0) return;
  error(out, c, f.line,
        "parse error in config: Can't open logfile '" + f.value +
            "' for reason: " + std::strerror(err) + " (" + std::to_string(err) + ").");
}

}  // namespace

std::unique_ptr<HostEnvironment> system_host() {
  return std::make_unique<SystemHost>();
}

std::optional<size_t> find_local_node(const CorosyncConfig& c, const HostEnvironment& host) {
  if (auto i = by_hostname(c, host.nodename())) return i;
  std::vector<LocalAddress> addrs = host.local_addresses();
  if (auto i = by_local_address(c, addrs)) return i;
  return by_resolving(c, host, addrs);
}

AddressResolver host_resolver(const HostEnvironment& host) {
  return [&host](std::string_view addr, IpVersion version) {
    AddrFamily f = literal_family(addr, version);
    if (f != AddrFamily::kUnknown) return f;
    std::vector<std::string> ips = host.resolve(addr, version);
    if (ips.empty()) return AddrFamily::kUnresolvable;
    return literal_family(ips.front(), IpVersion::kIpv4_6);
  };
}

Diagnostics check_host(const CorosyncConfig& c, const HostEnvironment& host, bool check_local) {
  Diagnostics out;
  if (check_local) check_local_node(c, host, out);
  if (check_state_dir(c, host, out)) check_keyfile(c, host, out);
  check_logfile(c, host, out);
  return out;
}

}  // namespace quorate::config
