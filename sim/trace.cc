#include "sim/trace.h"

#include <charconv>
#include <ostream>
#include <utility>

#include "engine/check.h"
#include "engine/prng.h"

namespace quorate::sim {
namespace {

void append_int(int64_t value, std::string& out) {
  char buffer[24];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  QUORATE_CHECK(ec == std::errc{});
  out.append(buffer, end);
}

}  // namespace

std::string_view to_string(TraceKind kind) {
  switch (kind) {
    case TraceKind::kCommand:
      return "cmd";
    case TraceKind::kTimerSet:
      return "timer.set";
    case TraceKind::kTimerCancel:
      return "timer.cancel";
    case TraceKind::kTimerFired:
      return "timer";
    case TraceKind::kPacketSent:
      return "send";
    case TraceKind::kPacketDelivered:
      return "recv";
    case TraceKind::kPacketDropped:
      return "drop";
    case TraceKind::kEngineEvent:
      return "event";
    case TraceKind::kState:
      return "state";
  }
  QUORATE_UNREACHABLE();
}

int64_t TraceRecord::field(std::string_view key) const {
  for (const TraceField& f : fields) {
    if (f.key == key) return f.value;
  }
  QUORATE_CHECK_MSG(false, "trace record has no such field");
  QUORATE_UNREACHABLE();
}

void append_canonical(const TraceRecord& record, std::string& out) {
  append_int(record.global.ns(), out);
  out.append(" n");
  append_int(record.node.value, out);
  out.push_back(' ');
  if (record.has_local) {
    append_int(record.local.ns(), out);
  } else {
    out.push_back('-');
  }
  out.push_back(' ');
  out.append(to_string(record.kind));
  if (!record.label.empty()) {
    out.push_back(':');
    out.append(record.label);
  }
  for (const TraceField& f : record.fields) {
    QUORATE_CHECK(!f.key.empty());
    out.push_back(' ');
    out.append(f.key);
    out.push_back('=');
    append_int(f.value, out);
  }
  out.push_back('\n');
}

std::string canonical(const TraceRecord& record) {
  std::string line;
  append_canonical(record, line);
  return line;
}

void Trace::record(TraceRecord record) {
  QUORATE_CHECK_MSG(chain_.empty() || record.global >= last_global_,
                    "trace records must arrive in global time order");
  last_global_ = record.global;
  line_.clear();
  append_canonical(record, line_);
  QUORATE_CHECK(!line_.empty() && line_.back() == '\n');
  hash_ = fnv1a64(line_, hash_);
  chain_.push_back(hash_);
  if (stream_ != nullptr) stream_->write(line_.data(), static_cast<std::streamsize>(line_.size()));
  if (records_.size() < options_.records_max) records_.push_back(std::move(record));
}

}  // namespace quorate::sim
