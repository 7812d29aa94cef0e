#include "config/ifupdown/syntax.h"

#include <optional>
#include <utility>

namespace quorate::ifupdown {

namespace {

constexpr std::string_view kBlanks = " \t\r\n\v\f";

std::string_view trim(std::string_view s) {
  const size_t first = s.find_first_not_of(kBlanks);
  if (first == std::string_view::npos) return {};
  const size_t last = s.find_last_not_of(kBlanks);
  return s.substr(first, last - first + 1);
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (true) {
    i = s.find_first_not_of(kBlanks, i);
    if (i == std::string_view::npos) break;
    const size_t end = s.find_first_of(kBlanks, i);
    out.push_back(s.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
    if (end == std::string_view::npos) break;
    i = end;
  }
  return out;
}

struct LogicalLine {
  std::string text;  // trimmed
  int line = 0;      // first physical line
  bool continued = false;
};

// Splits into physical lines, then joins continuations ("...\" + next line).
std::vector<LogicalLine> logical_lines(std::string_view text) {
  std::vector<LogicalLine> out;
  bool joining = false;
  int number = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t nl = text.find('\n', pos);
    const std::string_view raw =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++number;
    std::string_view piece = trim(raw);
    const bool continues = !piece.empty() && piece.back() == '\\';
    while (!piece.empty() && piece.back() == '\\')
      piece = trim(piece.substr(0, piece.size() - 1));
    if (joining) {
      LogicalLine& last = out.back();
      if (!last.text.empty() && !piece.empty()) last.text += ' ';
      last.text += piece;
      last.continued = true;
    } else {
      out.push_back(LogicalLine{std::string(piece), number, false});
    }
    joining = continues;
  }
  return out;
}

bool is_keyword(std::string_view w) {
  return w == "iface" || w == "auto" || w == "source" || w == "source-directory" ||
         w == "mapping" || w == "vlan" || w == "allow" || w.starts_with("allow-");
}

std::string normalize_key(std::string_view key) {
  std::string k(key);
  for (char& c : k) {
    if (c == '_') c = '-';
  }
  return k;
}

class Parser {
 public:
  Parser(const std::string& file, Diagnostics& diags) : file_(file), diags_(diags) {}

  SyntaxTree run(std::string_view text) {
    for (const LogicalLine& l : logical_lines(text))
      line(l);
    return std::move(tree_);
  }

 private:
  enum class State { kTop, kIface, kSkipping };

  SourceLoc at(int line) const { return SourceLoc{file_, line}; }

  void line(const LogicalLine& l) {
    if (l.text.empty()) return;
    if (l.text.front() == '#') {
      if (l.continued) {
        diags_.warning(at(l.line),
                       "comment ends with '\\', so the next line is part of the comment "
                       "(ifupdown2 joins continued lines before it looks for comments)");
      }
      return;
    }
    const std::vector<std::string_view> words = split_words(l.text);
    if (is_keyword(words[0])) {
      keyword(words, l);
    } else {
      option(words, l);
    }
  }

  void keyword(const std::vector<std::string_view>& words, const LogicalLine& l) {
    state_ = State::kTop;
    const std::string_view kw = words[0];
    if (kw == "iface") {
      iface(words, l.line);
    } else if (kw == "auto" || kw.starts_with("allow")) {
      auto_line(words, l.line);
    } else if (kw == "source" || kw == "source-directory") {
      source(words, l.line);
    } else if (kw == "mapping") {
      diags_.error(at(l.line),
                   "'mapping' stanzas are not supported (ifupdown2 does not read "
                   "them either); write an 'iface NAME FAMILY METHOD' stanza for "
                   "the interface instead");
      state_ = State::kSkipping;
    } else {
      diags_.error(at(l.line),
                   "'vlan' stanzas (ifupdown2 bridge VLAN objects) are not "
                   "supported; use bridge-vids on the VLAN-aware bridge");
      state_ = State::kSkipping;
    }
  }

  void iface(const std::vector<std::string_view>& words, int line) {
    if (words.size() < 2) {
      diags_.error(at(line),
                   "'iface' needs an interface name: expected 'iface NAME inet|inet6 "
                   "static|manual|dhcp|loopback'");
      state_ = State::kSkipping;
      return;
    }
    IfaceStanza s;
    s.loc = at(line);
    s.name = iface_name(words[1], line);
    header(words, s);
    if (words.size() > 4) {
      diags_.warning(at(line), "iface " + s.name + ": '" + std::string(words[4]) +
                                   "' after the method is ignored, as ifupdown2 does");
    }
    tree_.items.emplace_back(std::move(s));
    state_ = State::kIface;
  }

  std::string iface_name(std::string_view word, int line) {
    std::string name(word);
    const size_t colon = name.find(':');
    if (colon != std::string::npos && colon > 0) {
      diags_.warning(at(line), "'" + name + "' is an alias; ifupdown2 folds it into '" +
                                   name.substr(0, colon) + "', and so does quorate");
      name.resize(colon);
    }
    const std::string problem = check_iface_name(name);
    if (!problem.empty()) diags_.error(at(line), problem);
    return name;
  }

  void header(const std::vector<std::string_view>& words, IfaceStanza& s) {
    if (words.size() < 3) return;  // bare "iface NAME"
    const std::optional<Family> family = parse_family(words[2]);
    if (!family) {
      diags_.error(s.loc, "iface " + s.name + ": unknown address family '" + std::string(words[2]) +
                              "'; expected inet or inet6");
      return;
    }
    if (words.size() < 4) {
      s.family = *family;
      s.method = Method::kStatic;
      return;
    }
    const std::optional<Method> method = parse_method(words[3]);
    if (!method || (*method == Method::kAuto && *family != Family::kInet6)) {
      diags_.error(s.loc, "iface " + s.name + ": unknown method '" + std::string(words[3]) +
                              "' for " + std::string(words[2]) +
                              "; expected static, manual, dhcp, loopback, dhcp6, ppp, tunnel "
                              "(or auto for inet6)");
      return;
    }
    s.family = *family;
    s.method = *method;
  }

  void auto_line(const std::vector<std::string_view>& words, int line) {
    AutoLine a;
    a.loc = at(line);
    const std::string_view kw = words[0];
    if (kw != "auto") {
      a.allow_class = kw.size() > 6 ? std::string(kw.substr(6)) : std::string();
      if (a.allow_class.empty()) {
        diags_.error(a.loc,
                     "'" + std::string(kw) + "' has no class; expected e.g. 'allow-hotplug NAME'");
        return;
      }
    }
    for (size_t i = 1; i < words.size(); ++i)
      a.names.emplace_back(words[i]);
    if (a.names.empty()) {
      diags_.error(a.loc, "'" + std::string(kw) + "' needs at least one interface name");
      return;
    }
    tree_.items.emplace_back(std::move(a));
  }

  void source(const std::vector<std::string_view>& words, int line) {
    SourceDirective d;
    d.directory = words[0] == "source-directory";
    d.loc = at(line);
    if (words.size() != 2) {
      diags_.error(d.loc, "'" + std::string(words[0]) + "' needs exactly one path; expected '" +
                              std::string(words[0]) + " /etc/network/interfaces.d" +
                              (d.directory ? "'" : "/*'"));
      return;
    }
    d.pattern = std::string(words[1]);
    tree_.items.emplace_back(std::move(d));
  }

  void option(const std::vector<std::string_view>& words, const LogicalLine& l) {
    if (state_ == State::kSkipping) return;
    if (state_ != State::kIface) {
      diags_.error(at(l.line), "'" + l.text +
                                   "' is not inside an iface stanza; expected a keyword (iface, "
                                   "auto, allow-hotplug, source, source-directory) or an option "
                                   "below an 'iface' line");
      return;
    }
    IfaceStanza& s = std::get<IfaceStanza>(tree_.items.back());
    if (words.size() < 2) {
      diags_.error(at(l.line), "iface " + s.name + ": option '" + std::string(words[0]) +
                                   "' has no value; expected '" + std::string(words[0]) +
                                   " VALUE'");
      return;
    }
    const std::string_view value = trim(std::string_view(l.text).substr(words[0].size()));
    s.options.push_back(OptionLine{normalize_key(words[0]), std::string(value), at(l.line)});
  }

  const std::string& file_;
  Diagnostics& diags_;
  SyntaxTree tree_;
  State state_ = State::kTop;
};

}  // namespace

std::string check_iface_name(std::string_view name) {
  const std::string quoted = "interface name '" + std::string(name) + "'";
  if (name.empty()) return "empty interface name";
  if (name.size() > kMaxIfaceNameChars) {
    return quoted + " has " + std::to_string(name.size()) + " characters; Linux allows at most 15";
  }
  if (name == "." || name == "..") return quoted + " is not allowed by Linux";
  for (const char c : name) {
    if (c == '/' || c == ':' || static_cast<unsigned char>(c) <= ' ' || c == 0x7f) {
      return quoted + " contains a character Linux does not allow ('/', ':' or a blank)";
    }
  }
  return {};
}

SyntaxTree parse_syntax(std::string_view text, const std::string& file, Diagnostics& diags) {
  return Parser(file, diags).run(text);
}

}  // namespace quorate::ifupdown
