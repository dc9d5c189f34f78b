// Escaping source text for HTML and SVG; the rules are in html_text.hpp.
#include <invhost/html_text.hpp>
#include <invhost/utf8.hpp>

namespace invhost {
namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

// Controls a browser would act on or drop silently; tab and line ends are layout, kept.
bool is_control(char32_t cp) {
  if (cp == '\t' || cp == '\n' || cp == '\r') return false;
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

std::string_view reference(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return "&#39;";
    default:
      return {};
  }
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t length = utf8_decode(text.substr(i), cp);
    if (length == 0) {
      out += replacement;  // one invalid byte, then resynchronise on the next
      ++i;
      continue;
    }
    if (is_control(cp)) {
      out += replacement;
    } else if (const auto ref = length == 1 ? reference(text[i]) : std::string_view{};
               !ref.empty()) {
      out += ref;
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

}  // namespace invhost
