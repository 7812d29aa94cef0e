// Semantic validation of a typed corosync configuration: the rules `corosync -t` applies
// that do not depend on the machine it runs on, with corosync's wording
// ("parse error in config: ..."). Kept apart from the grammar (conf_parser.h, cmap_view.h),
// from host-dependent checks (host_checks.h) and from votequorum option conflicts
// (quorum_checks.h).
//
// Every rule is checked and every failure reported (corosync stops at the first one), each
// with the line of the key most responsible for it when there is one.
#pragma once

#include <functional>
#include <string_view>

#include "config/corosync_config.h"
#include "config/diagnostic.h"

namespace quorate::config {

enum class AddrFamily {
  kUnknown,  // a host name this resolver does not look up
  kIpv4,
  kIpv6,
  kUnresolvable,  // cannot become an address allowed by ip_version
};

// Maps a ringX_addr to its address family under the configured ip_version.
using AddressResolver = std::function<AddrFamily(std::string_view addr, IpVersion version)>;

// Pure resolver: numeric IPv4/IPv6 literals only; host names are kUnknown.
AddrFamily literal_family(std::string_view addr, IpVersion version);

// Totem, nodelist and logging rules. `resolve` defaults to literal_family; host_checks.h
// provides one that asks the system resolver.
Diagnostics validate(const CorosyncConfig& config, const AddressResolver& resolve = literal_family);

// The logging rules alone (corosync checks them first and exits with status 7).
Diagnostics validate_logging(const CorosyncConfig& config);

}  // namespace quorate::config
