// One-time links in console_signin_links; redeeming deletes the row first, so two requests
// racing with the same link cannot both succeed.
#include <invhost/accounts/account_error.hpp>
#include <invhost/accounts/signin_links.hpp>

#include "tokens.hpp"

namespace invhost::accounts {

std::string create_signin_link(soci::session& sql, std::string_view name, std::chrono::minutes ttl,
                               clock::time_point now) {
  if (ttl < std::chrono::minutes(1) || ttl > max_signin_link_ttl)
    throw account_error("a sign-in link lives from 1 minute to 24 hours",
                        "give --ttl a number of minutes from 1 to 1440");
  const auto who = require_account(sql, name);
  if (who.disabled)
    throw account_error("that account is disabled", "a disabled account cannot sign in");
  const std::string token = detail::random_token();
  const std::string hash = *detail::token_hash(token);
  const long long user_id = who.id;
  const long long expires = detail::epoch_seconds(now + ttl);
  sql << "INSERT INTO console_signin_links (token_hash, user_id, expires_at) VALUES (:h, :u, :e)",
      soci::use(hash), soci::use(user_id), soci::use(expires);
  return token;
}

std::optional<new_session> redeem_signin_link(soci::session& sql, std::string_view token,
                                              clock::time_point now, const session_limits& limits) {
  const auto hash = detail::token_hash(token);
  if (!hash) return std::nullopt;
  soci::transaction tx(sql);
  long long user_id = 0, expires = 0;
  soci::indicator found = soci::i_null;
  sql << "SELECT user_id, expires_at FROM console_signin_links WHERE token_hash = :h",
      soci::into(user_id, found), soci::into(expires), soci::use(*hash);
  if (!sql.got_data() || found != soci::i_ok) return std::nullopt;
  soci::statement del =
      (sql.prepare << "DELETE FROM console_signin_links WHERE token_hash = :h", soci::use(*hash));
  del.execute(true);
  // Someone else consumed it between the read and the delete: theirs, not ours.
  if (del.get_affected_rows() != 1) return std::nullopt;
  const auto who = find_account_by_id(sql, user_id);
  if (expires <= detail::epoch_seconds(now) || !who || who->disabled) {
    tx.commit();  // an expired or orphaned link is gone either way
    return std::nullopt;
  }
  auto s = create_session(sql, *who, now, limits);
  tx.commit();
  return s;
}

}  // namespace invhost::accounts
