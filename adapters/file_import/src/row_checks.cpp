// Value checks shared by the CSV and JSON readers, so both formats accept exactly the same data.
#include <algorithm>

#include "field_checks.hpp"
#include "row_source.hpp"

namespace file_import {
namespace {

std::optional<std::string> check_value(value_kind kind, std::string_view v) {
  if (v.size() > max_field_bytes) return "value longer than 64 KiB";
  if (v.empty()) return std::nullopt;
  switch (kind) {
    case value_kind::text:
    case value_kind::id_list:
      return std::nullopt;
    case value_kind::date:
      return check_iso8601(v);
    case value_kind::money:
      return check_money(v);
    case value_kind::currency:
      return check_currency(v);
    case value_kind::email:
      return check_email(v);
    case value_kind::boolean:
      if (!parse_tristate(v)) return "expected true, false or empty";
      return std::nullopt;
    case value_kind::count:
      if (!parse_count(v, 1'000'000'000'000LL)) return "expected a whole number >= 0";
      return std::nullopt;
    case value_kind::term_type:
      if (!parse_term_type(v))
        return "unknown term type (expected perUser, perLogin, perNode, perLocation, perOrg or "
               "empty)";
      return std::nullopt;
    case value_kind::license_type:
      if (!parse_license_type(v))
        return "unknown license type (expected SaaS User, Named User or empty)";
      return std::nullopt;
  }
  return std::nullopt;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<row_problem> check_row(const table_schema& schema, const row& r) {
  for (size_t i = 0; i < schema.columns.size(); ++i) {
    const column_spec& col = schema.columns[i];
    const std::string& v = r.values.at(i);
    if (col.required && v.empty())
      return row_problem{std::string(col.name), "required value is missing"};
    if (auto why = check_value(col.kind, v)) {
      std::string shown = v.size() > 60 ? v.substr(0, 60) + "..." : v;
      return row_problem{std::string(col.name), *why + " (got \"" + shown + "\")"};
    }
  }
  return std::nullopt;
}

std::optional<row_problem> split_id_list(std::string_view text, std::string_view column,
                                         std::vector<std::string>& out) {
  out.clear();
  while (!text.empty()) {
    const auto semi = text.find(';');
    const std::string_view piece = trim(text.substr(0, semi));
    if (!piece.empty()) {
      if (std::find(out.begin(), out.end(), piece) != out.end())
        return row_problem{std::string(column), "id '" + std::string(piece) + "' listed twice"};
      if (out.size() == max_application_ids)
        return row_problem{std::string(column), "more than 1000 ids"};
      out.emplace_back(piece);
    }
    if (semi == std::string_view::npos) break;
    text.remove_prefix(semi + 1);
  }
  return std::nullopt;
}

}  // namespace file_import
