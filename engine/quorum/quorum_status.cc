#include "engine/quorum/quorum_status.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/check.h"

namespace quorate::quorum {
namespace {

// corosync-quorumtool's print_string_padded: right-aligned in 10 columns, then one space.
void padded(std::string& out, std::string_view text) {
  for (size_t i = text.size(); i < 10; ++i)
    out += ' ';
  out += text;
  out += ' ';
}

void padded(std::string& out, uint32_t value) {
  padded(out, std::to_string(value));
}

std::string ring_text(const RingId& ring) {
  return absl::StrCat(absl::Hex(ring.rep.value), ".", absl::Hex(ring.seq));
}

std::string qdevice_state(const VotequorumInfo& info) {
  if (!info.qdevice_registered) return "NR";
  std::string s = info.qdevice_alive ? "A" : "NA";
  s += info.qdevice_cast_vote ? ",V" : ",NV";
  s += info.qdevice_master_wins ? ",MW" : ",NMW";
  return s;
}

void quorum_section(std::string& out, const Votequorum& node, const StatusOptions& options) {
  out += "Quorum information\n------------------\n";
  if (!options.date.empty()) {
    out += "Date:             ";
    out += options.date;
    out += '\n';
  }
  out += "Quorum provider:  " + std::string(options.provider) + "\n";
  out += "Nodes:            " + std::to_string(node.members().size()) + "\n";
  out += "Node ID:          " + std::to_string(node.id().value) + "\n";
  out += "Ring ID:          " + ring_text(node.ring()) + "\n";
  out += std::string("Quorate:          ") + (node.quorate() ? "Yes" : "No") + "\n";
}

void votequorum_section(std::string& out, const VotequorumInfo& info) {
  out += "\nVotequorum information\n----------------------\n";
  out += "Expected votes:   " + std::to_string(info.node_expected_votes) + "\n";
  out += "Highest expected: " + std::to_string(info.highest_expected) + "\n";
  out += "Total votes:      " + std::to_string(info.total_votes) + "\n";
  out += "Quorum:           " + std::to_string(info.quorum) + " " +
         (info.quorate ? " " : "Activity blocked") + "\n";
  out += "Flags:            ";
  if (info.two_node) out += "2Node ";
  if (info.quorate) out += "Quorate ";
  if (info.wait_for_all) out += "WaitForAll ";
  if (info.last_man_standing) out += "LastManStanding ";
  if (info.auto_tie_breaker) out += "AutoTieBreaker ";
  if (info.allow_downscale) out += "AllowDownscale ";
  if (info.qdevice_registered) out += "Qdevice ";
  out += "\n";
}

void membership_section(std::string& out, const Votequorum& node, const StatusOptions& options,
                        const VotequorumInfo& local_info) {
  std::vector<VotequorumInfo> infos;
  bool show_qdevice = false;
  for (NodeId id : node.members()) {
    auto info = node.info(id);
    QUORATE_CHECK_MSG(info.has_value(), "a ring member without a votequorum record");
    show_qdevice = show_qdevice || info->qdevice_registered;
    infos.push_back(*info);
  }
  out += "\nMembership information\n----------------------\n";
  padded(out, "Nodeid");
  padded(out, "Votes");
  if (show_qdevice) padded(out, "Qdevice");
  out += "Name\n";
  for (const VotequorumInfo& info : infos) {
    padded(out, info.node.value);
    padded(out, info.node_votes);
    if (show_qdevice) padded(out, qdevice_state(info));
    const auto name = options.names.find(info.node);
    if (name != options.names.end()) out += name->second;
    if (info.node == node.id()) out += " (local)";
    out += "\n";
  }
  if (!show_qdevice) return;
  const bool casting = local_info.qdevice_cast_vote;
  padded(out, kQdeviceNodeId);
  padded(out, casting ? local_info.qdevice_votes : 0);
  out += "           " + std::string(options.qdevice_name);
  out += casting ? "\n" : " (votes " + std::to_string(local_info.qdevice_votes) + ")\n";
}

}  // namespace

std::string quorum_status_text(const Votequorum& node, const StatusOptions& options) {
  const auto local_info = node.info(node.id());
  QUORATE_CHECK(local_info.has_value());
  QUORATE_CHECK(local_info->quorate == node.quorate());
  std::string out;
  quorum_section(out, node, options);
  votequorum_section(out, *local_info);
  membership_section(out, node, options, *local_info);
  return out;
}

}  // namespace quorate::quorum
