// A votequorum cluster harness that mimics corosync-vqsim (corosync:vqsim/): N nodes, numbered
// partitions, the commands up / down / split (move) / join, plus virtual time for the
// last_man_standing window, clean leaves, admin calls and a quorum device arbiter.
//
// Contract:
// - Test support only: single-threaded, deterministic, no clock (virtual `now`, advanced only by
//   wait()).
// - Like vqsim: at construction every nodelist node starts in partition 0; partitions keep
//   their nodes in insertion order; every membership command gives a new ring (seq += 4, rep =
//   first node of the partition) to EVERY non-empty partition, changed or not.
// - Each new ring runs the sync exchange among that partition's members, scheduled one of two
//   ways (SyncSchedule):
//   kCorosync: sync_init on all, every member's sync_process messages delivered to every member
//     in one agreed order (member order), then sync_activate on all (corosync's sync barrier:
//     a node's own nodeinfo reaches it before it activates);
//   kVqsim: sync_init on all, then each member sends its nodeinfo and activates at once (vqsim's
//     10 ms sync timer calls sync_process then sync_activate), and the messages of the round are
//     delivered afterwards, outside the sync, in member order. Stale flags in a node's own
//     echoed nodeinfo then act after activation, which real corosync never does;
//   kVqsimRandom: vqsim's real timing, drawn from the harness's seeded Prng: every member's sync
//     timer fires at a random moment (send nodeinfo, activate) and each message reaches each
//     member after a random delay, so a member may hear others before it activates. vqsim runs
//     its nodes as concurrent processes, so any of these interleavings can happen there.
// - expected_votes_tracking persistence: vqsim's nodes share one ev_tracking file (its cwd);
//   `shared_ev_tracking` picks that (true) or one file per node (false, a real cluster).
// - Partition numbers are 0..kMaxPartitions-1. Node ids must be in the nodelist.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/ids.h"
#include "engine/prng.h"
#include "engine/quorum/qdevice.h"
#include "engine/quorum/votequorum.h"
#include "engine/time.h"

namespace quorate::quorum::testing {

inline constexpr int kMaxPartitions = 16;

enum class SyncSchedule : uint8_t { kCorosync, kVqsim, kVqsimRandom };

struct NodeView {
  NodeId id;
  int partition = 0;
  bool quorate = false;
  uint32_t quorum = 0;
  uint32_t expected_votes = 0;
  std::vector<NodeId> members;  // the ring as this node last saw it
};

class QuorumCluster {
 public:
  // Starts every nodelist node in partition 0. Check-fails if a node refuses to start; use
  // Votequorum::start directly to test start-up errors.
  explicit QuorumCluster(VotequorumOptions options, SyncSchedule schedule = SyncSchedule::kCorosync,
                         uint64_t schedule_seed = 0, bool shared_ev_tracking = true);

  // Changes how the next rings are scheduled (and reseeds kVqsimRandom's Prng).
  void set_schedule(SyncSchedule schedule, uint64_t seed);

  // vqsim commands.
  void up(int partition, const std::vector<NodeId>& ids);
  void down(NodeId id);
  void split(int partition, const std::vector<NodeId>& ids);  // vqsim "move"/"split"
  void join(int into, const std::vector<int>& partitions);

  // Beyond vqsim.
  void wait(Duration d);  // advance virtual time, firing due LMS timers (node id order)
  void leave(NodeId id);  // clean shutdown: LEAVING nodeinfo (allow_downscale), then down
  AdminResult set_expected(NodeId at, uint32_t expected_votes);
  AdminResult set_votes(NodeId at, NodeId node, uint32_t votes);
  void cancel_wait_for_all(NodeId at);
  // Quorum device: nodes in `ids` run a qdevice client connected to one shared arbiter.
  void qdevice(bool on, const std::vector<NodeId>& ids);

  // Observers.
  bool running(NodeId id) const { return nodes_.contains(id); }
  const Votequorum& node(NodeId id) const;
  NodeView view(NodeId id) const;
  std::vector<NodeView> views() const;  // running nodes, by partition then insertion order
  const std::vector<NodeId>& partition(int p) const;
  Instant now() const { return now_; }
  uint32_t ev_tracking_file() const { return shared_ev_file_; }
  // Every node's full state (Votequorum::debug_string), to tell cluster states apart.
  std::string fingerprint() const;

 private:
  struct Node {
    Votequorum vq;
    int partition = 0;
    bool qdevice = false;
  };

  Votequorum& mutable_node(NodeId id);
  void start_node(NodeId id, int partition);
  void remove_from_partition(NodeId id);
  void new_rings();  // a new ring for every non-empty partition
  void sync_partition(int p);
  void run_sync_random(const std::vector<NodeId>& members);
  void multicast(int p, NodeId sender, const std::vector<VqMessage>& messages);
  void persist_ev_tracking();
  void run_arbiter();

  VotequorumOptions options_;
  SyncSchedule schedule_;
  Prng rng_;
  bool shared_ev_tracking_;
  uint32_t shared_ev_file_ = 0;
  std::map<NodeId, uint32_t> ev_files_;  // per node, when not shared
  std::map<NodeId, Node> nodes_;
  std::vector<std::vector<NodeId>> partitions_;
  std::vector<RingId> rings_;
  QdeviceArbiter arbiter_;
  Instant now_ = Instant::epoch();
};

}  // namespace quorate::quorum::testing
