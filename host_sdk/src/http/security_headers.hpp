// The headers every response carries, and the short plain pages the server itself answers with.
#ifndef INVHOST_HTTP_SECURITY_HEADERS_HPP
#define INVHOST_HTTP_SECURITY_HEADERS_HPP

#include <boost/beast/http/fields.hpp>
#include <string_view>

namespace invhost::http::detail {

// Content-Security-Policy (no inline script or style), nosniff, no referrer, no framing, and
// HSTS over TLS. Cache-Control: no-store unless the response set its own (assets do).
void add_security_headers(boost::beast::http::fields& fields, bool tls);

// "<status> <reason>\n": what the server says about a request it refuses; nothing else.
std::string plain_status_page(unsigned status);

// Throws std::invalid_argument when a header name or value could split the response.
void check_header(std::string_view name, std::string_view value);

}  // namespace invhost::http::detail

#endif
