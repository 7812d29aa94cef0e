// Safety checkers of the totem ring, fed by the trace (RingHistory), never by engine state.
//
// Each returns the violations it found (empty = the property holds), at most kMaxViolations per
// checker. A Violation names the checker, the virtual (global) time, the nodes and the messages,
// so a person can find the place in the trace.
//
// Properties (corosync's EVS as implemented, research §1.8):
// - no_creation: every delivered message (sender#msg_id) was sent by that sender (a ring.send
//   record) with the same length and hash.
// - no_duplicates: no node delivers a message twice.
// - fifo: a node delivers each sender's messages in increasing msg_id order.
// - total_order: within one configuration (the ring a delivery was ordered in), any two nodes
//   deliver their common messages in the same relative order.
// - delivery_in_configuration: a node delivers a message of ring R only while R is its current
//   regular configuration (the old ring's messages are delivered before the transitional change).
// - virtual_synchrony: two nodes that install the same configuration C and then the same next
//   configuration C' delivered the same set of C's messages.
// - config_changes: every node that installs regular ring R reports the same members and is one
//   of them; a regular change is preceded by the transitional change of the same ring, whose
//   members are a subset of the regular members and include the node; traces with node sets
//   the parser could not read are reported.
#pragma once

#include <string>
#include <vector>

#include "engine/ids.h"
#include "engine/time.h"
#include "model/checkers/ring_history.h"

namespace quorate::checkers {

inline constexpr size_t kMaxViolations = 20;

struct Violation {
  std::string checker;
  Instant at;  // global virtual time of the offending record
  std::vector<NodeId> nodes;
  std::string what;
  // "[total_order] at 12.000450000 s, nodes 1,3: ..."
  std::string describe() const;
};

std::vector<Violation> check_no_creation(const RingHistory& history);
std::vector<Violation> check_no_duplicates(const RingHistory& history);
std::vector<Violation> check_fifo(const RingHistory& history);
std::vector<Violation> check_total_order(const RingHistory& history);
std::vector<Violation> check_delivery_in_configuration(const RingHistory& history);
std::vector<Violation> check_virtual_synchrony(const RingHistory& history);
std::vector<Violation> check_config_changes(const RingHistory& history);
// All of the above, in this order.
std::vector<Violation> check_all(const RingHistory& history);
// One line per violation (empty string when none).
std::string describe(const std::vector<Violation>& violations);

}  // namespace quorate::checkers
