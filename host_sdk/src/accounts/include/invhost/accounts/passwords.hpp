// Password hashing: Argon2id through libsodium, in its self-describing encoded form
// ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"), so a hash made with older limits still verifies
// and is recognised as due for a rehash.
#ifndef INVHOST_ACCOUNTS_PASSWORDS_HPP
#define INVHOST_ACCOUNTS_PASSWORDS_HPP

#include <cstddef>
#include <string>
#include <string_view>

namespace invhost::accounts {

// The shortest password accepted, in characters, and the longest, in bytes (hashing cost
// does not grow with length, but an input without a bound is not taken).
inline constexpr std::size_t min_password_chars = 12;
inline constexpr std::size_t max_password_bytes = 1024;

// Throws account_error (never quoting the password) when password is too short or too long.
void check_password_rules(std::string_view password);

// The Argon2id hash of password with the host's current limits. Checks the rules first.
// Throws account_error.
std::string hash_password(std::string_view password);

// Whether password matches hash. False for a malformed hash or an oversized password.
bool verify_password(std::string_view hash, std::string_view password);

// Whether hash was made with other limits than hash_password uses now (or is not Argon2id).
bool password_needs_rehash(std::string_view hash);

// Spends the same time as verifying a real hash, and fails: a sign-in for an unknown name
// costs what one for a known name costs, so timing does not tell which names exist.
void spend_one_verification(std::string_view password);

}  // namespace invhost::accounts

#endif
