// Roles are ordered: each may do everything the one below it may.
#include <invhost/accounts/roles.hpp>

namespace invhost::accounts {

bool may(role r, action a) noexcept {
  switch (a) {
    case action::read:
      return true;
    case action::edit:
      return r == role::editor || r == role::admin;
    case action::admin:
      return r == role::admin;
  }
  return false;
}

std::string_view role_name(role r) noexcept {
  switch (r) {
    case role::viewer:
      return "viewer";
    case role::editor:
      return "editor";
    case role::admin:
      return "admin";
  }
  return "viewer";
}

std::optional<role> parse_role(std::string_view text) noexcept {
  for (role r : {role::viewer, role::editor, role::admin})
    if (text == role_name(r)) return r;
  return std::nullopt;
}

}  // namespace invhost::accounts
