// Console roles and what each may do. A viewer reads; an editor also changes local fields,
// purchases and links; an admin also manages connections, settings, runs and holds.
#ifndef INVHOST_ACCOUNTS_ROLES_HPP
#define INVHOST_ACCOUNTS_ROLES_HPP

#include <optional>
#include <string_view>

namespace invhost::accounts {

enum class role { viewer, editor, admin };

// What a request does, by the most powerful thing it touches.
enum class action {
  read,   // any page, CSV or JSON
  edit,   // local fields, purchases, links
  admin,  // connections, settings, runs, holds, accounts
};

// Whether someone with role r may do a.
bool may(role r, action a) noexcept;

// "viewer", "editor", "admin".
std::string_view role_name(role r) noexcept;

// The role named by text (exactly as role_name spells it), or nullopt.
std::optional<role> parse_role(std::string_view text) noexcept;

}  // namespace invhost::accounts

#endif
