// Tokens come from libsodium's CSPRNG; only their hashes are stored.
#include "tokens.hpp"

#include <sodium.h>

#include <array>
#include <mutex>
#include <stdexcept>

namespace invhost::accounts::detail {
namespace {
constexpr std::size_t token_bytes = 32;
constexpr int b64_variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
}  // namespace

void ensure_sodium() {
  static std::once_flag once;
  static int result = 0;
  std::call_once(once, [] { result = sodium_init(); });
  // 1 means another part of the process initialised it already: just as good.
  if (result < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string random_token() {
  ensure_sodium();
  std::array<unsigned char, token_bytes> raw{};
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(token_bytes, b64_variant), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), b64_variant);
  sodium_memzero(raw.data(), raw.size());
  out.resize(out.find('\0'));
  return out;
}

std::optional<std::string> token_hash(std::string_view token) {
  ensure_sodium();
  // The encoded length of 32 bytes; anything else is not one of ours (and bounds the input).
  if (token.size() != sodium_base64_ENCODED_LEN(token_bytes, b64_variant) - 1) return std::nullopt;
  std::array<unsigned char, token_bytes> raw{};
  std::size_t len = 0;
  if (sodium_base642bin(raw.data(), raw.size(), token.data(), token.size(), nullptr, &len, nullptr,
                        b64_variant) != 0 ||
      len != token_bytes)
    return std::nullopt;
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(), raw.data(), raw.size(), nullptr, 0);
  sodium_memzero(raw.data(), raw.size());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

std::int64_t epoch_seconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace invhost::accounts::detail
