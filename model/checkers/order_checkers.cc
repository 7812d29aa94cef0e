// The per-message checkers: no creation, no duplicates, per-sender FIFO, total order.
#include <map>
#include <set>

#include "model/checkers/ring_checkers.h"

namespace quorate::checkers {
namespace {

void add(std::vector<Violation>& out, Violation v) {
  if (out.size() < kMaxViolations) out.push_back(std::move(v));
}

template <typename F>
void for_each_delivery(const RingHistory& h, F&& f) {
  for (const auto& [node, nh] : h.nodes)
    for (const HistoryItem& item : nh.items)
      if (const auto* d = std::get_if<DeliverRec>(&item)) f(node, *d);
}

}  // namespace

std::vector<Violation> check_no_creation(const RingHistory& h) {
  std::map<MsgKey, const SendRec*> sent;
  for (const auto& [node, nh] : h.nodes)
    for (const SendRec& s : nh.sends)
      sent[MsgKey{node, s.msg_id}] = &s;
  std::vector<Violation> out;
  for_each_delivery(h, [&](NodeId node, const DeliverRec& d) {
    const auto it = sent.find(d.msg);
    if (it == sent.end()) {
      add(out, {"no_creation",
                d.at,
                {node},
                "delivered " + to_string(d.msg) + " in ring " + to_string(d.ring) +
                    ", which was never sent"});
    } else if (it->second->len != d.len || it->second->hash != d.hash) {
      add(out, {"no_creation",
                d.at,
                {node, d.msg.sender},
                "delivered " + to_string(d.msg) + " with other content than was sent"});
    } else if (it->second->at > d.at) {
      add(out, {"no_creation",
                d.at,
                {node, d.msg.sender},
                "delivered " + to_string(d.msg) + " before it was sent"});
    }
  });
  return out;
}

std::vector<Violation> check_no_duplicates(const RingHistory& h) {
  std::map<NodeId, std::set<MsgKey>> seen;
  std::vector<Violation> out;
  for_each_delivery(h, [&](NodeId node, const DeliverRec& d) {
    if (!seen[node].insert(d.msg).second) {
      add(out,
          {"no_duplicates",
           d.at,
           {node},
           "delivered " + to_string(d.msg) + " a second time (ring " + to_string(d.ring) + ")"});
    }
  });
  return out;
}

std::vector<Violation> check_fifo(const RingHistory& h) {
  std::map<std::pair<NodeId, NodeId>, uint64_t> last;  // (node, sender) -> last msg_id
  std::vector<Violation> out;
  for_each_delivery(h, [&](NodeId node, const DeliverRec& d) {
    uint64_t& prev = last[{node, d.msg.sender}];
    if (d.msg.msg_id <= prev) {
      add(out, {"fifo",
                d.at,
                {node, d.msg.sender},
                "delivered " + to_string(d.msg) + " after " + to_string({d.msg.sender, prev})});
    }
    prev = std::max(prev, d.msg.msg_id);
  });
  return out;
}

// Per configuration, per node: the delivery sequence. For each pair of nodes, the common
// messages must appear in the same relative order.
std::vector<Violation> check_total_order(const RingHistory& h) {
  std::map<RingKey, std::map<NodeId, std::vector<const DeliverRec*>>> by_ring;
  for_each_delivery(h,
                    [&](NodeId node, const DeliverRec& d) { by_ring[d.ring][node].push_back(&d); });
  std::vector<Violation> out;
  for (const auto& [ring, per_node] : by_ring) {
    for (auto a = per_node.begin(); a != per_node.end(); ++a) {
      std::map<MsgKey, size_t> pos;
      for (size_t i = 0; i < a->second.size(); ++i)
        pos[a->second[i]->msg] = i;
      for (auto b = std::next(a); b != per_node.end(); ++b) {
        const DeliverRec* prev = nullptr;
        size_t prev_pos = 0;
        for (const DeliverRec* d : b->second) {
          const auto it = pos.find(d->msg);
          if (it == pos.end()) continue;
          if (prev && it->second < prev_pos) {
            add(out, {"total_order",
                      d->at,
                      {a->first, b->first},
                      "in ring " + to_string(ring) + " node " + std::to_string(b->first.value) +
                          " delivered " + to_string(prev->msg) + " before " + to_string(d->msg) +
                          ", node " + std::to_string(a->first.value) + " the other way round"});
            break;
          }
          prev = d;
          prev_pos = it->second;
        }
      }
    }
  }
  return out;
}

}  // namespace quorate::checkers
