// Account names: what the console shows, the CLI takes and a proxy header carries.
#ifndef INVHOST_ACCOUNTS_ACCOUNT_NAMES_HPP
#define INVHOST_ACCOUNTS_ACCOUNT_NAMES_HPP

#include <cstddef>
#include <string_view>

namespace invhost::accounts {

inline constexpr std::size_t max_account_name_chars = 64;

// Whether name is 1..max_account_name_chars printable ASCII characters without spaces. ASCII
// only, so two names that look alike are the same bytes, and every log line and header can
// carry a name as it is.
bool valid_account_name(std::string_view name) noexcept;

// Throws account_error saying what a valid name is, when name is not one.
void check_account_name(std::string_view name);

}  // namespace invhost::accounts

#endif
