// secauth: authenticated encryption of every link-layer datagram (pings and pongs included).
//
// Algorithm: XChaCha20-Poly1305 (IETF AEAD) from libsodium. The key is derived from the cluster
// key material (corosync-keygen's authkey: kMinKeyBytes..kMaxKeyBytes raw bytes) as
//   master = BLAKE2b-256(material)           (crypto_generichash, no key)
//   key    = crypto_kdf_derive_from_key(32, subkey 1, context "qlinksv1", master)
// so two nodes with the same material derive the same key and any other material gives an
// unrelated one. Nonce = the 24 header bytes (wire.h), which are also the associated data: the
// header is authenticated and the nonce is unique as long as (sender, link, boot, counter) never
// repeats — the LinkLayer guarantees that by counting per link within a boot and drawing the
// boot prefix from its seed (a restarted node must get a new seed).
//
// Deterministic: no randombytes, no clocks. Key bytes are wiped on destruction.
// Not thread-safe (nothing in the engine is).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/links/wire.h"

namespace quorate::links {

inline constexpr size_t kMinKeyBytes = 128;
inline constexpr size_t kMaxKeyBytes = 4096;
inline constexpr size_t kTagBytes = 16;

// nullopt if `material` is a usable cluster key, otherwise the reason (e.g. "cluster key is 64
// bytes; corosync-keygen keys are 128..4096 bytes").
std::optional<std::string> check_cluster_key(std::span<const std::byte> material);

class SecAuth {
 public:
  static constexpr size_t kKeyBytes = 32;

  // Precondition: check_cluster_key(material) is nullopt.
  explicit SecAuth(std::span<const std::byte> material);
  ~SecAuth();
  SecAuth(const SecAuth&) = delete;
  SecAuth& operator=(const SecAuth&) = delete;

  // header || ciphertext(body) || tag. Precondition: header says encrypted.
  std::vector<std::byte> seal(const HeaderBytes& header, std::span<const std::byte> body) const;
  // Verifies and decrypts `packet` (header || ciphertext || tag) into `body`. False (and `body`
  // unspecified) for anything that does not authenticate under this key, any length included.
  bool open(std::span<const std::byte> packet, std::vector<std::byte>& body) const;

 private:
  std::array<unsigned char, kKeyBytes> key_{};
};

}  // namespace quorate::links
