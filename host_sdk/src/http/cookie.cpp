#include <fmt/format.h>

#include <invhost/http/cookie.hpp>
#include <stdexcept>

namespace invhost::http {
namespace {

// RFC 6265 section 4.1.1: a token (RFC 7230 tchar) for the name.
bool is_token(std::string_view text) {
  constexpr std::string_view extra = "!#$%&'*+-.^_`|~";
  if (text.empty()) return false;
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    const bool alnum = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9');
    if (!alnum && extra.find(c) == std::string_view::npos) return false;
  }
  return true;
}

// cookie-octet: visible ASCII but '"', ',', ';' and '\\'.
bool is_cookie_value(std::string_view text) {
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x21 || b > 0x7E || c == '"' || c == ',' || c == ';' || c == '\\') return false;
  }
  return true;
}

}  // namespace

std::string set_cookie(std::string_view name, std::string_view value, std::chrono::seconds max_age,
                       bool tls) {
  if (!is_token(name)) throw std::invalid_argument("a cookie name must be a token");
  if (!is_cookie_value(value))
    throw std::invalid_argument("a cookie value must be visible ASCII without \" , ; \\");
  if (max_age.count() < 0) throw std::invalid_argument("a cookie's Max-Age must not be negative");
  return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{}", name, value,
                     max_age.count(), tls ? "; Secure" : "");
}

}  // namespace invhost::http
