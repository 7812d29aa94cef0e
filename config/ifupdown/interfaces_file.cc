#include "config/ifupdown/interfaces_file.h"

#include <glob.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <utility>

#include "config/ifupdown/resolve.h"
#include "config/ifupdown/syntax.h"

namespace quorate::ifupdown {

namespace {

std::optional<std::string> read_file(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in || std::filesystem::is_directory(path)) {
    *error = std::strerror(errno != 0 ? errno : EISDIR);
    return std::nullopt;
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string relative_to(const std::string& including_file, const std::string& path) {
  if (path.starts_with("/")) return path;
  return (std::filesystem::path(including_file).parent_path() / path).string();
}

std::vector<std::string> glob_paths(const std::string& pattern) {
  std::vector<std::string> out;
  glob_t g{};
  if (glob(pattern.c_str(), 0, nullptr, &g) == 0) {
    for (size_t k = 0; k < g.gl_pathc; ++k)
      out.emplace_back(g.gl_pathv[k]);
  }
  globfree(&g);
  std::sort(out.begin(), out.end());
  return out;
}

bool run_parts_name(const std::string& n) {
  return !n.empty() && std::all_of(n.begin(), n.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

std::vector<std::string> directory_files(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (run_parts_name(e.path().filename().string()) && e.is_regular_file(ec)) {
      out.push_back(e.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

class Loader {
 public:
  Loader(const LoadOptions& options, LoadResult& result) : opt_(options), r_(result) {}

  std::optional<SyntaxTree> read(const std::string& path, const SourceLoc* from) {
    std::string error;
    const std::optional<std::string> text = read_file(path, &error);
    if (!text) {
      if (from == nullptr) {
        r_.diagnostics.error(SourceLoc{path, 0}, "cannot read: " + error);
      } else {
        r_.diagnostics.warning(*from, "cannot read sourced file " + path + ": " + error);
      }
      return std::nullopt;
    }
    r_.files.push_back(path);
    return parse_syntax(*text, path, r_.diagnostics);
  }

  void expand(SyntaxTree& tree, const std::string& file, int depth) {
    std::vector<SyntaxItem> out;
    for (SyntaxItem& item : tree.items) {
      const auto* d = std::get_if<SourceDirective>(&item);
      if (d == nullptr || !opt_.follow_sources) {
        out.push_back(std::move(item));
      } else {
        follow(*d, file, depth, out);
      }
    }
    tree.items = std::move(out);
  }

 private:
  void follow(const SourceDirective& d, const std::string& file, int depth,
              std::vector<SyntaxItem>& out) {
    const std::string target = relative_to(file, d.pattern);
    if (depth >= opt_.max_depth) {
      r_.diagnostics.error(d.loc, "sources nested deeper than " + std::to_string(opt_.max_depth) +
                                      " files; " + d.pattern +
                                      " is not read (does a file source itself?)");
      return;
    }
    const std::vector<std::string> paths =
        d.directory ? directory_files(target) : glob_paths(target);
    if (paths.empty() && !d.directory && target.find('*') == std::string::npos) {
      r_.diagnostics.warning(d.loc, "cannot find source file " + target);
    }
    for (const std::string& p : paths) {
      if (static_cast<int>(r_.files.size()) >= opt_.max_files) {
        r_.diagnostics.error(d.loc, "more than " + std::to_string(opt_.max_files) +
                                        " interfaces files; " + p + " and later are not read");
        return;
      }
      std::optional<SyntaxTree> sub = read(p, &d.loc);
      if (!sub) continue;
      expand(*sub, p, depth + 1);
      for (SyntaxItem& item : sub->items)
        out.push_back(std::move(item));
    }
  }

  const LoadOptions& opt_;
  LoadResult& r_;
};

}  // namespace

ParseResult parse_interfaces(std::string_view text, const std::string& file) {
  ParseResult r;
  const SyntaxTree tree = parse_syntax(text, file, r.diagnostics);
  r.network = resolve_network(tree, r.diagnostics);
  return r;
}

LoadResult load_interfaces_file(const std::string& path, const LoadOptions& options) {
  LoadResult r;
  Loader loader(options, r);
  std::optional<SyntaxTree> tree = loader.read(path, nullptr);
  if (!tree) return r;
  loader.expand(*tree, path, 0);
  r.network = resolve_network(*tree, r.diagnostics);
  return r;
}

}  // namespace quorate::ifupdown
