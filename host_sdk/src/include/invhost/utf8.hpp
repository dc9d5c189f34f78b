// Counting and cutting UTF-8 text by characters (code points), never inside one.
#ifndef INVHOST_UTF8_HPP
#define INVHOST_UTF8_HPP

#include <cstddef>
#include <string_view>

namespace invhost {

// Characters in text: every byte but the continuation bytes (10xxxxxx) starts one.
std::size_t utf8_length(std::string_view text);

// The longest prefix of text with at most max_chars characters.
std::string_view utf8_prefix(std::string_view text, std::size_t max_chars);

}  // namespace invhost

#endif
