// Set-Cookie values: always HttpOnly, SameSite=Strict and Path=/; Secure over TLS.
#ifndef INVHOST_HTTP_COOKIE_HPP
#define INVHOST_HTTP_COOKIE_HPP

#include <chrono>
#include <string>
#include <string_view>

namespace invhost::http {

// The value of a Set-Cookie header. name must be an RFC 6265 token and value cookie-octets
// (std::invalid_argument otherwise): a session id or token never needs more. max_age 0 deletes.
std::string set_cookie(std::string_view name, std::string_view value, std::chrono::seconds max_age,
                       bool tls);

}  // namespace invhost::http

#endif
