// Checks across interfaces: does every name a bond, bridge or VLAN refers to exist, does each
// interface have at most one master, is the stack free of cycles, do addresses make sense.
//
// Errors (the host network cannot be brought up as written):
// - a bond member, bridge port or VLAN raw device with no iface stanza;
// - a name listed twice in one list, or in the lists of two masters (one master only);
// - a bond with no members; a bond member that is a bridge, bond or loopback; a bridge port
//   that is a bridge or loopback; a VLAN on a loopback;
// - a cycle through members, ports and raw devices (reported once, with its path);
// - a VLAN whose mtu is larger than its raw device's (the kernel refuses it).
// Warnings: an address on an enslaved interface, one address on two interfaces, two default
// gateways of one family.
//
// Every finding is located at the line that names the offending interface. Order: file order
// of the interfaces, then of the names in each list.
#pragma once

#include "config/ifupdown/diagnostic.h"
#include "config/ifupdown/model.h"

namespace quorate::ifupdown {

void check_topology(const HostNetwork& net, Diagnostics& diags);

}  // namespace quorate::ifupdown
