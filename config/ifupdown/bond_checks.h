// Checks of one bond's options against its mode, with the bonding driver's rules
// (Documentation/networking/bonding.rst, research bonding-fencing.md §1.1).
//
// Errors: bond-primary that is not a member; bond-arp-interval in 802.3ad, balance-tlb or
// balance-alb (the driver refuses the ARP monitor there).
// Warnings: options the mode ignores (lacp-rate and ad-select outside 802.3ad, xmit-hash-policy
// in balance-rr/active-backup/broadcast, primary outside active-backup/tlb/alb); miimon and
// arp-interval both set; an ARP monitor without targets; updelay/downdelay that the driver
// rounds down to a multiple of miimon; a bond with no link monitoring at all.
#pragma once

#include "config/ifupdown/diagnostic.h"
#include "config/ifupdown/model.h"

namespace quorate::ifupdown {

void check_bonds(const HostNetwork& net, Diagnostics& diags);

}  // namespace quorate::ifupdown
