// From the grammar's items to the typed host network (model.h), then the checks.
//
// Merging follows ifupdown2 (ifupdownmain.py, ifaceobj_squash_internal on by default):
// - All stanzas of one name become one interface, placed where the name first appears.
// - A stanza identical to the first one of its name (same family, method and options) is
//   ignored with ifupdown2's warning "duplicate interface NAME found".
// - Stanzas with a new (family, method) are kept as further stanzas; a repeated family with a
//   different method keeps the first method (ifupdown2 keeps the first object's method) and
//   its options merge into that stanza, with a warning.
// - auto / allow-CLASS lines count wherever they are in the file; "auto all" marks every
//   interface. Names on them without any iface stanza are dropped with a warning.
//
// The kind of an interface is decided from all of its options first: bond-slaves/bond-ports
// => bond; bridge-ports => bridge; method loopback or the name "lo" => loopback; a
// "RAW.DIGITS" name, vlan-raw-device or vlan-id => VLAN; otherwise a physical NIC.
#pragma once

#include "config/ifupdown/diagnostic.h"
#include "config/ifupdown/model.h"
#include "config/ifupdown/syntax.h"

namespace quorate::ifupdown {

// Builds the model and runs every check (topology_checks.h, bond_checks.h). The model is
// complete even when errors were found (bad values are left unset), so callers may still
// show it; only an error-free result describes a usable host network.
HostNetwork resolve_network(const SyntaxTree& tree, Diagnostics& diags);

}  // namespace quorate::ifupdown
