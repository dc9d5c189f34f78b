// Console sessions. The browser holds a random 32-byte token (base64url); the store keeps only
// its BLAKE2b hash, so reading the database does not let anyone take over a session. Each
// session has its own CSRF token, which the console puts in its forms and checks on every
// state-changing request.
#ifndef INVHOST_ACCOUNTS_SESSIONS_HPP
#define INVHOST_ACCOUNTS_SESSIONS_HPP

#include <soci/soci.h>

#include <chrono>
#include <cstdint>
#include <invhost/accounts/users.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace invhost::accounts {

using clock = std::chrono::system_clock;

struct session_limits {
  // Ends a session nobody used for this long.
  std::chrono::seconds idle{std::chrono::minutes(30)};
  // Ends a session this long after sign-in however busy it is, so a stolen cookie is not
  // good forever.
  std::chrono::seconds absolute{std::chrono::hours(12)};
};

// A session just begun: the token goes into the cookie, the CSRF token into the forms.
// Both are secrets: never log them.
struct new_session {
  std::string token;
  std::string csrf_token;
  account who;
};

// A session found from its cookie.
struct session_info {
  account who;
  std::string csrf_token;
};

// Starts a session for the account (purging expired sessions and links on the way).
new_session create_session(soci::session& sql, const account& who, clock::time_point now,
                           const session_limits& limits = {});

// The session whose token this is, when it is neither idle nor past its absolute limit and its
// account is enabled; its last-seen time becomes now. nullopt otherwise (an expired session is
// deleted). A malformed token is simply not found.
std::optional<session_info> find_session(soci::session& sql, std::string_view token,
                                         clock::time_point now, const session_limits& limits = {});

// Signing out: ends the session of this token (nothing when there is none).
void end_session(soci::session& sql, std::string_view token);

// Ends every session of the account.
void end_sessions_of(soci::session& sql, std::int64_t account_id);

// Deletes every session that is idle or past its absolute limit, and every expired sign-in link.
void purge_expired(soci::session& sql, clock::time_point now, const session_limits& limits = {});

// Whether the CSRF token a request carried is the session's, compared in constant time.
bool csrf_matches(std::string_view expected, std::string_view given) noexcept;

}  // namespace invhost::accounts

#endif
