// Writing a HostNetwork back as /etc/network/interfaces text (ifupdown2 syntax, Proxmox VE
// layout: "auto" line, "iface" line, options indented by one tab, a blank line between
// interfaces, source lines last).
//
// Invariant (tested on every example and on every error-free fuzz input): for a model M that
// parse_interfaces accepted without errors, parse_interfaces(write_interfaces(M)) has no
// errors and an equal model. Typed values are written in canonical form (address/PREFIX,
// bond-mode and bond-lacp-rate by name, bond-slaves rather than bond-ports, on/off and yes/no);
// vlan-raw-device and vlan-id only when the name does not already say them. Interface-wide
// options go into the first stanza; each stanza keeps its own addresses, gateways and kept
// options. Comments are not part of the model and are not written.
#pragma once

#include <string>

#include "config/ifupdown/model.h"

namespace quorate::ifupdown {

std::string write_interfaces(const HostNetwork& net);

}  // namespace quorate::ifupdown
