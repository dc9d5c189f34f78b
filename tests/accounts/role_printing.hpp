// Lets Boost.Test print a role in a failed comparison.
#ifndef INVHOST_TESTS_ACCOUNTS_ROLE_PRINTING_HPP
#define INVHOST_TESTS_ACCOUNTS_ROLE_PRINTING_HPP

#include <invhost/accounts/roles.hpp>
#include <ostream>

namespace invhost::accounts {
inline std::ostream& operator<<(std::ostream& out, role r) {
  return out << role_name(r);
}
}  // namespace invhost::accounts

#endif
