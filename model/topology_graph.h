// TopologyGraph: a Topology as a Boost.Graph, for reachability questions and pictures.
//
// Vertices: one per host, NIC and switch (in that order: hosts by ascending NodeId, NICs by
// NicId, switches by SwitchId). Edges: host-NIC (the NIC belongs to the host), NIC-switch
// (a cable) and switch-switch (a trunk). Undirected; direction lives in PartsState.
//
// PartsState is a snapshot of which parts pass traffic at one instant (sim/net's VirtualNetwork
// produces it with parts_at(t)). A NIC can send when its carrier is up and its TX works, receive
// when its carrier is up and its RX works; a switch forwards when it is neither down nor
// silently failed. Logical partitions (cut rules) are not parts; the network applies them.
//
// Reachability on a network: host a reaches host b (a != b) when some NIC of a on that network
// can send, some NIC of b on it can receive, and their switches are joined by trunks through
// forwarding switches only. Results are sorted, so they can be compared and printed.
//
// Lifetime: the graph copies what it needs from the Topology; it does not keep a reference.
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "engine/ids.h"
#include "model/topology.h"

namespace quorate::model {

struct PartsState {
  std::vector<bool> nic_can_send;     // by NicId
  std::vector<bool> nic_can_receive;  // by NicId
  std::vector<bool> switch_forwards;  // by SwitchId

  // Every part working.
  static PartsState all_up(const Topology& topology);
};

enum class VertexKind : uint8_t { kHost, kNic, kSwitch };

struct VertexProps {
  VertexKind kind = VertexKind::kHost;
  uint32_t index = 0;  // NodeId value, NicId value or SwitchId value
  std::string label;   // "n1 pve1", "pve1/eth0", "sw0 (link0)"
};

struct EdgeProps {
  bool cable = false;  // false: host-NIC membership
};

using Graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, VertexProps, EdgeProps>;

class TopologyGraph {
 public:
  explicit TopologyGraph(const Topology& topology);

  const Graph& graph() const { return graph_; }
  // Directed pairs (a, b) such that a reaches b on `network` (see header comment), sorted.
  std::vector<std::pair<NodeId, NodeId>> reachable_pairs(NetworkId network,
                                                         const PartsState& state) const;
  bool reachable(NodeId from, NodeId to, NetworkId network, const PartsState& state) const;
  // Graphviz DOT via boost::write_graphviz. Parts not working in `state` are drawn dashed red.
  void write_dot(std::ostream& out, const PartsState& state) const;
  void write_dot(std::ostream& out) const;

 private:
  // Component id (per trunk-connected set of forwarding switches) of every switch; -1 = off.
  std::vector<int> switch_components(const PartsState& state) const;
  // The components host `host` can send into (send=true) or receive from, on `network`.
  std::vector<int> host_components(NodeId host, NetworkId network, const PartsState& state,
                                   const std::vector<int>& components, bool send) const;
  void check_state(const PartsState& state) const;

  Graph graph_;
  std::vector<size_t> nic_vertex_;             // by NicId
  std::vector<size_t> switch_vertex_;          // by SwitchId
  std::vector<NodeId> hosts_;                  // ascending
  std::vector<std::vector<NicId>> host_nics_;  // parallel to hosts_
  std::vector<NicId> nic_ids_;                 // every NIC
  std::vector<SwitchId> nic_switch_;           // by NicId; invalid if unplugged
  std::vector<NetworkId> switch_network_;      // by SwitchId
};

}  // namespace quorate::model
