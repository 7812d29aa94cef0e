// The configuration checkers: delivery within a configuration, virtual synchrony, consistent
// configuration changes.
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "model/checkers/ring_checkers.h"

namespace quorate::checkers {
namespace {

void add(std::vector<Violation>& out, Violation v) {
  if (out.size() < kMaxViolations) out.push_back(std::move(v));
}

std::string list(const std::vector<NodeId>& ids) {
  std::string s = "{";
  for (size_t i = 0; i < ids.size(); ++i)
    s += (i ? "," : "") + std::to_string(ids[i].value);
  return s + "}";
}

bool contains(const std::vector<NodeId>& ids, NodeId id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// One installed regular configuration at one node and the messages of that ring it delivered.
struct Installed {
  RingKey ring;
  Instant at;
  std::set<MsgKey> delivered;
};

std::vector<Installed> installs(const NodeHistory& nh) {
  std::vector<Installed> out;
  std::map<RingKey, std::set<MsgKey>> delivered;
  for (const HistoryItem& item : nh.items) {
    if (const auto* c = std::get_if<ConfRec>(&item); c && c->regular) {
      out.push_back(Installed{c->ring, c->at, {}});
    } else if (const auto* d = std::get_if<DeliverRec>(&item)) {
      delivered[d->ring].insert(d->msg);
    }
  }
  for (Installed& i : out)
    i.delivered = delivered[i.ring];
  return out;
}

}  // namespace

std::vector<Violation> check_delivery_in_configuration(const RingHistory& h) {
  std::vector<Violation> out;
  for (const auto& [node, nh] : h.nodes) {
    std::optional<RingKey> current;
    for (const HistoryItem& item : nh.items) {
      if (const auto* c = std::get_if<ConfRec>(&item); c && c->regular) current = c->ring;
      const auto* d = std::get_if<DeliverRec>(&item);
      if (!d || (current && *current == d->ring)) continue;
      add(out, {"delivery_in_configuration",
                d->at,
                {node},
                "delivered " + to_string(d->msg) + " of ring " + to_string(d->ring) + " while in " +
                    (current ? to_string(*current) : std::string("no ring"))});
    }
  }
  return out;
}

std::vector<Violation> check_virtual_synchrony(const RingHistory& h) {
  std::map<NodeId, std::vector<Installed>> all;
  for (const auto& [node, nh] : h.nodes)
    all[node] = installs(nh);
  // (C, C') -> first node seen moving C -> C', with its set of C's messages.
  std::map<std::pair<RingKey, RingKey>, std::pair<NodeId, const Installed*>> moves;
  std::vector<Violation> out;
  for (const auto& [node, list_of] : all) {
    for (size_t i = 0; i + 1 < list_of.size(); ++i) {
      const auto key = std::make_pair(list_of[i].ring, list_of[i + 1].ring);
      const auto [it, fresh] = moves.emplace(key, std::make_pair(node, &list_of[i]));
      if (fresh || it->second.second->delivered == list_of[i].delivered) continue;
      std::vector<MsgKey> diff;
      std::set_symmetric_difference(
          it->second.second->delivered.begin(), it->second.second->delivered.end(),
          list_of[i].delivered.begin(), list_of[i].delivered.end(), std::back_inserter(diff));
      add(out,
          {"virtual_synchrony",
           list_of[i + 1].at,
           {it->second.first, node},
           "both moved from " + to_string(key.first) + " to " + to_string(key.second) +
               " but delivered different sets of " + to_string(key.first) + " messages, e.g. " +
               to_string(diff.front()) + " (" + std::to_string(diff.size()) + " differ)"});
    }
  }
  return out;
}

std::vector<Violation> check_config_changes(const RingHistory& h) {
  std::vector<Violation> out;
  if (h.unreadable > 0) {
    add(out, {"config_changes",
              Instant::epoch(),
              {},
              std::to_string(h.unreadable) + " configuration changes name node ids above 64"});
  }
  std::map<RingKey, std::pair<NodeId, std::vector<NodeId>>> regular;  // first reporter
  for (const auto& [node, nh] : h.nodes) {
    const ConfRec* prev_conf = nullptr;
    for (const HistoryItem& item : nh.items) {
      const auto* c = std::get_if<ConfRec>(&item);
      if (!c) continue;
      const ConfRec* trans = prev_conf;
      prev_conf = c;
      if (!contains(c->members, node)) {
        add(out,
            {"config_changes",
             c->at,
             {node},
             "installed " + to_string(c->ring) + " without being a member " + list(c->members)});
      }
      if (!c->regular) continue;
      if (!trans || trans->regular || trans->ring != c->ring) {
        add(out, {"config_changes",
                  c->at,
                  {node},
                  "regular " + to_string(c->ring) + " not preceded by its transitional change"});
      } else if (!std::includes(c->members.begin(), c->members.end(), trans->members.begin(),
                                trans->members.end())) {
        add(out, {"config_changes",
                  c->at,
                  {node},
                  "transitional members " + list(trans->members) + " not within regular " +
                      list(c->members) + " of " + to_string(c->ring)});
      }
      const auto [it, fresh] = regular.emplace(c->ring, std::make_pair(node, c->members));
      if (!fresh && it->second.second != c->members) {
        add(out, {"config_changes",
                  c->at,
                  {it->second.first, node},
                  "disagree on the members of " + to_string(c->ring) + ": " +
                      list(it->second.second) + " vs " + list(c->members)});
      }
    }
  }
  return out;
}

}  // namespace quorate::checkers
