// Typed reading of one option line into the interface being built. Internal to the resolver
// (resolve.cc); exposed as a header so that the rules are readable in one place.
//
// Rules (ifupdown2's, where it has one):
// - Single-valued options keep the first value written, across every stanza of the interface
//   (ifupdown2 reads them with get_attr_value_first); a later different value is a warning.
// - address, gateway, bond-arp-ip-target and kept options accumulate in file order.
// - `netmask` belongs to the last `address` before it in the same stanza.
// - An option of the wrong kind (bond-mode on a NIC, bridge-ports on a bond) is an error; the
//   kind was decided from the whole interface before any option is applied.
// - Options quorate does not model are kept verbatim (ExtraOption); unknown ones also warn.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/ifupdown/diagnostic.h"
#include "config/ifupdown/model.h"
#include "config/ifupdown/syntax.h"

namespace quorate::ifupdown {

struct PendingAddress {
  IpAddress address;
  std::optional<int> prefix_len;  // from "/N" or a later netmask
  SourceLoc loc;
};

// One stanza being read: its index in Interface::stanzas and its addresses so far.
struct StanzaContext {
  size_t stanza = 0;
  std::vector<PendingAddress> pending;
};

struct InterfaceBuilder {
  Interface iface;
  // Canonical key -> (first value, where). Only looked up, never iterated.
  std::map<std::string, std::pair<std::string, SourceLoc>, std::less<>> first_values;
};

void apply_option(InterfaceBuilder& b, StanzaContext& ctx, const OptionLine& opt,
                  Diagnostics& diags);

// Moves the stanza's addresses into the model; an address without a prefix gets /32 or /128
// (ifupdown2's default) with a warning.
void finish_stanza(InterfaceBuilder& b, StanzaContext& ctx, Diagnostics& diags);

// "bond-ports" -> "bond-slaves"; every other key unchanged.
std::string canonical_key(const std::string& key);

}  // namespace quorate::ifupdown
