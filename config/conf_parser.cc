#include "config/conf_parser.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>
#include <vector>

#include "engine/check.h"

namespace quorate::config {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || static_cast<unsigned char>(c) == 0xA0;
}

std::string_view trim_left(std::string_view s) {
  while (!s.empty() && is_blank(s.front()))
    s.remove_prefix(1);
  return s;
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && is_blank(s.back()))
    s.remove_suffix(1);
  return s;
}

std::string_view trim(std::string_view s) {
  return trim_right(trim_left(s));
}

// A section name loses trailing blanks, ':' and '{' (corosync strips them, keeping at least
// one character).
std::string_view trim_section_name(std::string_view s) {
  s = trim_left(s);
  while (s.size() > 1 && (is_blank(s.back()) || s.back() == ':' || s.back() == '{')) {
    s.remove_suffix(1);
  }
  if (s.size() == 1 && is_blank(s.front())) return {};
  return s;
}

struct RawLine {
  std::string_view text;  // without '\n'
  bool too_long = false;
};

// Splits into lines the way fgets(512) + strlen would see them.
std::vector<RawLine> split_lines(std::string_view text) {
  std::vector<RawLine> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    RawLine raw{text.substr(pos, end - pos)};
    raw.too_long = raw.text.size() > static_cast<size_t>(kMaxLineChars);
    size_t nul = raw.text.find('\0');
    if (nul != std::string_view::npos) {
      // strlen() stops at NUL; corosync then sees no '\n' and reports "Line too long"
      // unless this is the final, unterminated line.
      raw.too_long = raw.too_long || nl != std::string_view::npos;
      raw.text = raw.text.substr(0, nul);
    }
    lines.push_back(raw);
    pos = end + 1;
  }
  return lines;
}

class Parser {
 public:
  explicit Parser(ParsedFile& out) : out_(out) {}

  void run(const std::vector<RawLine>& lines) {
    stack_.push_back(&out_.tree.nodes);
    for (size_t i = 0; i < lines.size(); ++i) {
      int line_no = static_cast<int>(i) + 1;
      if (!handle(lines[i], line_no)) return;
    }
    if (stack_.size() > 1) fail(out_.line_count, "Missing closing brace");
  }

 private:
  bool handle(const RawLine& raw, int line_no) {
    if (raw.too_long) return fail(line_no, "Line too long");
    std::string_view line = raw.text;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    line = trim_right(line);
    std::string_view body = trim_left(line);
    if (body.empty()) return add(ConfNode::blank(line_no));
    if (body.front() == '#') return add(ConfNode::comment(std::string(body), line_no));
    if (line.find('{') != std::string_view::npos) return open_section(line, line_no);
    if (line.find(':') != std::string_view::npos) return key_value(line, line_no);
    if (line.find('}') != std::string_view::npos) return close_section(body, line_no);
    return fail(line_no, "Line is not opening or closing section or key value");
  }

  bool open_section(std::string_view line, int line_no) {
    size_t brace = line.find('{');
    std::string_view name = trim_section_name(line.substr(0, brace));
    std::string_view after = trim(line.substr(brace + 1));
    if (name.empty()) return fail(line_no, "Missing section name before opening bracket '{'");
    if (!after.empty()) return fail(line_no, "Extra characters after opening bracket '{'");
    if (path_len_ + name.size() + 1 >= kCmapKeyMaxLen + 1) {
      return fail(line_no, "Start of section makes total cmap path too long");
    }
    std::vector<ConfNode>& level = *stack_.back();
    level.push_back(ConfNode::section(std::string(name), line_no));
    stack_.push_back(&level.back().children);
    open_.push_back(&level.back());
    path_lens_.push_back(path_len_);
    path_len_ += name.size() + (path_lens_.size() > 1 ? 1 : 0);
    return true;
  }

  bool key_value(std::string_view line, int line_no) {
    size_t colon = line.find(':');
    std::string_view key = trim(line.substr(0, colon));
    std::string_view value = trim(line.substr(colon + 1));
    if (path_len_ + key.size() + 1 >= kCmapKeyMaxLen + 1) {
      return fail(line_no, "New key makes total cmap path too long");
    }
    return add(ConfNode::key_value(std::string(key), std::string(value), line_no));
  }

  bool close_section(std::string_view body, int line_no) {
    if (body != "}") return fail(line_no, "Extra characters before or after closing bracket '}'");
    if (stack_.size() == 1) return fail(line_no, "Unexpected closing brace");
    open_.back()->close_line = line_no;
    open_.pop_back();
    stack_.pop_back();
    path_len_ = path_lens_.back();
    path_lens_.pop_back();
    return true;
  }

  bool add(ConfNode node) {
    stack_.back()->push_back(std::move(node));
    return true;
  }

  bool fail(int line_no, std::string message) {
    out_.errors.push_back(
        Diagnostic{Severity::kError, Origin::kParse, out_.file, line_no, std::move(message)});
    return false;
  }

  ParsedFile& out_;
  // Pointers into out_.tree: stable because a level is only appended to while it is the
  // innermost open one, and a child vector is never touched after its section closes.
  std::vector<std::vector<ConfNode>*> stack_;
  std::vector<ConfNode*> open_;
  std::vector<size_t> path_lens_;
  size_t path_len_ = 0;
};

}  // namespace

ParsedFile parse_conf_text(std::string_view text, std::string file) {
  ParsedFile out;
  out.file = std::move(file);
  std::vector<RawLine> lines = split_lines(text);
  out.line_count = static_cast<int>(lines.size());
  Parser(out).run(lines);
  QUORATE_CHECK(out.errors.size() <= 1);
  return out;
}

std::optional<std::string> read_text_file(const std::string& path, std::string* error) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    if (error) *error = std::strerror(errno);
    return std::nullopt;
  }
  std::string text;
  char buf[8192];
  size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
    text.append(buf, n);
  int read_errno = std::ferror(f) ? errno : 0;
  std::fclose(f);
  if (read_errno != 0) {
    if (error) *error = std::strerror(read_errno);
    return std::nullopt;
  }
  return text;
}

}  // namespace quorate::config
