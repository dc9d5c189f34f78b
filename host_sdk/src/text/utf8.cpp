#include <invhost/utf8.hpp>

namespace invhost {
namespace {

bool continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

}  // namespace

std::size_t utf8_decode(std::string_view s, char32_t& cp) {
  if (s.empty()) return 0;
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
    if (!continuation(s[i])) return 0;
    cp = (cp << 6U) | (static_cast<unsigned char>(s[i]) & 0x3FU);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text)
    if (!continuation(c)) ++n;
  return n;
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (continuation(text[i])) continue;
    if (chars == max_chars) return text.substr(0, i);
    ++chars;
  }
  return text;
}

}  // namespace invhost
