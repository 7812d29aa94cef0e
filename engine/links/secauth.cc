#include "engine/links/secauth.h"

#include <sodium.h>

#include <algorithm>

#include "engine/check.h"

namespace quorate::links {
namespace {

constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "qlinksv1";
constexpr uint64_t kKdfSubkeyId = 1;

static_assert(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES == kHeaderBytes,
              "the wire header doubles as the XChaCha20 nonce");
static_assert(crypto_aead_xchacha20poly1305_ietf_ABYTES == kTagBytes);
static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == SecAuth::kKeyBytes);

const unsigned char* as_uchar(const std::byte* p) {
  return reinterpret_cast<const unsigned char*>(p);
}
unsigned char* as_uchar(std::byte* p) {
  return reinterpret_cast<unsigned char*>(p);
}

}  // namespace

std::optional<std::string> check_cluster_key(std::span<const std::byte> material) {
  if (material.size() >= kMinKeyBytes && material.size() <= kMaxKeyBytes) return std::nullopt;
  return "cluster key is " + std::to_string(material.size()) + " bytes; corosync-keygen keys are " +
         std::to_string(kMinKeyBytes) + ".." + std::to_string(kMaxKeyBytes) + " bytes";
}

SecAuth::SecAuth(std::span<const std::byte> material) {
  QUORATE_CHECK_MSG(!check_cluster_key(material), "invalid cluster key (check_cluster_key)");
  QUORATE_CHECK_MSG(sodium_init() >= 0, "libsodium failed to initialise");
  std::array<unsigned char, crypto_kdf_KEYBYTES> master{};
  static_assert(crypto_kdf_KEYBYTES == crypto_generichash_BYTES);
  QUORATE_CHECK(crypto_generichash(master.data(), master.size(), as_uchar(material.data()),
                                   material.size(), nullptr, 0) == 0);
  QUORATE_CHECK(crypto_kdf_derive_from_key(key_.data(), key_.size(), kKdfSubkeyId, kKdfContext,
                                           master.data()) == 0);
  sodium_memzero(master.data(), master.size());
}

SecAuth::~SecAuth() {
  sodium_memzero(key_.data(), key_.size());
}

std::vector<std::byte> SecAuth::seal(const HeaderBytes& header,
                                     std::span<const std::byte> body) const {
  QUORATE_CHECK((std::to_integer<uint8_t>(header[3]) & kFlagEncrypted) != 0);
  QUORATE_CHECK(!body.empty());
  std::vector<std::byte> packet(kHeaderBytes + body.size() + kTagBytes);
  std::copy(header.begin(), header.end(), packet.begin());
  unsigned long long sealed_len = 0;
  const int rc = crypto_aead_xchacha20poly1305_ietf_encrypt(
      as_uchar(packet.data() + kHeaderBytes), &sealed_len, as_uchar(body.data()), body.size(),
      as_uchar(header.data()), header.size(), nullptr, as_uchar(header.data()), key_.data());
  QUORATE_CHECK(rc == 0);
  QUORATE_CHECK(sealed_len == body.size() + kTagBytes);
  return packet;
}

bool SecAuth::open(std::span<const std::byte> packet, std::vector<std::byte>& body) const {
  if (packet.size() < kHeaderBytes + kTagBytes + 1) return false;
  const std::span<const std::byte> header = packet.first(kHeaderBytes);
  const std::span<const std::byte> sealed = packet.subspan(kHeaderBytes);
  body.resize(sealed.size() - kTagBytes);
  unsigned long long body_len = 0;
  const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
      as_uchar(body.data()), &body_len, nullptr, as_uchar(sealed.data()), sealed.size(),
      as_uchar(header.data()), header.size(), as_uchar(header.data()), key_.data());
  if (rc != 0) return false;
  QUORATE_CHECK(body_len == body.size());
  return true;
}

}  // namespace quorate::links
