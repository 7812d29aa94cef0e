// Text like `corosync-quorumtool -s` prints, from one node's votequorum state.
//
// Contract: a pure formatter. It reads the node's state through Votequorum's observers and
// prints the same field names, order and padding as corosync 3.1.7's corosync-quorumtool
// (display_quorum_data / display_nodes_data, default options: decimal node ids, nodelist names,
// members in ring order). The tool's "Date:" line comes from the wall clock; it is printed only
// when the caller passes a date string (this module has no clock).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "engine/ids.h"
#include "engine/quorum/votequorum.h"

namespace quorate::quorum {

struct StatusOptions {
  std::string_view provider = "corosync_votequorum";
  std::string_view date;                      // e.g. "Tue Jan  2 03:04:05 2024"; empty = omitted
  std::map<NodeId, std::string> names;        // nodelist names; a missing name prints as empty
  std::string_view qdevice_name = "Qdevice";  // the name the device registered with
};

std::string quorum_status_text(const Votequorum& node, const StatusOptions& options);

}  // namespace quorate::quorum
