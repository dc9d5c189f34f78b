// Text made safe for URLs. Source data (license names, users) is untrusted; HTML escaping is
// invhost/html_text.hpp.
#ifndef INVHOST_HTTP_TEXT_ENCODING_HPP
#define INVHOST_HTTP_TEXT_ENCODING_HPP

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace invhost::http {

// A query-string name or value: every byte but A-Z a-z 0-9 - . _ ~ as %XX.
std::string url_encode(std::string_view text);

// "a=1&b=x%20y" from pairs, in order, each side url_encoded; "" for none (no leading '?').
std::string query_string(const std::vector<std::pair<std::string, std::string>>& pairs);

}  // namespace invhost::http

#endif
