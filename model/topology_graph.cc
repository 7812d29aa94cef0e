#include "model/topology_graph.h"

#include <algorithm>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/graphviz.hpp>
#include <ostream>

#include "engine/check.h"

namespace quorate::model {
namespace {

using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

// Keeps only forwarding switches: the trunk forest the frames can cross at one instant.
struct ForwardingSwitches {
  const Graph* graph = nullptr;
  const PartsState* state = nullptr;
  bool operator()(Vertex v) const {
    const VertexProps& p = (*graph)[v];
    return p.kind == VertexKind::kSwitch && state->switch_forwards[p.index];
  }
};

bool vertex_working(const VertexProps& p, const PartsState& state) {
  switch (p.kind) {
    case VertexKind::kHost:
      return true;
    case VertexKind::kNic:
      return state.nic_can_send[p.index] && state.nic_can_receive[p.index];
    case VertexKind::kSwitch:
      return state.switch_forwards[p.index];
  }
  QUORATE_UNREACHABLE();
}

struct DotVertexWriter {
  const Graph* graph = nullptr;
  const PartsState* state = nullptr;
  void operator()(std::ostream& out, Vertex v) const {
    const VertexProps& p = (*graph)[v];
    static constexpr const char* kShapes[] = {"box", "ellipse", "diamond"};
    out << "[label=\"" << p.label << "\",shape=" << kShapes[static_cast<int>(p.kind)];
    if (!vertex_working(p, *state)) out << ",style=dashed,color=red";
    out << "]";
  }
};

struct DotEdgeWriter {
  const Graph* graph = nullptr;
  void operator()(std::ostream& out, Edge e) const {
    out << ((*graph)[e].cable ? "[style=solid]" : "[style=dotted]");
  }
};

}  // namespace

PartsState PartsState::all_up(const Topology& topology) {
  const size_t nics = topology.nics().size();
  return PartsState{std::vector<bool>(nics, true), std::vector<bool>(nics, true),
                    std::vector<bool>(topology.switches().size(), true)};
}

TopologyGraph::TopologyGraph(const Topology& topology) {
  for (const auto& [id, host] : topology.hosts()) {  // ordered: ascending NodeId
    add_vertex(VertexProps{VertexKind::kHost, id.value, "n" + to_string(id) + " " + host.name},
               graph_);
    hosts_.push_back(id);
    host_nics_.push_back(host.nics);
  }
  for (size_t i = 0; i < topology.nics().size(); ++i) {
    const Nic& nic = topology.nics()[i];
    const std::string label = topology.host(nic.host).name + "/" + nic.name;
    nic_vertex_.push_back(add_vertex(VertexProps{VertexKind::kNic, uint32_t(i), label}, graph_));
    nic_ids_.push_back(NicId{uint32_t(i)});
    nic_switch_.push_back(nic.cable.valid() ? nic.attached_switch : SwitchId{});
  }
  for (size_t i = 0; i < topology.switches().size(); ++i) {
    const Switch& sw = topology.switches()[i];
    const std::string label = sw.name + " (" + topology.network(sw.network).name + ")";
    switch_vertex_.push_back(
        add_vertex(VertexProps{VertexKind::kSwitch, uint32_t(i), label}, graph_));
    switch_network_.push_back(sw.network);
  }
  for (size_t h = 0; h < hosts_.size(); ++h) {
    for (const NicId nic : host_nics_[h])
      add_edge(h, nic_vertex_[nic.value], EdgeProps{false}, graph_);
  }
  for (const Cable& cable : topology.cables()) {
    const size_t a = cable.a.kind == CableEndKind::kNic ? nic_vertex_[cable.a.nic.value]
                                                        : switch_vertex_[cable.a.switch_id.value];
    add_edge(a, switch_vertex_[cable.b.switch_id.value], EdgeProps{true}, graph_);
  }
  QUORATE_CHECK(num_vertices(graph_) == hosts_.size() + nic_vertex_.size() + switch_vertex_.size());
}

void TopologyGraph::check_state(const PartsState& state) const {
  QUORATE_CHECK(state.nic_can_send.size() == nic_vertex_.size());
  QUORATE_CHECK(state.nic_can_receive.size() == nic_vertex_.size());
  QUORATE_CHECK(state.switch_forwards.size() == switch_vertex_.size());
}

std::vector<int> TopologyGraph::switch_components(const PartsState& state) const {
  const ForwardingSwitches filter{&graph_, &state};
  const boost::filtered_graph<Graph, boost::keep_all, ForwardingSwitches> view(
      graph_, boost::keep_all(), filter);
  std::vector<int> by_vertex(num_vertices(graph_), -1);
  boost::connected_components(view, by_vertex.data());
  std::vector<int> by_switch(switch_vertex_.size(), -1);
  for (size_t s = 0; s < switch_vertex_.size(); ++s) {
    if (state.switch_forwards[s]) by_switch[s] = by_vertex[switch_vertex_[s]];
  }
  return by_switch;
}

std::vector<int> TopologyGraph::host_components(NodeId host, NetworkId network,
                                                const PartsState& state,
                                                const std::vector<int>& components,
                                                bool send) const {
  const auto it = std::lower_bound(hosts_.begin(), hosts_.end(), host);
  QUORATE_CHECK(it != hosts_.end() && *it == host);
  std::vector<int> result;
  for (const NicId nic : host_nics_[size_t(it - hosts_.begin())]) {
    const SwitchId sw = nic_switch_[nic.value];
    if (!sw.valid() || switch_network_[sw.value] != network) continue;
    const bool works = send ? state.nic_can_send[nic.value] : state.nic_can_receive[nic.value];
    if (works && components[sw.value] >= 0) result.push_back(components[sw.value]);
  }
  std::sort(result.begin(), result.end());
  return result;
}

std::vector<std::pair<NodeId, NodeId>> TopologyGraph::reachable_pairs(
    NetworkId network, const PartsState& state) const {
  check_state(state);
  const std::vector<int> components = switch_components(state);
  std::vector<std::vector<int>> send(hosts_.size()), receive(hosts_.size());
  for (size_t h = 0; h < hosts_.size(); ++h) {
    send[h] = host_components(hosts_[h], network, state, components, true);
    receive[h] = host_components(hosts_[h], network, state, components, false);
  }
  std::vector<std::pair<NodeId, NodeId>> pairs;
  for (size_t a = 0; a < hosts_.size(); ++a) {
    for (size_t b = 0; b < hosts_.size(); ++b) {
      if (a == b) continue;
      std::vector<int> common;
      std::set_intersection(send[a].begin(), send[a].end(), receive[b].begin(), receive[b].end(),
                            std::back_inserter(common));
      if (!common.empty()) pairs.emplace_back(hosts_[a], hosts_[b]);
    }
  }
  return pairs;  // sorted: a ascending, then b ascending
}

bool TopologyGraph::reachable(NodeId from, NodeId to, NetworkId network,
                              const PartsState& state) const {
  const auto pairs = reachable_pairs(network, state);
  return std::binary_search(pairs.begin(), pairs.end(), std::pair{from, to});
}

void TopologyGraph::write_dot(std::ostream& out, const PartsState& state) const {
  check_state(state);
  boost::write_graphviz(out, graph_, DotVertexWriter{&graph_, &state}, DotEdgeWriter{&graph_});
}

void TopologyGraph::write_dot(std::ostream& out) const {
  PartsState up{std::vector<bool>(nic_vertex_.size(), true),
                std::vector<bool>(nic_vertex_.size(), true),
                std::vector<bool>(switch_vertex_.size(), true)};
  write_dot(out, up);
}

}  // namespace quorate::model
