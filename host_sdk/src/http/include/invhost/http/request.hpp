// One HTTP request as a handler sees it: already parsed, decoded and within the server's limits.
#ifndef INVHOST_HTTP_REQUEST_HPP
#define INVHOST_HTTP_REQUEST_HPP

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace invhost::http {

// Name/value pairs in the order they came (a query string, a form body). A name may repeat
// (`?status=active&status=expired`).
class parameters {
 public:
  using pair = std::pair<std::string, std::string>;
  parameters() = default;
  explicit parameters(std::vector<pair> pairs) : pairs_(std::move(pairs)) {}

  // The first value of name, if any.
  [[nodiscard]] std::optional<std::string> get(std::string_view name) const;
  // Every value of name, in order.
  [[nodiscard]] std::vector<std::string> all(std::string_view name) const;
  [[nodiscard]] const std::vector<pair>& pairs() const noexcept { return pairs_; }
  [[nodiscard]] bool empty() const noexcept { return pairs_.empty(); }
  [[nodiscard]] auto begin() const noexcept { return pairs_.begin(); }
  [[nodiscard]] auto end() const noexcept { return pairs_.end(); }

 private:
  std::vector<pair> pairs_;
};

struct request {
  std::string method;  // "GET" or "POST": the server answers every other method with 405
  std::string path;    // percent-decoded, without the query: "/licenses/42"
  std::string target;  // as sent: "/licenses?sort=name%20asc"
  parameters query;    // decoded; '+' means a space, as browsers send forms
  parameters form;     // a POST's application/x-www-form-urlencoded body, decoded; else empty
  std::string body;    // the raw body (within the body limit)
  std::map<std::string, std::string> cookies;  // from Cookie; the first of a repeated name wins
  std::vector<std::pair<std::string, std::string>> headers;  // as sent, in order
  std::string remote_address;  // the peer's IP address: "127.0.0.1", "::1"
  bool tls = false;            // the request came over TLS

  // The first header of that name (case-insensitive), if any.
  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const;
};

}  // namespace invhost::http

#endif
