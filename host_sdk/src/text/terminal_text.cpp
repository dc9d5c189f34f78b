// Escaping source text for the terminal; the rules are in terminal_text.hpp.
#include <fmt/format.h>

#include <cstdint>
#include <invhost/terminal_text.hpp>

namespace invhost {
namespace {

// Length of the valid UTF-8 sequence at the start of s and its code point, or 0 when the first
// byte does not start one (overlong forms, surrogates and values above U+10FFFF are invalid).
std::size_t decode_utf8(std::string_view s, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[0]);
  if (b0 < 0x80U) {
    cp = b0;
    return 1;
  }
  std::size_t len = 0;
  char32_t min = 0;
  if (b0 >= 0xC2U && b0 <= 0xDFU) {
    len = 2;
    cp = b0 & 0x1FU;
    min = 0x80;
  } else if (b0 >= 0xE0U && b0 <= 0xEFU) {
    len = 3;
    cp = b0 & 0x0FU;
    min = 0x800;
  } else if (b0 >= 0xF0U && b0 <= 0xF4U) {
    len = 4;
    cp = b0 & 0x07U;
    min = 0x10000;
  } else {
    return 0;
  }
  if (s.size() < len) return 0;
  for (std::size_t i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if ((b & 0xC0U) != 0x80U) return 0;
    cp = (cp << 6U) | (b & 0x3FU);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// Characters a terminal acts on instead of showing, or that reorder or break the line.
bool must_escape(char32_t cp) {
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return true;
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || cp == 0x2028 || cp == 0x2029 ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

std::string escape(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t cp = 0;
    const std::size_t len = decode_utf8(text.substr(i), cp);
    if (len == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (must_escape(cp) && !(keep_newlines && cp == '\n'))
      out += fmt::format("\\u{:04x}", static_cast<std::uint32_t>(cp));
    else
      out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

}  // namespace

std::string terminal_text(std::string_view text) {
  return escape(text, false);
}

std::string terminal_lines(std::string_view text) {
  return escape(text, true);
}

}  // namespace invhost
