// One-time sign-in links: an administrator (or the demo) gives someone a URL that signs them in
// once, within a short time. The store keeps only the hash of the link's token.
#ifndef INVHOST_ACCOUNTS_SIGNIN_LINKS_HPP
#define INVHOST_ACCOUNTS_SIGNIN_LINKS_HPP

#include <soci/soci.h>

#include <chrono>
#include <invhost/accounts/sessions.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace invhost::accounts {

// The longest a link may live: it is a password sent in clear text to someone.
inline constexpr std::chrono::minutes max_signin_link_ttl{24 * 60};

// The path a console serves links under; the token follows as its query.
inline constexpr std::string_view signin_link_path = "/signin/link?token=";

// A new link's token for the enabled account named name, valid for ttl from now. Throws
// account_error for an unknown or disabled account, or a ttl outside 1 minute..24 hours.
std::string create_signin_link(soci::session& sql, std::string_view name, std::chrono::minutes ttl,
                               clock::time_point now);

// Uses the link: when its token is known, unexpired and its account enabled, the link is
// consumed and a session begins. A second use, an expired link or an unknown token: nullopt.
std::optional<new_session> redeem_signin_link(soci::session& sql, std::string_view token,
                                              clock::time_point now,
                                              const session_limits& limits = {});

}  // namespace invhost::accounts

#endif
