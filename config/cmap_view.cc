#include "config/cmap_view.h"

#include <optional>
#include <utility>

#include "config/conf_schema.h"
#include "engine/check.h"

namespace quorate::config {

const CmapEntry* CmapView::get(std::string_view key) const {
  auto it = keys_.find(key);
  return it == keys_.end() ? nullptr : &it->second;
}

std::vector<std::pair<std::string, CmapEntry>> CmapView::with_prefix(
    std::string_view prefix) const {
  std::vector<std::pair<std::string, CmapEntry>> out;
  for (auto it = keys_.lower_bound(prefix); it != keys_.end(); ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    out.emplace_back(it->first, it->second);
  }
  return out;
}

namespace {

enum class State { kNormal, kInterface, kNode, kLoggerSubsys, kLoggingDaemon, kUidGid, kMember };

struct PendingItem {
  std::string key;
  CmapEntry entry;
};

// Walks the tree in file order, like corosync's parser callback.
class ViewBuilder {
 public:
  ViewBuilder(const ParsedFile& parsed, Diagnostics* errors)
      : file_(parsed.file), errors_(errors) {}

  CmapView run(const ConfTree& tree) {
    visit(tree.nodes, "", State::kNormal);
    return std::move(view_);
  }

 private:
  static std::string join(const std::string& path, const std::string& name) {
    return path.empty() ? name : path + "." + name;
  }

  void visit(const std::vector<ConfNode>& level, const std::string& path, State state) {
    for (const ConfNode& n : level) {
      if (n.kind == ConfNode::Kind::kKeyValue) item(n, join(path, n.name), state);
      if (n.kind == ConfNode::Kind::kSection) section(n, join(path, n.name), state);
    }
  }

  void section(const ConfNode& s, const std::string& path, State state) {
    if (state == State::kUidGid) {
      return error(s.line, "Subsections are not allowed within uidgid section");
    }
    if (state == State::kMember) {
      return error(s.line, "Subsections are not allowed within totem.interface.member section");
    }
    State inner = state_for(path, state);
    if (path == "nodelist") node_number_ = 0;
    if (inner != state) begin(inner);
    visit(s.children, path, inner);
    end(inner, s.close_line);
  }

  static State state_for(const std::string& path, State inherited) {
    if (path == "totem.interface") return State::kInterface;
    if (path == "nodelist.node") return State::kNode;
    if (path == "logging.logger_subsys") return State::kLoggerSubsys;
    if (path == "logging.logging_daemon") return State::kLoggingDaemon;
    if (path == "uidgid") return State::kUidGid;
    if (path == "totem.interface.member") return State::kMember;
    if (path == "totem" || path == "quorum" || path == "nodelist" || path == "system" ||
        path == "quorum.device" || path == "resources") {
      return State::kNormal;
    }
    return inherited;
  }

  void begin(State s) {
    if (s == State::kInterface) {
      linknumber_ = 0;
      iface_items_.clear();
    }
    if (s == State::kLoggerSubsys || s == State::kLoggingDaemon) {
      subsys_.reset();
      daemon_name_.reset();
      subsys_items_.clear();
    }
  }

  // corosync 3.1.7 runs the end-of-section step of the enclosing special section at the end
  // of every nested subsection too (later versions check the path): a subsection inside a
  // node moves the following keys to the next node index, one inside an interface flushes
  // its keys early, one inside logger_subsys consumes the subsys (corosync then crashes or
  // reports the missing subsys: either way the file is rejected).
  void end(State s, int close_line) {
    if (s == State::kInterface) return end_interface(close_line);
    if (s == State::kNode) {
      ++node_number_;
      return;
    }
    if (s == State::kLoggerSubsys) return end_subsys(close_line);
    if (s == State::kLoggingDaemon) return end_daemon(close_line);
  }

  void end_interface(int close_line) {
    std::string prefix = "totem.interface." + std::to_string(linknumber_) + ".";
    for (PendingItem& p : iface_items_) {
      store(prefix + p.key, std::move(p.entry), close_line);
    }
    iface_items_.clear();
  }

  void end_subsys(int close_line) {
    if (!subsys_) return error(close_line, "No subsys key in logger_subsys directive");
    std::string prefix = "logging.logger_subsys." + subsys_->value + ".";
    for (PendingItem& p : subsys_items_)
      store(prefix + p.key, std::move(p.entry), close_line);
    store(prefix + "subsys", *subsys_, close_line);
    subsys_items_.clear();
    subsys_.reset();
  }

  void end_daemon(int close_line) {
    if (!daemon_name_) return error(close_line, "No name key in logging_daemon directive");
    bool is_corosync = daemon_name_->value == "corosync";
    std::string prefix;
    if (is_corosync) {
      prefix = subsys_ ? "logging.logger_subsys." + subsys_->value + "." : "logging.";
    } else {
      prefix = "logging.logging_daemon." + daemon_name_->value + "." +
               (subsys_ ? subsys_->value + "." : "");
    }
    for (PendingItem& p : subsys_items_) {
      store(prefix + p.key, std::move(p.entry), close_line);
    }
    subsys_items_.clear();
    subsys_.reset();
    daemon_name_.reset();
  }

  void item(const ConfNode& n, const std::string& path, State state) {
    CmapEntry entry{n.value, n.line};
    switch (state) {
      case State::kInterface:
        return interface_item(n, path, std::move(entry));
      case State::kNode:
        return node_item(n, std::move(entry));
      case State::kLoggerSubsys:
      case State::kLoggingDaemon:
        return logging_item(path, std::move(entry), state);
      case State::kUidGid:
        if (path != "uidgid.uid" && path != "uidgid.gid") {
          return error(n.line, "uidgid: Only uid and gid are allowed items");
        }
        return store(path, std::move(entry), n.line);
      case State::kMember:
        if (path != "totem.interface.member.memberaddr") {
          return error(n.line, "Only memberaddr is allowed in member section");
        }
        return store(path, std::move(entry), n.line);
      case State::kNormal:
        break;
    }
    if (!typed_ok(n, path, path, entry)) return;
    store(path, std::move(entry), n.line);
  }

  void interface_item(const ConfNode& n, const std::string& path, CmapEntry entry) {
    if (!typed_ok(n, path, path, entry)) return;
    if (path == "totem.interface.linknumber") {
      linknumber_ = static_cast<int>(*parse_ranged(n.value, ValueKind::kU8));
      return;
    }
    static constexpr std::string_view kPerLink[] = {"bindnetaddr",
                                                    "mcastaddr",
                                                    "broadcast",
                                                    "mcastport",
                                                    "ttl",
                                                    "knet_link_priority",
                                                    "knet_ping_interval",
                                                    "knet_ping_timeout",
                                                    "knet_ping_precision",
                                                    "knet_pong_count",
                                                    "knet_transport"};
    for (std::string_view k : kPerLink) {
      if (n.name == k) {
        for (PendingItem& p : iface_items_) {
          if (p.key == k) {
            p.entry = std::move(entry);
            return;
          }
        }
        iface_items_.push_back(PendingItem{n.name, std::move(entry)});
        return;
      }
    }
    store(path, std::move(entry), n.line);
  }

  // corosync 3.1.7 keys node items by the key alone, also inside subsections of a node:
  // "node { foo { ring0_addr: x } }" sets nodelist.node.<n>.ring0_addr.
  void node_item(const ConfNode& n, CmapEntry entry) {
    std::string key = "nodelist.node." + std::to_string(node_number_) + "." + n.name;
    if (!typed_ok(n, "nodelist.node." + n.name, key, entry)) return;
    store(key, std::move(entry), n.line);
  }

  void logging_item(const std::string& path, CmapEntry entry, State state) {
    std::string base =
        state == State::kLoggerSubsys ? "logging.logger_subsys" : "logging.logging_daemon";
    if (path == base + ".subsys") {
      subsys_ = std::move(entry);
      return;
    }
    if (state == State::kLoggingDaemon && path == base + ".name") {
      daemon_name_ = std::move(entry);
      return;
    }
    subsys_items_.push_back(PendingItem{path.substr(base.size() + 1), std::move(entry)});
  }

  // Checks a typed key and marks its entry typed. A dotted key ("totem.token: 10" at the top
  // level) reaches a typed path without corosync's section state: corosync stores it as a
  // string, which its typed reads then ignore.
  bool typed_ok(const ConfNode& n, const std::string& path, const std::string& display,
                CmapEntry& entry) {
    if (n.name.find('.') != std::string::npos) return true;
    std::optional<std::string> msg = check_value(path, n.value, display);
    if (msg) {
      error(n.line, std::move(*msg));
      return false;
    }
    entry.typed = value_kind(path) != ValueKind::kString;
    return true;
  }

  void store(const std::string& key, CmapEntry entry, int line) {
    if (!valid_cmap_key_name(key)) return error(line, store_error(key));
    view_.set(key, std::move(entry));
  }

  void error(int line, std::string message) {
    errors_->push_back(
        Diagnostic{Severity::kError, Origin::kParse, file_, line, std::move(message)});
  }

  const std::string& file_;
  Diagnostics* errors_;
  CmapView view_;
  int node_number_ = 0;
  int linknumber_ = 0;
  std::vector<PendingItem> iface_items_;
  std::optional<CmapEntry> subsys_;
  std::optional<CmapEntry> daemon_name_;
  std::vector<PendingItem> subsys_items_;
};

}  // namespace

CmapView build_cmap_view(const ParsedFile& parsed, Diagnostics* errors) {
  QUORATE_CHECK(errors != nullptr);
  return ViewBuilder(parsed, errors).run(parsed.tree);
}

}  // namespace quorate::config
