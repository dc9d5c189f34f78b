// Sessions in console_sessions, found by the hash of the browser's token.
#include <sodium.h>

#include <invhost/accounts/sessions.hpp>

#include "tokens.hpp"

namespace invhost::accounts {
namespace {

using detail::epoch_seconds;

// How stale the stored last use may be before a request writes it again. Writing it on every
// request made each page a write, and writes to SQLite take turns: with many clients the pages
// queued behind each other. Idle expiry counts from the stored value, so it ends a session at
// most this much earlier than the idle limit says.
constexpr long long last_seen_refresh_seconds = 60;

void delete_session(soci::session& sql, const std::string& hash) {
  sql << "DELETE FROM console_sessions WHERE token_hash = :h", soci::use(hash);
}

}  // namespace

new_session create_session(soci::session& sql, const account& who, clock::time_point now,
                           const session_limits& limits) {
  // Here rather than on a timer: sessions begin rarely, and so expired rows never pile up.
  purge_expired(sql, now, limits);
  new_session s{detail::random_token(), detail::random_token(), who};
  const std::string hash = *detail::token_hash(s.token);
  const long long user_id = who.id, at = epoch_seconds(now);
  sql << "INSERT INTO console_sessions (token_hash, user_id, csrf_token, created_at, "
         "last_seen_at) VALUES (:h, :u, :c, :t, :t2)",
      soci::use(hash), soci::use(user_id), soci::use(s.csrf_token), soci::use(at), soci::use(at);
  return s;
}

std::optional<session_info> find_session(soci::session& sql, std::string_view token,
                                         clock::time_point now, const session_limits& limits) {
  const auto hash = detail::token_hash(token);
  if (!hash) return std::nullopt;
  long long user_id = 0, created = 0, last_seen = 0;
  std::string csrf;
  soci::indicator ind = soci::i_null;
  sql << "SELECT user_id, csrf_token, created_at, last_seen_at FROM console_sessions "
         "WHERE token_hash = :h",
      soci::into(user_id, ind), soci::into(csrf), soci::into(created), soci::into(last_seen),
      soci::use(*hash);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  std::optional<session_info> found;
  if (auto who = find_account_by_id(sql, user_id)) found = session_info{*who, csrf};
  const long long at = epoch_seconds(now);
  const bool idle = at - last_seen >= limits.idle.count();
  const bool too_old = at - created >= limits.absolute.count();
  if (!found || idle || too_old || found->who.disabled) {
    delete_session(sql, *hash);
    return std::nullopt;
  }
  if (at - last_seen >= last_seen_refresh_seconds)
    sql << "UPDATE console_sessions SET last_seen_at = :t WHERE token_hash = :h", soci::use(at),
        soci::use(*hash);
  return found;
}

void end_session(soci::session& sql, std::string_view token) {
  if (const auto hash = detail::token_hash(token)) delete_session(sql, *hash);
}

void end_sessions_of(soci::session& sql, std::int64_t account_id) {
  const long long id = account_id;
  sql << "DELETE FROM console_sessions WHERE user_id = :u", soci::use(id);
}

void purge_expired(soci::session& sql, clock::time_point now, const session_limits& limits) {
  const long long at = epoch_seconds(now);
  const long long idle_before = at - limits.idle.count();
  const long long started_before = at - limits.absolute.count();
  sql << "DELETE FROM console_sessions WHERE last_seen_at <= :i OR created_at <= :a",
      soci::use(idle_before), soci::use(started_before);
  sql << "DELETE FROM console_signin_links WHERE expires_at <= :t", soci::use(at);
}

bool csrf_matches(std::string_view expected, std::string_view given) noexcept {
  // The length is not secret (every token has the same one); the bytes are compared in
  // constant time so response timing does not reveal a matching prefix.
  if (expected.empty() || expected.size() != given.size()) return false;
  return sodium_memcmp(expected.data(), given.data(), expected.size()) == 0;
}

}  // namespace invhost::accounts
