// Reading UTF-8 text: decoding one character, counting and cutting by characters (code points),
// never inside one.
#ifndef INVHOST_UTF8_HPP
#define INVHOST_UTF8_HPP

#include <cstddef>
#include <string_view>

namespace invhost {

// Length of the valid UTF-8 sequence at the start of s and its code point in cp; 0 when s is
// empty or its first byte does not start one (overlong forms, surrogates and values above
// U+10FFFF are invalid too). A caller replaces that one byte and goes on with the next.
std::size_t utf8_decode(std::string_view s, char32_t& cp);

// Characters in text: every byte but the continuation bytes (10xxxxxx) starts one.
std::size_t utf8_length(std::string_view text);

// The longest prefix of text with at most max_chars characters.
std::string_view utf8_prefix(std::string_view text, std::size_t max_chars);

}  // namespace invhost

#endif
