#include "invhost/views/license_query.hpp"

#include <algorithm>
#include <charconv>
#include <invhost/inventory/dates.hpp>

namespace invhost::views {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding as forms encode; nullopt for a broken escape.
std::optional<std::string> url_decode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out += ' ';
    } else if (in[i] == '%') {
      if (i + 2 >= in.size()) return std::nullopt;
      const int hi = hex_value(in[i + 1]), lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += in[i];
    }
  }
  return out;
}

std::string url_encode(std::string_view in) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : in) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += digits[c >> 4U];
      out += digits[c & 15U];
    }
  }
  return out;
}

std::optional<std::int64_t> whole_number(std::string_view text, std::int64_t low,
                                         std::int64_t high) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < low || v > high)
    return std::nullopt;
  return v;
}

bool one_of(std::string_view value, std::initializer_list<std::string_view> allowed) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

}  // namespace

const std::vector<std::string>& sortable_columns() {
  static const std::vector<std::string> columns = {
      "id",           "connection",     "external_id", "name",           "imported_name",
      "publisher",    "type",           "status",      "entitled",       "consumed",
      "available",    "shortfall",      "inactive",    "external_users", "compliance",
      "currency",     "per_user_cost",  "unused_cost", "true_up_cost",   "utilisation",
      "renewal_date", "days_to_renewal"};
  return columns;
}

parsed_license_query parse_license_query(std::string_view query_string) {
  parsed_license_query out;
  auto& q = out.query;
  auto fail = [&](std::string parameter, std::string message) {
    out.errors.push_back({std::move(parameter), std::move(message)});
  };
  if (query_string.size() > max_query_string) {
    fail("query", "longer than " + std::to_string(max_query_string) + " characters");
    return out;
  }
  while (!query_string.empty()) {
    const auto amp = query_string.find('&');
    const auto pair = query_string.substr(0, amp);
    query_string =
        amp == std::string_view::npos ? std::string_view() : query_string.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    const auto key = url_decode(pair.substr(0, eq));
    const auto value =
        url_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    if (!key || !value) {
      fail(key ? *key : "query", "has a broken %-escape");
      continue;
    }
    const std::string& v = *value;
    if (*key == "status") {
      if (!one_of(v, {"", "active", "retired"})) fail("status", "is active or retired");
      q.status = v;
    } else if (*key == "compliance") {
      if (!one_of(v, {"", "compliant", "non-compliant", "not-applicable"}))
        fail("compliance", "is compliant, non-compliant or not-applicable");
      q.compliance = v;
    } else if (*key == "connection" || *key == "publisher" || *key == "currency" || *key == "q") {
      if (v.size() > max_query_text) {
        fail(*key, "is longer than " + std::to_string(max_query_text) + " characters");
        continue;
      }
      (*key == "connection"  ? q.connection
       : *key == "publisher" ? q.publisher
       : *key == "currency"  ? q.currency
                             : q.q) = v;
    } else if (*key == "renewal_within") {
      if (v.empty()) {
        q.renewal_within.reset();
      } else if (auto n = whole_number(v, 0, max_renewal_within_days)) {
        q.renewal_within = *n;
      } else {
        fail("renewal_within",
             "is a number of days from 0 to " + std::to_string(max_renewal_within_days));
      }
    } else if (*key == "unused") {
      if (!one_of(v, {"", "yes", "no"})) fail("unused", "is yes or no");
      q.unused = v == "yes";
    } else if (*key == "sort") {
      const bool descending = !v.empty() && v.front() == '-';
      const std::string column = descending ? v.substr(1) : v;
      const auto& columns = sortable_columns();
      if (column.empty()) {
        q.sort = "name";
        q.descending = false;
      } else if (std::find(columns.begin(), columns.end(), column) == columns.end()) {
        fail("sort", "is a column of the list, with - before it for descending order");
      } else {
        q.sort = column;
        q.descending = descending;
      }
    } else if (*key == "page") {
      if (auto n = whole_number(v, 1, max_page))
        q.page = *n;
      else
        fail("page", "is a number from 1 to " + std::to_string(max_page));
    } else if (*key == "per_page") {
      if (auto n = whole_number(v, 1, max_per_page))
        q.per_page = *n;
      else
        fail("per_page", "is a number from 1 to " + std::to_string(max_per_page));
    } else if (*key == "as_of") {
      if (!v.empty() && !inventory::is_valid_date(v)) fail("as_of", "is a date, YYYY-MM-DD");
      q.as_of = v;
    }
  }
  return out;
}

std::string to_query_string(const license_query& q) {
  std::string out;
  auto add = [&out](std::string_view key, std::string_view value) {
    if (value.empty()) return;
    out += out.empty() ? "" : "&";
    out += key;
    out += '=';
    out += url_encode(value);
  };
  add("status", q.status);
  add("compliance", q.compliance);
  add("connection", q.connection);
  add("publisher", q.publisher);
  add("currency", q.currency);
  add("q", q.q);
  if (q.renewal_within) add("renewal_within", std::to_string(*q.renewal_within));
  if (q.unused) add("unused", "yes");
  if (q.sort != "name" || q.descending) add("sort", (q.descending ? "-" : "") + q.sort);
  if (q.page != 1) add("page", std::to_string(q.page));
  if (q.per_page != default_per_page) add("per_page", std::to_string(q.per_page));
  add("as_of", q.as_of);
  return out;
}

}  // namespace invhost::views
