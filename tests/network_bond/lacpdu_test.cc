#include <gtest/gtest.h>

#include <vector>

#include "engine/prng.h"
#include "sim/bond/lacp_pdu.h"
#include "sim/bond/lacp_system.h"

namespace quorate::bond {
namespace {

Lacpdu sample() {
  Lacpdu pdu;
  pdu.actor = {65535, {0x02, 0, 0, 0, 0, 0x0a}, 9, 255, 1, 0x3d};
  pdu.partner = {32768, {0x02, 0, 0, 0, 0x5e, 0x01}, 9, 128, 17, 0x3f};
  return pdu;
}

TEST(Lacpdu, EncodesTheWireLayout) {
  const auto bytes = encode_lacpdu(sample());
  EXPECT_EQ(bytes.size(), 110U);
  EXPECT_EQ(bytes[0], std::byte{1});  // subtype LACP
  EXPECT_EQ(bytes[2], std::byte{1});  // actor TLV
  EXPECT_EQ(bytes[3], std::byte{20});
  EXPECT_EQ(bytes[4], std::byte{0xff});   // actor system priority 65535
  EXPECT_EQ(bytes[13], std::byte{9});     // actor key low byte
  EXPECT_EQ(bytes[18], std::byte{0x3d});  // actor state
  EXPECT_EQ(bytes[22], std::byte{2});     // partner TLV
  EXPECT_EQ(bytes[42], std::byte{3});     // collector TLV
  EXPECT_EQ(bytes[43], std::byte{16});
  EXPECT_EQ(bytes[58], std::byte{0});  // terminator
}

TEST(Lacpdu, RoundTrips) {
  const auto bytes = encode_lacpdu(sample());
  const LacpduDecode d = decode_lacpdu(bytes);
  ASSERT_TRUE(d.pdu.has_value());
  EXPECT_EQ(*d.pdu, sample());
}

TEST(Lacpdu, RejectsMalformedInput) {
  auto bytes = encode_lacpdu(sample());
  EXPECT_EQ(decode_lacpdu(std::span(bytes).first(109)).error, LacpduError::kLength);
  bytes[0] = std::byte{2};  // a Marker PDU
  EXPECT_EQ(decode_lacpdu(bytes).error, LacpduError::kSubtype);
  bytes = encode_lacpdu(sample());
  bytes[1] = std::byte{0};
  EXPECT_EQ(decode_lacpdu(bytes).error, LacpduError::kVersion);
  bytes = encode_lacpdu(sample());
  bytes[3] = std::byte{19};
  EXPECT_EQ(decode_lacpdu(bytes).error, LacpduError::kActorTlv);
  bytes = encode_lacpdu(sample());
  bytes[22] = std::byte{1};
  EXPECT_EQ(decode_lacpdu(bytes).error, LacpduError::kPartnerTlv);
  bytes = encode_lacpdu(sample());
  bytes[43] = std::byte{0};
  EXPECT_EQ(decode_lacpdu(bytes).error, LacpduError::kCollectorTlv);
  bytes = encode_lacpdu(sample());
  bytes[59] = std::byte{1};
  EXPECT_EQ(decode_lacpdu(bytes).error, LacpduError::kTerminator);
  EXPECT_EQ(decode_lacpdu({}).error, LacpduError::kLength);
}

// Bounded fuzz: random and mutated payloads never crash the decoder, and every PDU that decodes
// can be fed to a running LacpSystem without tripping an invariant.
TEST(Lacpdu, FuzzNeverCrashes) {
  Prng prng(20240601);
  LacpConfig config;
  config.system = {0x02, 0, 0, 0, 0, 0x0a};
  const std::vector<LacpPortConfig> ports(2);
  LacpSystem system(config, ports);
  std::vector<LacpTx> out;
  int decoded = 0;
  for (int i = 0; i < 20000; ++i) {
    std::vector<std::byte> buf;
    if (prng.bernoulli(0.5)) {
      const auto valid = encode_lacpdu(sample());
      buf.assign(valid.begin(), valid.end());
      const int flips = static_cast<int>(prng.uniform_u64(1, 6));
      for (int k = 0; k < flips; ++k) {
        buf[prng.uniform_u64(0, buf.size() - 1)] = static_cast<std::byte>(prng.next_u64());
      }
    } else {
      buf.resize(prng.uniform_u64(0, 200));
      for (std::byte& b : buf)
        b = static_cast<std::byte>(prng.next_u64());
    }
    const LacpduDecode d = decode_lacpdu(buf);
    EXPECT_EQ(d.pdu.has_value(), d.error == LacpduError::kNone);
    if (!d.pdu.has_value()) continue;
    ++decoded;
    system.on_lacpdu(static_cast<int>(prng.uniform_u64(0, 1)), *d.pdu);
    if (i % 7 == 0) system.tick(out);
  }
  EXPECT_GT(decoded, 100);
}

}  // namespace
}  // namespace quorate::bond
