// libFuzzer target: the link layer's wire decoder and the secauth open path (docs/WIRE.md).
//
// Input: byte 0 picks the arrival link (bits 0-2) and the mode (bit 3); the rest is a datagram.
// - Always: decode_header/decode_body on the datagram; whatever decodes must re-encode to the
//   same bytes (the format has one encoding per value), and SecAuth::open must reject it (a
//   random datagram never authenticates under the key).
// - Mode 0: the datagram goes to a clear-text LinkLayer (node 1, peer 2) as if from node 2.
// - Mode 1: the datagram's header (forced to "encrypted") and body are sealed with the cluster
//   key first, so the crypto LinkLayer authenticates it and the fuzzer reaches the decoder and
//   the receive path behind decryption; open() must give the body back exactly.
// Every call must leave the datagram counted: delivered or dropped with a reason.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "engine/links/link_layer.h"
#include "engine/links/secauth.h"
#include "engine/links/wire.h"

namespace {

using namespace quorate;
using namespace quorate::links;

void require(bool ok) {
  if (!ok) std::abort();
}

std::vector<std::byte> cluster_key() {
  std::vector<std::byte> key(256);
  for (size_t i = 0; i < key.size(); ++i)
    key[i] = static_cast<std::byte>((i * 131 + 7) & 0xff);
  return key;
}

LinkLayerOptions layer_options(bool secauth) {
  LinkLayerOptions options;
  options.self = NodeId{1};
  options.peers = {NodeId{2}};
  options.links[0] = LinkOptions{};
  options.links[1] = LinkOptions{};
  options.links[1]->mtu = 600;
  options.tick_phase = Duration::zero();
  options.seed = 1;
  options.max_message_bytes = 64 << 10;
  if (secauth) options.cluster_key = cluster_key();
  return options;
}

const SecAuth& secauth() {
  static const SecAuth instance(cluster_key());
  return instance;
}

// What decoded must encode back to the same bytes.
void check_round_trip(std::span<const std::byte> datagram) {
  Header header;
  if (decode_header(datagram, header) != WireError::kOk) return;
  const HeaderBytes again = encode_header(header);
  require(std::equal(again.begin(), again.end(), datagram.begin()));
  const std::span<const std::byte> body_bytes = datagram.subspan(kHeaderBytes);
  Body body;
  if (decode_body(body_bytes, body) != WireError::kOk) return;
  const std::vector<std::byte> body_again = body.type == PacketType::kData
                                                ? encode_data(body.data, body.payload)
                                                : encode_heartbeat(body.type, body.timestamp_ns);
  require(std::equal(body_again.begin(), body_again.end(), body_bytes.begin(), body_bytes.end()));
}

uint64_t total(const DropCounts& drops) {
  uint64_t sum = 0;
  for (const uint64_t d : drops)
    sum += d;
  return sum;
}

// Feeds one datagram to `layer` (after a start and a few ticks' worth of time) and checks it was
// either accepted or counted.
void feed(LinkLayer& layer, LinkId link, std::span<const std::byte> datagram) {
  Outputs out;
  LinkBatch batch;
  layer.start(Instant::epoch());
  const uint64_t before = total(layer.status().drops);
  layer.on_packet(link, NodeId{2}, datagram, Instant::epoch() + Duration::from_s(1), out, batch);
  const LayerStatus status = layer.status();
  const bool counted = total(status.drops) > before;
  const LinkCounters* counters = nullptr;
  for (const LinkStatus& l : status.peers.front().links)
    if (l.link == link) counters = &l.counters;
  const bool accepted =
      counters != nullptr &&
      (counters->rx_ping_packets + counters->rx_pong_packets + counters->rx_data_packets) > 0;
  require(counted || accepted);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const LinkId link{static_cast<uint8_t>(data[0] & 0x07)};
  const bool sealed = (data[0] & 0x08) != 0;
  const std::span<const std::byte> datagram(reinterpret_cast<const std::byte*>(data) + 1, size - 1);

  check_round_trip(datagram);
  std::vector<std::byte> body;
  require(!secauth().open(datagram, body));

  if (!sealed) {
    LinkLayer layer(layer_options(false));
    feed(layer, link, datagram);
    return 0;
  }
  if (datagram.size() <= kHeaderBytes) return 0;  // seal needs a non-empty body
  HeaderBytes header{};
  std::copy_n(datagram.begin(), kHeaderBytes, header.begin());
  header[3] |= std::byte{kFlagEncrypted};
  const std::span<const std::byte> clear_body = datagram.subspan(kHeaderBytes);
  const std::vector<std::byte> packet = secauth().seal(header, clear_body);
  require(secauth().open(packet, body));
  require(std::equal(body.begin(), body.end(), clear_body.begin(), clear_body.end()));
  LinkLayer layer(layer_options(true));
  feed(layer, link, packet);
  return 0;
}
