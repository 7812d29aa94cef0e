// Strict reading of YAML nodes for the scenario parser: every key known, every value typed,
// every error located (FILE:LINE:COL from yaml-cpp's Mark).
//
// - ParseContext knows the file name (for messages), the scenario's directory (for relative
//   paths) and, once loaded, the cluster (for node names and link ids). Its fail() throws
//   ScenarioParseError; the parser's entry points catch it.
// - MapReader checks, on construction, that a node is a mapping with no duplicate and no
//   unknown keys (the first offender in document order is reported), then hands out values.
//
// Lifetime: a MapReader holds the YAML node (yaml-cpp nodes share ownership) and borrows the
// ParseContext, which must outlive it.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ids.h"
#include "engine/time.h"
#include "sim/scenario/cluster_model.h"
#include "sim/scenario/scenario_error.h"
#include "sim/scenario/scenario_format.h"

namespace quorate::scenario {

class ParseContext {
 public:
  ParseContext(std::string file, std::string base_dir)
      : file_(std::move(file)), base_dir_(std::move(base_dir)) {}

  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& message) const;
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const;
  SourcePos pos(const YAML::Node& node) const;

  const std::string& file() const { return file_; }
  // `path` as given when absolute, else relative to the scenario file's directory.
  std::string resolve(const std::string& path) const;

  void set_cluster(const ClusterModel* cluster) { cluster_ = cluster; }
  void set_duration(Duration duration) { duration_ = duration; }
  const ClusterModel& cluster() const { return *cluster_; }
  Duration duration() const { return duration_; }

  // --- typed scalars (each fails with the node's position)
  std::string scalar(const YAML::Node& node, std::string_view what) const;
  Duration duration(const YAML::Node& node, std::string_view what) const;
  // A point of virtual time in [0, duration] ("end" = duration).
  Instant instant(const YAML::Node& node, std::string_view what) const;
  double probability(const YAML::Node& node, std::string_view what) const;
  int64_t integer(const YAML::Node& node, std::string_view what, int64_t lo, int64_t hi) const;
  bool boolean(const YAML::Node& node, std::string_view what) const;
  NodeId node_ref(const YAML::Node& node) const;
  std::vector<NodeId> node_list(const YAML::Node& node) const;  // a name or a list of names
  LinkId link_ref(const YAML::Node& node) const;
  // A flow/block sequence of exactly `n` items.
  void expect_sequence(const YAML::Node& node, std::string_view what, size_t n) const;

 private:
  std::string file_;
  std::string base_dir_;
  const ClusterModel* cluster_ = nullptr;
  Duration duration_ = Duration::zero();
};

class MapReader {
 public:
  // Fails unless `node` is a mapping whose keys are all in `known` and unique.
  MapReader(const ParseContext& ctx, const YAML::Node& node, std::string_view what,
            std::initializer_list<std::string_view> known);
  MapReader(const ParseContext& ctx, const YAML::Node& node, std::string_view what,
            const std::vector<std::string_view>& known);

  bool has(std::string_view key) const;
  // The value of `key`, or an undefined node (check with IsDefined) when absent.
  YAML::Node get(std::string_view key) const;
  // The value of `key`; fails "missing key" at the mapping when absent.
  YAML::Node need(std::string_view key) const;
  // Keys present, in document order.
  const std::vector<std::string>& keys() const { return keys_; }
  const YAML::Node& node() const { return node_; }
  const ParseContext& ctx() const { return ctx_; }

 private:
  void check(const std::vector<std::string_view>& known);

  const ParseContext& ctx_;
  YAML::Node node_;
  std::string what_;
  std::vector<std::string> keys_;
};

// "a, b or c" for messages.
std::string one_of(const std::vector<std::string_view>& names);

}  // namespace quorate::scenario
