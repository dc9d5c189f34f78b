#include "invhost/views/license_list.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <invhost/inventory/dates.hpp>
#include <invhost/inventory/money.hpp>

#include "renewal_dates.hpp"

namespace invhost::views {
namespace {

// The columns the list adds to the report's, in the order JSON and CSV show them.
const std::vector<std::string>& list_columns() {
  static const std::vector<std::string> columns = {"utilisation_percent", "renewal_date",
                                                   "days_to_renewal"};
  return columns;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::optional<std::int64_t> utilisation_of(const boost::json::object& l) {
  if (!l.at("entitled").is_int64() || l.at("compliance").as_string() == "not-applicable")
    return std::nullopt;
  const std::int64_t entitled = l.at("entitled").as_int64();
  if (entitled <= 0) return std::nullopt;
  const inventory::wide_int consumed = l.at("consumed").as_int64();
  // Half up: (200c + e) / 2e, in 128 bits so no count can overflow it.
  return static_cast<std::int64_t>((consumed * 200 + entitled) /
                                   (2 * inventory::wide_int(entitled)));
}

template <typename T>
boost::json::value or_null(const std::optional<T>& v) {
  if (!v) return nullptr;
  return boost::json::value(*v);
}

// A value to sort by. Numbers and money compare by amount (to 9 decimals, money's finest scale);
// "unlimited" above every number; text without regard to ASCII case; nothing (null) after
// everything in either direction, as a reader looks for the values first.
struct sort_key {
  enum kind_t { number, unlimited, text, nothing } kind = nothing;
  inventory::wide_int amount = 0;
  std::string folded;
};

sort_key key_of(const license_row& row, const std::string& column) {
  sort_key k;
  boost::json::value v;
  if (column == "utilisation") {
    v = or_null(row.utilisation_percent);
  } else if (column == "days_to_renewal") {
    v = or_null(row.days_to_renewal);
  } else if (column == "renewal_date") {
    v = or_null(row.renewal_date);
  } else if (const auto* found = row.report.if_contains(column)) {
    v = *found;
  }
  static constexpr inventory::wide_int finest = 1000000000;
  if (v.is_int64()) {
    k.kind = sort_key::number;
    k.amount = inventory::wide_int(v.as_int64()) * finest;
  } else if (v.is_string()) {
    const std::string_view s = v.as_string();
    const bool is_money =
        column == "per_user_cost" || column == "unused_cost" || column == "true_up_cost";
    if (s == "unlimited") {
      k.kind = sort_key::unlimited;
    } else if (auto d = is_money ? inventory::parse_decimal(s) : std::nullopt) {
      k.kind = sort_key::number;
      k.amount = d->mantissa;
      for (int i = d->scale; i < 9; ++i) k.amount *= 10;
    } else {
      k.kind = sort_key::text;
      k.folded = lower(s);
    }
  }
  return k;
}

// Strict order of two present keys of one column.
bool before(const sort_key& a, const sort_key& b) {
  if (a.kind != b.kind) return a.kind < b.kind;
  if (a.kind == sort_key::number) return a.amount < b.amount;
  return a.folded < b.folded;
}

std::vector<std::string> folded_parts(std::string_view text) {
  std::vector<std::string> parts;
  const std::string folded = lower(text);
  std::string_view rest = folded;
  while (true) {
    const auto comma = rest.find(", ");
    parts.emplace_back(rest.substr(0, comma));
    if (comma == std::string_view::npos) return parts;
    rest = rest.substr(comma + 2);
  }
}

std::optional<std::string> text_or_none(const boost::json::value& v) {
  if (!v.is_string()) return std::nullopt;
  return std::string(v.as_string());
}

bool selected(const license_row& row, const license_query& q, const std::string& folded_q,
              const std::string& folded_currency, const std::string& folded_publisher) {
  const auto& f = row.filters;
  if (!q.status.empty() && f.status != q.status) return false;
  if (!q.compliance.empty() && f.compliance != q.compliance) return false;
  if (!q.connection.empty() &&
      (q.connection == "local" ? f.connection.has_value() : f.connection != q.connection))
    return false;
  if (!q.currency.empty() &&
      (q.currency == "none" ? f.currency_folded.has_value() : f.currency_folded != folded_currency))
    return false;
  if (!q.publisher.empty() && std::find(f.publishers_folded.begin(), f.publishers_folded.end(),
                                        folded_publisher) == f.publishers_folded.end())
    return false;
  if (q.unused && f.inactive <= 0) return false;
  if (q.renewal_within && !(row.days_to_renewal && *row.days_to_renewal >= 0 &&
                            *row.days_to_renewal <= *q.renewal_within))
    return false;
  if (!folded_q.empty() &&
      std::none_of(f.texts_folded.begin(), f.texts_folded.end(), [&folded_q](const auto& text) {
        return text.find(folded_q) != std::string::npos;
      }))
    return false;
  return true;
}

}  // namespace

license_filter_fields filter_fields_of(const boost::json::object& license) {
  license_filter_fields f;
  f.status = std::string(license.at("status").as_string());
  f.compliance = std::string(license.at("compliance").as_string());
  f.connection = text_or_none(license.at("connection"));
  if (auto currency = text_or_none(license.at("currency"))) f.currency_folded = lower(*currency);
  const std::string_view publisher = license.at("publisher").as_string();
  f.publishers_folded = folded_parts(publisher);
  for (const char* field : {"name", "imported_name", "publisher"})
    if (const auto& v = license.at(field); v.is_string())
      f.texts_folded.push_back(lower(std::string_view(v.as_string())));
  for (const auto& product : license.at("products").as_array())
    if (product.is_string()) f.texts_folded.push_back(lower(std::string_view(product.as_string())));
  f.inactive = license.at("inactive").as_int64();
  return f;
}

boost::json::object license_json(const license_row& row) {
  boost::json::object l = row.report;
  l["utilisation_percent"] = or_null(row.utilisation_percent);
  l["renewal_date"] = or_null(row.renewal_date);
  l["days_to_renewal"] = or_null(row.days_to_renewal);
  return l;
}

license_set load_licenses(soci::session& sql, std::int64_t reconciliation_id,
                          const inventory::report_options& options) {
  license_set set;
  set.report = inventory::build_report(sql, reconciliation_id, options);
  const std::string as_of(set.report.at("as_of").as_string());
  const auto renewals = detail::renewal_dates(sql, as_of);
  auto& licenses = set.report.at("licenses").as_array();
  set.rows.reserve(licenses.size());
  for (const auto& v : licenses) {
    license_row row;
    row.report = v.as_object();
    row.utilisation_percent = utilisation_of(row.report);
    row.filters = filter_fields_of(row.report);
    if (auto it = renewals.find(row.report.at("id").as_int64()); it != renewals.end()) {
      row.renewal_date = it->second;
      row.days_to_renewal = inventory::days_between(as_of, it->second);
    }
    set.rows.push_back(std::move(row));
  }
  // The rows hold the licenses now; the report keeps its other fields.
  licenses.clear();
  return set;
}

std::vector<const license_row*> select_rows(const std::vector<license_row>& rows,
                                            const license_query& query) {
  const std::string folded_q = lower(query.q);
  const std::string folded_currency = lower(query.currency);
  const std::string folded_publisher = lower(query.publisher);
  std::vector<std::pair<sort_key, const license_row*>> keyed;
  for (const auto& row : rows)
    if (selected(row, query, folded_q, folded_currency, folded_publisher))
      keyed.emplace_back(query.sort.empty() ? sort_key{} : key_of(row, query.sort), &row);
  if (!query.sort.empty())
    std::stable_sort(keyed.begin(), keyed.end(), [&query](const auto& a, const auto& b) {
      const bool a_null = a.first.kind == sort_key::nothing;
      const bool b_null = b.first.kind == sort_key::nothing;
      if (a_null || b_null) return !a_null && b_null;
      return query.descending ? before(b.first, a.first) : before(a.first, b.first);
    });
  std::vector<const license_row*> out;
  out.reserve(keyed.size());
  for (const auto& [key, row] : keyed) out.push_back(row);
  return out;
}

std::vector<license_row> filter_and_sort(const std::vector<license_row>& rows,
                                         const license_query& query) {
  std::vector<license_row> out;
  for (const auto* row : select_rows(rows, query)) out.push_back(*row);
  return out;
}

license_list_page license_list(const license_set& set, const license_query& query) {
  return license_list(select_rows(set.rows, query), query);
}

license_list_page license_list(const std::vector<const license_row*>& all,
                               const license_query& query) {
  license_list_page page;
  // Only the page's rows are copied: a large tenant has thousands, a page 50.
  page.total = static_cast<std::int64_t>(all.size());
  page.page = query.page;
  page.per_page = query.per_page;
  page.pages = (page.total + page.per_page - 1) / page.per_page;
  // page and per_page are bounded by the query's parser, so the product fits.
  const std::int64_t first = (query.page - 1) * query.per_page;
  for (std::int64_t i = first; i < std::min(page.total, first + query.per_page); ++i)
    page.rows.push_back(*all[static_cast<std::size_t>(i)]);
  return page;
}

boost::json::object license_list_json(const license_set& set, const license_query& query) {
  boost::json::object report = set.report;
  boost::json::array licenses;
  for (const auto* row : select_rows(set.rows, query)) licenses.emplace_back(license_json(*row));
  report["licenses"] = std::move(licenses);
  inventory::set_report_totals(report);
  return report;
}

std::string license_list_csv(const license_set& set, const license_query& query) {
  return inventory::report_csv(license_list_json(set, query), list_columns());
}

}  // namespace invhost::views
