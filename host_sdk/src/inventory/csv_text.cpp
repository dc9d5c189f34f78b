#include <boost/json.hpp>
#include <invhost/inventory/csv_text.hpp>

namespace invhost {

std::string cell_text(const boost::json::value& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_array()) {
    std::string out;
    for (const auto& e : v.as_array()) out += (out.empty() ? "" : "; ") + cell_text(e);
    return out;
  }
  return boost::json::serialize(v);
}

std::string csv_field(std::string_view value, bool is_text) {
  std::string v;
  if (is_text && !value.empty() &&
      (value.front() == '=' || value.front() == '+' || value.front() == '-' ||
       value.front() == '@' || value.front() == '\t' || value.front() == '\r'))
    v = "'";
  v += value;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (const char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_row(const std::vector<std::pair<std::string, bool>>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(fields[i].first, fields[i].second);
  }
  return out + "\r\n";
}

}  // namespace invhost
