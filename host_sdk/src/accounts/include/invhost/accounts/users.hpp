// Console accounts in the store: add, list, remove, change role or password, check a sign-in.
// Every change that takes power away (removal, a new role, a new password, disabling) ends the
// account's sessions and unused sign-in links at once.
#ifndef INVHOST_ACCOUNTS_USERS_HPP
#define INVHOST_ACCOUNTS_USERS_HPP

#include <soci/soci.h>

#include <cstdint>
#include <invhost/accounts/roles.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace invhost::accounts {

// An account as the console sees it. No password hash: it never leaves this library.
struct account {
  std::int64_t id = 0;
  std::string name;
  accounts::role role = role::viewer;
  std::string created_at;  // UTC, ISO 8601
  bool disabled = false;
};

// Adds an account. Throws account_error for an invalid or taken name, or a password that breaks
// the rules (passwords.hpp).
account add_account(soci::session& sql, std::string_view name, role r, std::string_view password);

// Every account, by name.
std::vector<account> list_accounts(soci::session& sql);

// The account named name, or nullopt.
std::optional<account> find_account(soci::session& sql, std::string_view name);

// The account named name; throws account_error, with a hint, when there is none.
account require_account(soci::session& sql, std::string_view name);

// The account with this id, or nullopt.
std::optional<account> find_account_by_id(soci::session& sql, std::int64_t id);

// Each throws account_error when there is no account of that name.
void remove_account(soci::session& sql, std::string_view name);
void set_account_role(soci::session& sql, std::string_view name, role r);
void set_account_password(soci::session& sql, std::string_view name, std::string_view password);
void set_account_disabled(soci::session& sql, std::string_view name, bool disabled);

// The account when name and password match an enabled account, else nullopt. Spends one
// Argon2id verification whatever the name (unknown, disabled or known), so its time does not
// tell which names exist. A hash made with older limits is replaced by one with the current
// limits. Callers rate-limit before calling (signin_limiter.hpp).
std::optional<account> check_signin(soci::session& sql, std::string_view name,
                                    std::string_view password);

// For a console behind an authenticating proxy: the enabled account the proxy's header names,
// or nullopt (no such account, disabled, or not a valid name). The caller decides whether the
// peer is a trusted proxy; the account must exist here so that it has a role.
std::optional<account> account_for_proxy_header(soci::session& sql, std::string_view header_value);

}  // namespace invhost::accounts

#endif
