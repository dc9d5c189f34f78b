#include "request_parsing.hpp"

#include <boost/url/parse.hpp>

namespace invhost::http::detail {
namespace {

namespace urls = boost::urls;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX escapes decoded (and '+' as a space when plus_is_space); nullopt for a broken escape.
// Written here rather than taken from Boost.URL: its 1.81 decoding params view was seen to read
// past the end of a query that is not NUL-terminated, as a target inside Beast's buffer is not.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

// "a=1&b=x+y": browsers send form fields with '+' for a space, in a GET's query and in a POST's
// body alike. Empty items ("a=1&&b=2") are skipped; "a" alone is a name with an empty value.
std::optional<parameters> decode_pairs(std::string_view text) {
  std::vector<parameters::pair> pairs;
  while (!text.empty()) {
    const auto amp = text.find('&');
    const std::string_view item = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (item.empty()) continue;
    const auto eq = item.find('=');
    auto name = percent_decode(item.substr(0, eq), true);
    auto value = percent_decode(
        eq == std::string_view::npos ? std::string_view() : item.substr(eq + 1), true);
    if (!name || !value) return std::nullopt;
    pairs.emplace_back(std::move(*name), std::move(*value));
  }
  return parameters(std::move(pairs));
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::map<std::string, std::string> parse_cookies(std::string_view header) {
  std::map<std::string, std::string> cookies;
  while (!header.empty()) {
    const auto end = header.find(';');
    const std::string_view item = header.substr(0, end);
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
    const auto eq = item.find('=');
    if (eq == std::string_view::npos) continue;
    const auto name = trim(item.substr(0, eq));
    auto value = trim(item.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    if (!name.empty()) cookies.emplace(name, value);  // emplace keeps the first
  }
  return cookies;
}

std::optional<request> to_request(
    boost::beast::http::request<boost::beast::http::string_body>&& message) {
  namespace http = boost::beast::http;
  const std::string_view target(message.target().data(), message.target().size());
  auto url = urls::parse_origin_form(target);
  if (!url) return std::nullopt;
  request req;
  req.method = std::string(message.method_string());
  req.target = std::string(target);
  auto path = percent_decode(url->encoded_path(), false);
  if (!path) return std::nullopt;
  req.path = std::move(*path);
  // A NUL in a decoded path could cut a name short wherever it is used as a C string.
  if (req.path.find('\0') != std::string::npos) return std::nullopt;
  if (url->has_query()) {
    auto query = decode_pairs(url->encoded_query());
    if (!query) return std::nullopt;
    req.query = std::move(*query);
  }
  for (const auto& field : message)
    req.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  if (auto cookie = req.header("Cookie")) req.cookies = parse_cookies(*cookie);
  req.body = std::move(message.body());
  const auto type = req.header("Content-Type");
  if (message.method() == http::verb::post && type &&
      trim(type->substr(0, type->find(';'))) == "application/x-www-form-urlencoded") {
    auto form = decode_pairs(req.body);
    if (!form) return std::nullopt;
    req.form = std::move(*form);
  }
  return req;
}

}  // namespace invhost::http::detail
