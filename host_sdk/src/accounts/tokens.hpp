// Random tokens for sessions, CSRF and sign-in links, and the hash under which the store keeps
// them. Internal to the accounts library.
#ifndef INVHOST_ACCOUNTS_TOKENS_HPP
#define INVHOST_ACCOUNTS_TOKENS_HPP

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace invhost::accounts::detail {

// sodium_init(), once per process, before any other libsodium call. Throws on failure.
void ensure_sodium();

// 32 random bytes, base64url without padding (43 characters): safe in a cookie, a form and a
// URL without escaping.
std::string random_token();

// The hex BLAKE2b-256 of the token's bytes, or nullopt when text is not a token random_token
// could have made (wrong length or alphabet): such input is never looked up.
std::optional<std::string> token_hash(std::string_view token);

// Whole seconds since 1970-01-01 UTC, the store's unit for expiry times.
std::int64_t epoch_seconds(std::chrono::system_clock::time_point t);

}  // namespace invhost::accounts::detail

#endif
