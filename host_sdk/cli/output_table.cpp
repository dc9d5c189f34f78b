#include "output_table.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <invhost/terminal_text.hpp>
#include <invhost/utf8.hpp>

namespace invhost::cli {

std::string format_table(const std::vector<std::string>& headers,
                         const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::vector<std::string>> cells;
  cells.reserve(rows.size() + 1);
  cells.push_back(headers);
  for (const auto& r : rows) {
    cells.emplace_back();
    for (const auto& c : r) cells.back().push_back(terminal_text(c));
  }
  std::vector<std::size_t> width(headers.size());
  for (const auto& r : cells)
    for (std::size_t i = 0; i < r.size() && i < width.size(); ++i)
      width[i] = std::max(width[i], utf8_length(r[i]));
  std::string out;
  for (const auto& r : cells) {
    std::string l;
    for (std::size_t i = 0; i < width.size(); ++i) {
      const std::string& c = i < r.size() ? r[i] : std::string{};
      l += c;
      if (i + 1 < width.size()) l += std::string(width[i] - utf8_length(c) + 2, ' ');
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l + "\n";
  }
  return out;
}

boost::json::value terminal_values(const boost::json::value& v) {
  if (v.is_string()) return boost::json::value(terminal_text(v.as_string()));
  if (v.is_array()) {
    boost::json::array a;
    a.reserve(v.as_array().size());
    for (const auto& e : v.as_array()) a.push_back(terminal_values(e));
    return a;
  }
  if (v.is_object()) {
    boost::json::object o;
    for (const auto& [k, e] : v.as_object()) o.emplace(k, terminal_values(e));
    return o;
  }
  return v;
}

}  // namespace invhost::cli
