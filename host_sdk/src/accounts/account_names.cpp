#include <invhost/accounts/account_error.hpp>
#include <invhost/accounts/account_names.hpp>
#include <string>

namespace invhost::accounts {

bool valid_account_name(std::string_view name) noexcept {
  if (name.empty() || name.size() > max_account_name_chars) return false;
  for (const char c : name)
    if (c < '!' || c > '~') return false;  // printable ASCII, space excluded
  return true;
}

void check_account_name(std::string_view name) {
  if (valid_account_name(name)) return;
  // The name is not quoted: it may hold control characters or be very long.
  throw account_error("not a valid account name",
                      "an account name has 1 to " + std::to_string(max_account_name_chars) +
                          " printable ASCII characters and no spaces, e.g. alice or a.smith@corp");
}

}  // namespace invhost::accounts
