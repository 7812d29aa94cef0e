// Fragmentation and reassembly of upper-layer messages larger than one datagram.
//
// Sender side: a message of n bytes is cut into ceil(n / fragment_bytes) fragments of
// fragment_bytes each (the last one shorter), all carrying the message's seq, index, count and
// total length (wire.h). fragment_bytes is the layer's data MTU: the smallest MTU over all
// configured links minus the headers (and the tag), like knet's global data MTU (the minimum
// over links), so any fragment fits any link and active/rr modes may mix links per fragment.
//
// Receiver side: one Reassembler per sender. Bounded in COUNT (at most max_buffers partial
// messages; a new one evicts the oldest) and AGE (expire() drops partial messages older than
// the timeout), and every buffer in SIZE (total_len <= max_message_bytes, and the fragments may
// never add up to more than total_len). Fragments of one message may arrive in any order and on
// any link; a fragment index seen twice is reported as a duplicate and ignored.
// Buffers are keyed by seq in an ordered map: eviction order never depends on hashing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <vector>

#include "engine/links/wire.h"
#include "engine/time.h"

namespace quorate::links {

// Number of fragments for a message of `total` bytes (>= 1) with `fragment_bytes` (>= 1) each.
size_t fragment_count(size_t total, size_t fragment_bytes);
// The bytes of fragment `index` (< fragment_count) of `message`.
std::span<const std::byte> fragment_of(std::span<const std::byte> message, size_t fragment_bytes,
                                       size_t index);

struct ReassemblyLimits {
  size_t max_buffers = 8;
  Duration timeout = Duration::from_s(10);
  size_t max_message_bytes = size_t{4} << 20;
};

class Reassembler {
 public:
  enum class Result : uint8_t {
    kIncomplete,  // stored; more fragments needed
    kComplete,    // `message` holds the whole message; the buffer is gone
    kDuplicate,   // this fragment index was already stored; ignored
    kInvalid,     // inconsistent with the buffer or the limits; ignored
  };

  explicit Reassembler(ReassemblyLimits limits);

  // Adds one fragment (fields already validated by decode_body). `evicted` is incremented for
  // every partial message dropped to make room.
  Result add(const DataFields& fields, std::span<const std::byte> payload, Instant now,
             std::vector<std::byte>& message, uint64_t& evicted);
  // Drops partial messages started at or before now - timeout; returns how many.
  size_t expire(Instant now);
  size_t buffers() const { return buffers_.size(); }
  // Forget everything (the sender restarted).
  void clear() { buffers_.clear(); }

 private:
  struct Buffer {
    Instant started;
    uint16_t count = 0;
    uint32_t total_len = 0;
    size_t stored_bytes = 0;
    std::map<uint16_t, std::vector<std::byte>> fragments;  // by index
  };
  bool fits(const Buffer& buffer, const DataFields& fields, size_t payload_bytes) const;
  void make_room(uint64_t& evicted);
  static void concatenate(Buffer& buffer, std::vector<std::byte>& message);

  ReassemblyLimits limits_;
  std::map<uint64_t, Buffer> buffers_;  // by message seq
};

}  // namespace quorate::links
