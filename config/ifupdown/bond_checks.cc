#include "config/ifupdown/bond_checks.h"

#include <algorithm>
#include <string>

namespace quorate::ifupdown {

namespace {

class BondChecker {
 public:
  BondChecker(const Interface& i, Diagnostics& diags)
      : i_(i), o_(*i.bond), mode_(o_.effective_mode()), diags_(diags) {}

  void run() {
    primary();
    arp_monitor();
    mode_specific();
    delays();
  }

 private:
  SourceLoc at(std::string_view key) const { return i_.locs.of(key, i_.loc); }
  std::string mode_name() const { return std::string(name(mode_)); }
  void ignored(std::string_view key, std::string_view applies_to) {
    diags_.warning(at(key), i_.name + ": " + std::string(key) + " only applies to " +
                                std::string(applies_to) + "; ignored in " + mode_name());
  }

  void primary() {
    if (!o_.primary) return;
    if (std::find(o_.members.begin(), o_.members.end(), *o_.primary) == o_.members.end()) {
      diags_.error(at("bond-primary"), i_.name + ": bond-primary " + *o_.primary +
                                           " is not one of its members; expected one of the "
                                           "names in bond-slaves");
    }
    if (!mode_uses_primary(mode_)) {
      ignored("bond-primary", "active-backup, balance-tlb and balance-alb");
    }
  }

  void arp_monitor() {
    const int arp = o_.arp_interval_ms.value_or(0);
    if (arp == 0) return;
    if (!mode_uses_arp_monitor(mode_)) {
      diags_.error(at("bond-arp-interval"),
                   i_.name + ": bond-arp-interval is not available in " + mode_name() +
                       " (the driver allows the ARP monitor only in balance-rr, active-backup, "
                       "balance-xor and broadcast); use bond-miimon");
      return;
    }
    if (o_.miimon_ms.value_or(0) > 0) {
      diags_.warning(at("bond-arp-interval"),
                     i_.name +
                         ": bond-miimon and bond-arp-interval are both set; the driver "
                         "uses only one monitor, set one of them to 0");
    }
    if (o_.arp_ip_targets.empty()) {
      diags_.warning(at("bond-arp-interval"),
                     i_.name +
                         ": bond-arp-interval without bond-arp-ip-target; the ARP "
                         "monitor has nothing to probe");
    }
  }

  void mode_specific() {
    if (mode_ != BondMode::k8023ad) {
      if (o_.lacp_rate) ignored("bond-lacp-rate", "802.3ad");
      if (o_.ad_select) ignored("bond-ad-select", "802.3ad");
    }
    if (o_.xmit_hash_policy && !mode_uses_xmit_hash(mode_)) {
      ignored("bond-xmit-hash-policy", "balance-xor, 802.3ad, balance-tlb and balance-alb");
    }
    if (o_.effective_miimon_ms() == 0 && o_.arp_interval_ms.value_or(0) == 0) {
      diags_.warning(at("bond-mode"), i_.name +
                                          ": no link monitoring (bond-miimon 0 and no "
                                          "bond-arp-interval); the bond never notices a "
                                          "failed member, expected e.g. bond-miimon 100");
    }
  }

  void delays() {
    const int mii = o_.effective_miimon_ms();
    if (mii == 0) return;
    for (const char* key : {"bond-updelay", "bond-downdelay"}) {
      const std::optional<int>& d =
          std::string_view(key) == "bond-updelay" ? o_.updelay_ms : o_.downdelay_ms;
      if (d && *d % mii != 0) {
        diags_.warning(at(key), i_.name + ": " + key + " " + std::to_string(*d) +
                                    " is not a multiple of bond-miimon " + std::to_string(mii) +
                                    "; the driver rounds it down to " +
                                    std::to_string(*d / mii * mii));
      }
    }
  }

  const Interface& i_;
  const BondOptions& o_;
  BondMode mode_;
  Diagnostics& diags_;
};

}  // namespace

void check_bonds(const HostNetwork& net, Diagnostics& diags) {
  for (const Interface& i : net.interfaces) {
    if (i.bond) BondChecker(i, diags).run();
  }
}

}  // namespace quorate::ifupdown
