#include "security_headers.hpp"

#include <boost/beast/http/status.hpp>
#include <stdexcept>
#include <string>

namespace invhost::http::detail {

namespace http = boost::beast::http;

void add_security_headers(http::fields& fields, bool tls) {
  fields.set("Content-Security-Policy",
             "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
             "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  fields.set("X-Content-Type-Options", "nosniff");
  // No referrer leaves for another site (an FSM link would tell FSM the console's addresses),
  // while a form POST keeps its real Origin header, which the console checks (under no-referrer
  // browsers send "Origin: null").
  fields.set("Referrer-Policy", "same-origin");
  fields.set("X-Frame-Options", "DENY");
  if (fields.find(http::field::cache_control) == fields.end())
    fields.set(http::field::cache_control, "no-store");
  // Only over TLS: a browser ignores it on plain HTTP, and a loopback console without TLS must
  // not pin its host name to HTTPS.
  if (tls) fields.set("Strict-Transport-Security", "max-age=31536000");
}

std::string plain_status_page(unsigned status) {
  const auto reason = http::obsolete_reason(static_cast<http::status>(status));
  return std::to_string(status) + " " + std::string(reason) + "\n";
}

void check_header(std::string_view name, std::string_view value) {
  if (name.empty() || name.find_first_of(std::string_view("\r\n\0: \t", 6)) != name.npos)
    throw std::invalid_argument("an HTTP header name must be a token");
  if (value.find_first_of(std::string_view("\r\n\0", 3)) != value.npos)
    throw std::invalid_argument("an HTTP header value must not hold CR, LF or NUL");
}

}  // namespace invhost::http::detail
