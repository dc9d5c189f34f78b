// TOML text for the values and keys the host writes to invhost.toml.
#ifndef INVHOST_TOML_TEXT_HPP
#define INVHOST_TOML_TEXT_HPP

#include <string>
#include <string_view>

namespace invhost {

// A basic (double-quoted) TOML string holding exactly text. Only basic strings are written: a
// multi-line or literal string drops a newline right after its opening quotes and cannot hold every
// character, so a value written that way could come back changed.
std::string toml_string(std::string_view text);

// A key as written: bare when it is only letters, digits, '-' and '_', else quoted.
std::string toml_key(std::string_view key);

}  // namespace invhost

#endif
