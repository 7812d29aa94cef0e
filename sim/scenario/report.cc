#include "sim/scenario/report.h"

#include <cinttypes>
#include <cstdio>

#include "sim/scenario/duration_text.h"

namespace quorate::scenario {

std::string table_header() {
  char line[200];
  std::snprintf(line, sizeof line, "%-6s %-30s %6s %8s %9s %9s %-16s %s", "result", "scenario",
                "seed", "virtual", "events", "records", "trace hash", "wall");
  return line;
}

std::string table_row(const RunResult& r, double wall_seconds) {
  char wall[32] = "";
  if (wall_seconds >= 0) std::snprintf(wall, sizeof wall, "%.2fs", wall_seconds);
  char line[400];
  std::snprintf(
      line, sizeof line, "%-6s %-30s %6" PRIu64 " %8s %9" PRIu64 " %9" PRIu64 " %016" PRIx64 " %s",
      r.passed() ? "PASS" : "FAIL", r.name.c_str(), r.seed, format_duration(r.simulated).c_str(),
      r.stats.events_processed, r.trace_records, r.trace_hash, wall);
  std::string text = line;
  while (!text.empty() && text.back() == ' ')
    text.pop_back();
  return text;
}

std::string link_status_lines(const RunResult& r) {
  std::string text;
  for (const NodeLinkStatus& s : r.link_status) {
    text += "== link status of node " + to_string(s.node) + "\n" + s.text;
    if (!s.text.empty() && s.text.back() != '\n') text += '\n';
  }
  return text;
}

std::string expectation_lines(const RunResult& r, bool verbose) {
  std::string text;
  for (const ExpectationOutcome& o : r.outcomes) {
    if (o.passed && !verbose) continue;
    text += "  " + r.file + ":" + std::to_string(o.pos.line) + ":" + std::to_string(o.pos.column) +
            ": " + (o.passed ? "pass " : "FAIL ") + o.text;
    if (!o.passed) text += "\n      " + o.reason;
    text += "\n";
    if (!o.context.empty()) text += "      trace around " + format_instant(o.at) + ":\n";
    for (const std::string& line : o.context)
      text += "        " + line + "\n";
  }
  if (!r.passed()) text += "  repro: " + r.repro() + "\n";
  return text;
}

namespace {

std::string xml_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string junit_case(const RunResult& r, const ExpectationOutcome& o) {
  std::string text = "    <testcase classname=\"" + xml_escape(r.name) + "\" name=\"" +
                     xml_escape(r.file + ":" + std::to_string(o.pos.line) + ": " + o.text) + "\"";
  if (o.passed) return text + "/>\n";
  text += ">\n      <failure message=\"" + xml_escape(o.reason) + "\">";
  for (const std::string& line : o.context)
    text += xml_escape(line) + "\n";
  return text + "repro: " + xml_escape(r.repro()) + "</failure>\n    </testcase>\n";
}

}  // namespace

std::string junit_xml(const std::vector<RunResult>& results) {
  std::string text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
  for (const RunResult& r : results) {
    char hash[17];
    std::snprintf(hash, sizeof hash, "%016" PRIx64, r.trace_hash);
    text += "  <testsuite name=\"" + xml_escape(r.name) + "\" tests=\"" +
            std::to_string(r.outcomes.size()) + "\" failures=\"" +
            std::to_string(r.failed_count()) + "\">\n    <properties>\n" +
            "      <property name=\"seed\" value=\"" + std::to_string(r.seed) + "\"/>\n" +
            "      <property name=\"trace_hash\" value=\"" + hash + "\"/>\n" +
            "    </properties>\n";
    for (const ExpectationOutcome& o : r.outcomes)
      text += junit_case(r, o);
    text += "  </testsuite>\n";
  }
  return text + "</testsuites>\n";
}

}  // namespace quorate::scenario
