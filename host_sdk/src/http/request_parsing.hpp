// From Beast's parsed message to the handler's request: target, query, form and cookies decoded.
#ifndef INVHOST_HTTP_REQUEST_PARSING_HPP
#define INVHOST_HTTP_REQUEST_PARSING_HPP

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <invhost/http/request.hpp>
#include <optional>

namespace invhost::http::detail {

// nullopt when the target is not an origin-form path ("/a/b?c=d") or a query, form or path is
// badly encoded: the server answers 400.
std::optional<request> to_request(
    boost::beast::http::request<boost::beast::http::string_body>&& message);

// "a=1; b=2" into name/value pairs; the first of a repeated name wins.
std::map<std::string, std::string> parse_cookies(std::string_view header);

}  // namespace invhost::http::detail

#endif
