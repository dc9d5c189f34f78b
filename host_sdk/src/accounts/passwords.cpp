// Argon2id with limits a small server affords on every sign-in.
#include <sodium.h>

#include <invhost/accounts/account_error.hpp>
#include <invhost/accounts/passwords.hpp>
#include <invhost/utf8.hpp>
#include <mutex>
#include <stdexcept>

#include "tokens.hpp"

namespace invhost::accounts {
namespace {

// libsodium's "interactive" limits: 2 passes over 64 MiB, about 0.1 s on one core of a small
// server. The memory is what makes guessing on GPUs expensive; the time is paid once per
// sign-in (sessions carry the rest), and the sign-in limiter caps how many a client can start.
// Raising them later is safe: older hashes still verify and are rehashed on the next sign-in.
constexpr unsigned long long ops_limit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr std::size_t mem_limit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

// A hash of a random password, made once, that unknown names are verified against.
const std::string& decoy_hash() {
  static std::once_flag once;
  static std::string hash;
  std::call_once(once, [] { hash = hash_password(detail::random_token()); });
  return hash;
}

}  // namespace

void check_password_rules(std::string_view password) {
  if (password.size() > max_password_bytes)
    throw account_error("the password is too long",
                        "use at most " + std::to_string(max_password_bytes) + " bytes");
  if (utf8_length(password) < min_password_chars)
    throw account_error("the password is too short",
                        "use at least " + std::to_string(min_password_chars) +
                            " characters; a passphrase of a few words is easiest to remember");
}

std::string hash_password(std::string_view password) {
  check_password_rules(password);
  detail::ensure_sodium();
  std::string out(crypto_pwhash_STRBYTES, '\0');
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), ops_limit, mem_limit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  out.resize(out.find('\0'));
  return out;
}

bool verify_password(std::string_view hash, std::string_view password) {
  detail::ensure_sodium();
  if (password.size() > max_password_bytes || hash.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string terminated(hash);  // libsodium reads a C string
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool password_needs_rehash(std::string_view hash) {
  detail::ensure_sodium();
  if (!hash.starts_with("$argon2id$") || hash.size() >= crypto_pwhash_STRBYTES) return true;
  const std::string terminated(hash);
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), ops_limit, mem_limit) != 0;
}

void spend_one_verification(std::string_view password) {
  // Truncated rather than refused, so an oversized guess costs the same as any other.
  (void)verify_password(decoy_hash(), password.substr(0, max_password_bytes));
}

}  // namespace invhost::accounts
