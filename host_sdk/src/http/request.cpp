#include <algorithm>
#include <cctype>
#include <invhost/http/request.hpp>
#include <invhost/http/response.hpp>

namespace invhost::http {

std::optional<std::string> parameters::get(std::string_view name) const {
  for (const auto& [key, value] : pairs_)
    if (key == name) return value;
  return std::nullopt;
}

std::vector<std::string> parameters::all(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : pairs_)
    if (key == name) values.push_back(value);
  return values;
}

std::optional<std::string_view> request::header(std::string_view name) const {
  const auto same = [](std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
      return std::tolower(static_cast<unsigned char>(x)) ==
             std::tolower(static_cast<unsigned char>(y));
    });
  };
  for (const auto& [key, value] : headers)
    if (same(key, name)) return std::string_view(value);
  return std::nullopt;
}

void response::redirect(std::string_view location, const header_list& headers) {
  header_list all = headers;
  all.emplace_back("Location", std::string(location));
  send(303, "text/plain; charset=utf-8", "See Other\n", all);
}

}  // namespace invhost::http
