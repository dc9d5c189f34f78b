// Escaping source text for the terminal; the rules are in terminal_text.hpp.
#include <fmt/format.h>

#include <cstdint>
#include <invhost/terminal_text.hpp>
#include <invhost/utf8.hpp>

namespace invhost {
namespace {

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
    const std::size_t len = utf8_decode(text.substr(i), cp);
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
