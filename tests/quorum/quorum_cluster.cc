#include "tests/quorum/quorum_cluster.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <utility>

#include "engine/check.h"

namespace quorate::quorum::testing {

QuorumCluster::QuorumCluster(VotequorumOptions options, SyncSchedule schedule,
                             uint64_t schedule_seed, bool shared_ev_tracking)
    : options_(std::move(options)),
      schedule_(schedule),
      rng_(schedule_seed),
      shared_ev_tracking_(shared_ev_tracking),
      partitions_(kMaxPartitions),
      rings_(kMaxPartitions) {
  for (int p = 0; p < kMaxPartitions; ++p)
    rings_[p].rep = NodeId{1000u + p};
  for (const NodeVotes& n : options_.nodelist)
    start_node(n.id, 0);
  // vqsim syncs partition 0 once per created node; the rounds collapse into the last one.
  QUORATE_CHECK(!options_.nodelist.empty());
  rings_[0].seq += 4 * (options_.nodelist.size() - 1);
  sync_partition(0);
}

void QuorumCluster::start_node(NodeId id, int partition) {
  QUORATE_CHECK(!nodes_.contains(id));
  QUORATE_CHECK(partition >= 0 && partition < kMaxPartitions);
  const uint32_t barrier = shared_ev_tracking_ ? shared_ev_file_ : ev_files_[id];
  auto started = Votequorum::start(id, options_, barrier);
  auto* error = std::get_if<StartupError>(&started);
  QUORATE_CHECK_MSG(error == nullptr, error != nullptr ? error->message.c_str() : "");
  Votequorum& vq = std::get<Votequorum>(started);
  // exec_init's nodeinfo: delivered in the node's own first (singleton) view.
  for (const VqMessage& m : vq.startup_messages())
    vq.deliver(id, m);
  nodes_.emplace(id, Node{std::move(vq), partition, false});
  partitions_[partition].push_back(id);
  persist_ev_tracking();
}

Votequorum& QuorumCluster::mutable_node(NodeId id) {
  auto it = nodes_.find(id);
  QUORATE_CHECK_MSG(it != nodes_.end(), "node is not up");
  return it->second.vq;
}

const Votequorum& QuorumCluster::node(NodeId id) const {
  auto it = nodes_.find(id);
  QUORATE_CHECK_MSG(it != nodes_.end(), "node is not up");
  return it->second.vq;
}

void QuorumCluster::remove_from_partition(NodeId id) {
  auto& list = partitions_[nodes_.at(id).partition];
  const auto it = std::find(list.begin(), list.end(), id);
  QUORATE_CHECK(it != list.end());
  list.erase(it);
}

void QuorumCluster::up(int partition, const std::vector<NodeId>& ids) {
  uint64_t started = 0;
  for (NodeId id : ids) {
    if (nodes_.contains(id)) continue;  // vqsim: "ERR: nodeid N already exists"
    start_node(id, partition);
    ++started;
  }
  if (started > 0) {
    rings_[partition].seq += 4 * (started - 1);  // one (collapsed) ring per started node
    sync_partition(partition);
  }
  run_arbiter();
}

void QuorumCluster::down(NodeId id) {
  QUORATE_CHECK(nodes_.contains(id));
  const int p = nodes_.at(id).partition;
  remove_from_partition(id);
  nodes_.erase(id);
  if (partitions_[p].empty()) {
    rings_[p].seq += 4;
  } else {
    sync_partition(p);
  }
  run_arbiter();
}

// The leaving node is shutting down: its LEAVING nodeinfo reaches the others only.
void QuorumCluster::leave(NodeId id) {
  const int p = nodes_.at(id).partition;
  const std::vector<VqMessage> messages = mutable_node(id).leave();
  for (const VqMessage& m : messages) {
    for (NodeId to : partitions_[p]) {
      if (to != id) mutable_node(to).deliver(id, m);
    }
  }
  down(id);
}

void QuorumCluster::split(int partition, const std::vector<NodeId>& ids) {
  QUORATE_CHECK(partition >= 0 && partition < kMaxPartitions);
  for (NodeId id : ids) {
    if (!nodes_.contains(id)) continue;  // vqsim: "ERR: node N does not exist"
    remove_from_partition(id);
    partitions_[partition].push_back(id);
    nodes_.at(id).partition = partition;
  }
  new_rings();
}

void QuorumCluster::join(int into, const std::vector<int>& partitions) {
  QUORATE_CHECK(into >= 0 && into < kMaxPartitions);
  for (int p : partitions) {
    QUORATE_CHECK(p >= 0 && p < kMaxPartitions);
    if (p == into) continue;
    for (NodeId id : partitions_[p]) {
      partitions_[into].push_back(id);
      nodes_.at(id).partition = into;
    }
    partitions_[p].clear();
  }
  new_rings();
}

void QuorumCluster::new_rings() {
  for (int p = 0; p < kMaxPartitions; ++p) {
    if (partitions_[p].empty()) {
      rings_[p].seq += 4;  // vqsim bumps empty partitions' rings too
    } else {
      sync_partition(p);
    }
  }
  run_arbiter();
}

void QuorumCluster::sync_partition(int p) {
  const std::vector<NodeId> members = partitions_[p];
  QUORATE_CHECK(!members.empty());
  rings_[p].seq += 4;
  rings_[p].rep = members.front();
  for (NodeId id : members)
    mutable_node(id).sync_init(members, rings_[p], now_);
  if (schedule_ == SyncSchedule::kVqsimRandom) {
    run_sync_random(members);
    persist_ev_tracking();
    return;
  }
  std::vector<std::pair<NodeId, VqMessage>> agreed;
  for (NodeId id : members) {
    for (VqMessage& m : mutable_node(id).sync_process())
      agreed.emplace_back(id, std::move(m));
    if (schedule_ == SyncSchedule::kVqsim) mutable_node(id).sync_activate();
  }
  for (NodeId id : members) {
    Votequorum& vq = mutable_node(id);
    for (const auto& [sender, m] : agreed)
      vq.deliver(sender, m);
  }
  if (schedule_ == SyncSchedule::kCorosync) {
    for (NodeId id : members)
      mutable_node(id).sync_activate();
  }
  persist_ev_tracking();
}

// One vqsim-like interleaving: timers fire at random times spread over 0.2, 1 or 5 ms; each
// message batch reaches each member 50 us .. 1.5 ms after it was sent (per-sender FIFO holds:
// one batch each).
void QuorumCluster::run_sync_random(const std::vector<NodeId>& members) {
  struct Event {
    int64_t at = 0;
    NodeId node;    // timer owner, or receiver
    NodeId sender;  // invalid for a timer
    bool operator<(const Event& o) const {
      return std::tie(at, node, sender) < std::tie(o.at, o.node, o.sender);
    }
  };
  std::set<Event> events;
  const uint64_t spreads[] = {200, 1000, 5000};  // how far apart the sync timers fire (us)
  const uint64_t spread = spreads[rng_.uniform_u64(0, 2)];
  for (NodeId id : members) {
    events.insert(Event{static_cast<int64_t>(rng_.uniform_u64(0, spread - 1)), id, NodeId{}});
  }
  std::map<NodeId, std::vector<VqMessage>> sent;
  while (!events.empty()) {
    const Event e = *events.begin();
    events.erase(events.begin());
    if (!e.sender.valid()) {
      Votequorum& vq = mutable_node(e.node);
      sent[e.node] = vq.sync_process();
      vq.sync_activate();
      for (NodeId to : members) {
        events.insert(Event{e.at + static_cast<int64_t>(rng_.uniform_u64(50, 1500)), to, e.node});
      }
      continue;
    }
    for (const VqMessage& m : sent.at(e.sender))
      mutable_node(e.node).deliver(e.sender, m);
  }
  QUORATE_CHECK(sent.size() == members.size());
}

void QuorumCluster::set_schedule(SyncSchedule schedule, uint64_t seed) {
  schedule_ = schedule;
  rng_ = Prng(seed);
}

std::string QuorumCluster::fingerprint() const {
  std::string s = "evfile " + std::to_string(shared_ev_file_) + "\n";
  for (const auto& [id, n] : nodes_)
    s += n.vq.debug_string() + " p" + std::to_string(n.partition) + "\n";
  return s;
}

void QuorumCluster::multicast(int p, NodeId sender, const std::vector<VqMessage>& messages) {
  QUORATE_CHECK(nodes_.at(sender).partition == p);
  for (const VqMessage& m : messages) {
    for (NodeId id : partitions_[p])
      mutable_node(id).deliver(sender, m);
  }
  persist_ev_tracking();
}

void QuorumCluster::persist_ev_tracking() {
  for (const auto& [id, n] : nodes_) {
    if (!n.vq.config().ev_tracking) continue;
    const uint32_t b = n.vq.ev_tracking_barrier();
    if (shared_ev_tracking_) {
      shared_ev_file_ = std::max(shared_ev_file_, b);
    } else {
      ev_files_[id] = b;
    }
  }
}

void QuorumCluster::wait(Duration d) {
  QUORATE_CHECK(d >= Duration::zero());
  now_ += d;
  for (auto& [id, n] : nodes_) {
    const auto due = n.vq.wake_time();
    if (due.has_value() && *due <= now_) n.vq.on_timer(now_);
  }
  persist_ev_tracking();
}

AdminResult QuorumCluster::set_expected(NodeId at, uint32_t expected_votes) {
  std::vector<VqMessage> out;
  const AdminResult r = mutable_node(at).set_expected(expected_votes, out);
  multicast(nodes_.at(at).partition, at, out);
  return r;
}

AdminResult QuorumCluster::set_votes(NodeId at, NodeId node_id, uint32_t votes) {
  std::vector<VqMessage> out;
  const AdminResult r = mutable_node(at).set_votes(node_id, votes, out);
  multicast(nodes_.at(at).partition, at, out);
  return r;
}

void QuorumCluster::cancel_wait_for_all(NodeId at) {
  multicast(nodes_.at(at).partition, at, mutable_node(at).cancel_wait_for_all());
}

void QuorumCluster::qdevice(bool on, const std::vector<NodeId>& ids) {
  for (NodeId id : ids) {
    if (!nodes_.contains(id)) continue;
    Node& n = nodes_.at(id);
    std::vector<VqMessage> out;
    if (on && !n.qdevice) n.vq.qdevice_register(out);
    if (!on && n.qdevice) n.vq.qdevice_unregister(out);
    n.qdevice = on;
    multicast(n.partition, id, out);
  }
  run_arbiter();
}

// The arbiter picks one partition among the nodes running a qdevice client; every client polls
// with cast_vote = "my partition got the vote".
void QuorumCluster::run_arbiter() {
  std::vector<QdeviceArbiter::Partition> connected(kMaxPartitions);
  bool any = false;
  for (const auto& [id, n] : nodes_) {
    if (!n.qdevice) continue;
    connected[n.partition].insert(id);
    any = true;
  }
  if (!any) return;
  const std::optional<size_t> winner = arbiter_.decide(connected);
  for (int p = 0; p < kMaxPartitions; ++p) {
    for (NodeId id : partitions_[p]) {
      Node& n = nodes_.at(id);
      if (!n.qdevice) continue;
      std::vector<VqMessage> out;
      n.vq.qdevice_poll(winner.has_value() && *winner == static_cast<size_t>(p), out);
      multicast(p, id, out);
    }
  }
}

NodeView QuorumCluster::view(NodeId id) const {
  const Node& n = nodes_.at(id);
  return NodeView{
      id, n.partition, n.vq.quorate(), n.vq.quorum(), n.vq.expected_votes(), n.vq.members()};
}

std::vector<NodeView> QuorumCluster::views() const {
  std::vector<NodeView> out;
  for (int p = 0; p < kMaxPartitions; ++p) {
    for (NodeId id : partitions_[p])
      out.push_back(view(id));
  }
  return out;
}

const std::vector<NodeId>& QuorumCluster::partition(int p) const {
  QUORATE_CHECK(p >= 0 && p < kMaxPartitions);
  return partitions_[p];
}

}  // namespace quorate::quorum::testing
