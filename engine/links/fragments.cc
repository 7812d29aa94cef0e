#include "engine/links/fragments.h"

#include <algorithm>

#include "engine/check.h"

namespace quorate::links {

size_t fragment_count(size_t total, size_t fragment_bytes) {
  QUORATE_CHECK(total >= 1);
  QUORATE_CHECK(fragment_bytes >= 1);
  return (total + fragment_bytes - 1) / fragment_bytes;
}

std::span<const std::byte> fragment_of(std::span<const std::byte> message, size_t fragment_bytes,
                                       size_t index) {
  QUORATE_CHECK(index < fragment_count(message.size(), fragment_bytes));
  const size_t offset = index * fragment_bytes;
  const size_t length = std::min(fragment_bytes, message.size() - offset);
  QUORATE_CHECK(length >= 1);
  return message.subspan(offset, length);
}

Reassembler::Reassembler(ReassemblyLimits limits) : limits_(limits) {
  QUORATE_CHECK(limits_.max_buffers >= 1);
  QUORATE_CHECK(limits_.timeout > Duration::zero());
  QUORATE_CHECK(limits_.max_message_bytes >= 1);
}

bool Reassembler::fits(const Buffer& buffer, const DataFields& fields, size_t payload_bytes) const {
  if (fields.frag_count != buffer.count || fields.total_len != buffer.total_len) return false;
  return buffer.stored_bytes + payload_bytes <= buffer.total_len;
}

void Reassembler::make_room(uint64_t& evicted) {
  while (buffers_.size() >= limits_.max_buffers) {
    // The oldest partial message: smallest start time, then smallest seq (map order).
    auto oldest = buffers_.begin();
    for (auto it = buffers_.begin(); it != buffers_.end(); ++it) {
      if (it->second.started < oldest->second.started) oldest = it;
    }
    buffers_.erase(oldest);
    ++evicted;
  }
  QUORATE_CHECK(buffers_.size() < limits_.max_buffers);
}

void Reassembler::concatenate(Buffer& buffer, std::vector<std::byte>& message) {
  QUORATE_CHECK(buffer.fragments.size() == buffer.count);
  QUORATE_CHECK(buffer.stored_bytes == buffer.total_len);
  message.clear();
  message.reserve(buffer.total_len);
  for (auto& [index, bytes] : buffer.fragments)
    message.insert(message.end(), bytes.begin(), bytes.end());
}

Reassembler::Result Reassembler::add(const DataFields& fields, std::span<const std::byte> payload,
                                     Instant now, std::vector<std::byte>& message,
                                     uint64_t& evicted) {
  QUORATE_CHECK(fields.frag_index < fields.frag_count);
  QUORATE_CHECK(!payload.empty());
  if (fields.total_len > limits_.max_message_bytes) return Result::kInvalid;
  auto it = buffers_.find(fields.seq);
  if (it == buffers_.end()) {
    make_room(evicted);
    Buffer fresh;
    fresh.started = now;
    fresh.count = fields.frag_count;
    fresh.total_len = fields.total_len;
    it = buffers_.emplace(fields.seq, std::move(fresh)).first;
  }
  Buffer& buffer = it->second;
  if (buffer.fragments.contains(fields.frag_index)) return Result::kDuplicate;
  if (!fits(buffer, fields, payload.size())) return Result::kInvalid;
  buffer.fragments.emplace(fields.frag_index,
                           std::vector<std::byte>(payload.begin(), payload.end()));
  buffer.stored_bytes += payload.size();
  if (buffer.fragments.size() < buffer.count) return Result::kIncomplete;
  if (buffer.stored_bytes != buffer.total_len) {  // all indexes present, lengths do not add up
    buffers_.erase(it);
    return Result::kInvalid;
  }
  concatenate(buffer, message);
  buffers_.erase(it);
  return Result::kComplete;
}

size_t Reassembler::expire(Instant now) {
  size_t expired = 0;
  for (auto it = buffers_.begin(); it != buffers_.end();) {
    if (now - it->second.started >= limits_.timeout) {
      it = buffers_.erase(it);
      ++expired;
    } else {
      ++it;
    }
  }
  QUORATE_CHECK(buffers_.size() <= limits_.max_buffers);
  return expired;
}

}  // namespace quorate::links
