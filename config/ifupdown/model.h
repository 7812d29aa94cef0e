// The typed host network read from /etc/network/interfaces: which interfaces a host has, what
// kind each is (NIC, bond, bridge, VLAN, loopback), which addresses each carries, and every
// bond's members and options.
//
// Ownership: a HostNetwork owns all its values; nothing points into the parsed text. Names
// refer to other interfaces by name (resolve by HostNetwork::find).
//
// Invariants (established by parse_interfaces, kept by hand-built values the writer is given):
// - `interfaces` is in file order of each name's first stanza; names are unique (ifupdown2
//   merges repeated stanzas of one name into one interface, and so does the resolver).
// - kind == kBond  <=> bond.has_value(); kBridge <=> bridge; kVlan <=> vlan.
// - `stanzas` is never empty; (family, method) pairs are distinct; an address or gateway sits
//   in the stanza it was written in.
// - Optional options are empty when the file did not set them: the model records the file,
//   and the effective_*() helpers apply the driver's defaults.
// - Equality compares content only: SourceLoc and OptionLocs always compare equal.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/ifupdown/address.h"
#include "config/ifupdown/bond_enums.h"
#include "config/ifupdown/diagnostic.h"

namespace quorate::ifupdown {

enum class Family { kNone, kInet, kInet6 };  // kNone: a bare "iface NAME" (ifupdown2 allows it)

// ifupdown2's methods plus classic ifupdown's inet6 "auto" (SLAAC). kNone only with kNone.
enum class Method { kNone, kStatic, kManual, kDhcp, kDhcp6, kLoopback, kAuto, kPpp, kTunnel };

std::string_view name(Family f);
std::string_view name(Method m);
std::optional<Family> parse_family(std::string_view text);
std::optional<Method> parse_method(std::string_view text);

enum class IfaceKind { kPhysical, kBond, kBridge, kVlan, kLoopback };
std::string_view name(IfaceKind k);

// An option quorate keeps verbatim: hook commands (post-up ...), options it knows but does not
// model (dns-nameservers, bridge-pvid ...) and unknown ones (listed as warnings).
struct ExtraOption {
  std::string key;  // as ifupdown2 stores it: '_' turned into '-'
  std::string value;
  SourceLoc loc;
  bool operator==(const ExtraOption&) const = default;
};

struct Stanza {
  Family family = Family::kNone;
  Method method = Method::kNone;
  SourceLoc loc;
  std::vector<IpPrefix> addresses;  // file order
  std::vector<IpAddress> gateways;  // file order
  std::vector<ExtraOption> extra;   // file order
  bool operator==(const Stanza&) const = default;
};

// Where each typed option was written (for cross-interface messages); never part of equality.
struct OptionLocs {
  std::map<std::string, SourceLoc, std::less<>> by_key;  // lookups only, never iterated for output
  SourceLoc of(std::string_view key, const SourceLoc& fallback) const;
  friend bool operator==(const OptionLocs&, const OptionLocs&) { return true; }
};

struct BondOptions {
  std::vector<std::string> members;  // bond-slaves / bond-ports, file order; "none" = empty
  std::optional<BondMode> mode;
  std::optional<int> miimon_ms;
  std::optional<int> updelay_ms;
  std::optional<int> downdelay_ms;
  std::optional<LacpRate> lacp_rate;
  std::optional<XmitHashPolicy> xmit_hash_policy;
  std::optional<std::string> primary;
  std::optional<PrimaryReselect> primary_reselect;
  std::optional<int> arp_interval_ms;
  std::vector<IpAddress> arp_ip_targets;  // IPv4 only, at most 16 (BOND_MAX_ARP_TARGETS)
  std::optional<int> min_links;
  std::optional<AdSelect> ad_select;

  // The driver's values when the file is silent: mode balance-rr; miimon 100 for the modes
  // that cannot use the ARP monitor (bond_option_mode_set forces it), else 0; lacp_rate slow;
  // xmit_hash_policy layer2.
  BondMode effective_mode() const { return mode.value_or(BondMode::kBalanceRr); }
  int effective_miimon_ms() const;
  LacpRate effective_lacp_rate() const { return lacp_rate.value_or(LacpRate::kSlow); }
  XmitHashPolicy effective_xmit_hash_policy() const {
    return xmit_hash_policy.value_or(XmitHashPolicy::kLayer2);
  }
  bool operator==(const BondOptions&) const = default;
};

struct VidRange {
  int first = 1;
  int last = 1;  // first <= last, both in 1-4094
  bool operator==(const VidRange&) const = default;
};

struct BridgeOptions {
  std::vector<std::string> ports;  // bridge-ports, file order; "none" = empty
  std::optional<bool> stp;
  std::optional<int> forward_delay_s;  // bridge-fd
  std::optional<bool> vlan_aware;
  std::vector<VidRange> vids;
  bool operator==(const BridgeOptions&) const = default;
};

struct VlanOptions {
  std::string raw_device;  // from "RAW.ID" names or vlan-raw-device
  int id = 1;              // 1-4094, from the name or vlan-id
  bool operator==(const VlanOptions&) const = default;
};

// What an interface name says about a VLAN (ifupdown2's vlan addon rules): "RAW.DIGITS" gives
// raw device and id, "vlanDIGITS" the id only (raw_device empty). The id is not range-checked
// (-1 when the digits overflow). nullopt when the name says nothing.
std::optional<VlanOptions> vlan_from_name(std::string_view name);

struct Interface {
  std::string name;
  IfaceKind kind = IfaceKind::kPhysical;
  SourceLoc loc;                           // the first stanza
  bool auto_start = false;                 // named on an "auto" line
  std::vector<std::string> allow_classes;  // "hotplug" for allow-hotplug; file order, unique
  std::vector<Stanza> stanzas;
  std::optional<int> mtu;
  std::optional<MacAddress> hwaddress;
  std::optional<BondOptions> bond;
  std::optional<BridgeOptions> bridge;
  std::optional<VlanOptions> vlan;
  OptionLocs locs;

  std::vector<IpPrefix> addresses() const;  // every stanza's, stanza order
  std::vector<IpAddress> gateways() const;
  bool operator==(const Interface&) const = default;
};

struct SourceDirective {
  bool directory = false;  // source-directory DIR (else: source PATTERN)
  std::string pattern;
  SourceLoc loc;
  bool operator==(const SourceDirective&) const = default;
};

struct HostNetwork {
  std::vector<Interface> interfaces;
  std::vector<SourceDirective> sources;  // not resolved (resolved ones are inlined instead)

  const Interface* find(std::string_view name) const;
  // The interface one of whose addresses is `address` (first in file order), or nullptr.
  const Interface* carrier_of(const IpAddress& address) const;
  // The bond or bridge that lists `name` as a member or port (first in file order), or nullptr.
  const Interface* master_of(std::string_view name) const;
  bool operator==(const HostNetwork&) const = default;
};

}  // namespace quorate::ifupdown
