// Checks that depend on the machine running them, as `corosync -t` does them:
// - the local node must be found in the nodelist (find_local_node): the host's uname
//   nodename, then that name with domains stripped, matched against every node's `name` and
//   `ring0_addr`; then each local interface address (getifaddrs, 127.0.0.1 included) by its
//   reverse name, its short reverse name and its numeric form; finally every `name` and
//   `ring0_addr` resolved and compared with the local addresses.
//   Failure: "parse error in config: No valid name found for local host".
// - a link the local node has no ringX_addr for, and no non-zero interface mcastport: "No
//   multicast port specified for interface N".
// - ringX_addr host names must resolve (getaddrinfo, honouring ip_version).
// - the state directory (system.state_dir, default /var/lib/corosync) must exist: corosync
//   chdir()s there ("Cannot chdir to state directory ...", exit status 16).
// - with crypto on, the key file must be readable and hold >= 128 bytes. Because of that
//   chdir a relative `keyfile` is resolved against the state directory (verified with strace
//   on 3.1.7); the default is /etc/corosync/authkey. Only the first 4096 bytes are read, so a
//   longer file is accepted.
// - logging.logfile must be openable for appending (even with to_logfile: no).
// Not mirrored: uidgid user/group lookups and /etc/corosync/uidgid.d.
//
// All system access goes through HostEnvironment so that tests can use a fake host.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/corosync_config.h"
#include "config/diagnostic.h"
#include "config/validate.h"

namespace quorate::config {

inline constexpr std::string_view kDefaultKeyfile = "/etc/corosync/authkey";

struct LocalAddress {
  std::string numeric;       // inet_ntop form, no scope suffix
  std::string reverse_name;  // getnameinfo name; may equal `numeric` when there is none
};

struct FileProbe {
  bool ok = false;
  size_t size = 0;        // bytes available (when ok)
  int error_number = 0;   // errno (when !ok)
  std::string operation;  // "open" or "read" (when !ok)
};

class HostEnvironment {
 public:
  virtual ~HostEnvironment() = default;
  virtual std::string nodename() const = 0;
  virtual std::vector<LocalAddress> local_addresses() const = 0;
  // Numeric addresses a name resolves to under ip_version; empty when it does not resolve.
  virtual std::vector<std::string> resolve(std::string_view name, IpVersion version) const = 0;
  virtual FileProbe probe_read(const std::string& path) const = 0;
  // 0 when `path` is a directory corosync could chdir() to, else errno.
  virtual int probe_directory(const std::string& path) const = 0;
  // 0 when `path` could be opened for appending (without creating it here), else errno.
  virtual int probe_append(const std::string& path) const = 0;
};

// The real machine: uname, getifaddrs, getnameinfo, getaddrinfo, open/read, access.
std::unique_ptr<HostEnvironment> system_host();

// Position in config.nodes of the local node, or nullopt.
std::optional<size_t> find_local_node(const CorosyncConfig& config, const HostEnvironment& host);

// A resolver for validate() that resolves host names through `host`.
AddressResolver host_resolver(const HostEnvironment& host);

// The local-node, port, key file and log file checks. `check_local_node` false (--any-host)
// skips the local node and the per-link port checks that depend on it.
Diagnostics check_host(const CorosyncConfig& config, const HostEnvironment& host,
                       bool check_local_node);

}  // namespace quorate::config
