#include "field_checks.hpp"

#include <cctype>
#include <invsdk/record_kinds.hpp>

namespace file_import {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads exactly n digits at pos into value; false when they are not all digits.
bool read_digits(std::string_view s, size_t pos, size_t n, int& value) {
  if (pos + n > s.size()) return false;
  value = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (!is_digit(c)) return false;
    value = value * 10 + (c - '0');
  }
  return true;
}

int days_in_month(int year, int month) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && leap) return 29;
  return days[month - 1];
}

}  // namespace

std::optional<std::string> check_iso8601(std::string_view s) {
  const std::string expected =
      "expected an ISO 8601 date such as 2024-01-31 or 2024-01-31T08:00:00Z";
  int year = 0, month = 0, day = 0;
  if (!read_digits(s, 0, 4, year) || s.size() < 10 || s[4] != '-' || !read_digits(s, 5, 2, month) ||
      s[7] != '-' || !read_digits(s, 8, 2, day))
    return expected;
  if (month < 1 || month > 12) return "month out of range";
  if (day < 1 || day > days_in_month(year, month)) return "day out of range for its month";
  if (s.size() == 10) return std::nullopt;

  size_t pos = 10;
  if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return expected;
  ++pos;
  int hour = 0, minute = 0, second = 0;
  if (!read_digits(s, pos, 2, hour) || pos + 2 >= s.size() || s[pos + 2] != ':' ||
      !read_digits(s, pos + 3, 2, minute))
    return expected;
  pos += 5;
  if (hour > 23 || minute > 59) return "time of day out of range";
  if (pos < s.size() && s[pos] == ':') {
    if (!read_digits(s, pos + 1, 2, second)) return expected;
    if (second > 60) return "seconds out of range";  // 60: a leap second
    pos += 3;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      const size_t start = pos;
      while (pos < s.size() && is_digit(s[pos])) ++pos;
      if (pos == start || pos - start > 9) return "bad fraction of a second";
    }
  }
  if (pos == s.size()) return std::nullopt;  // local time without a zone
  if (s[pos] == 'Z' || s[pos] == 'z')
    return pos + 1 == s.size() ? std::nullopt : std::optional(expected);
  if (s[pos] == '+' || s[pos] == '-') {
    int zh = 0, zm = 0;
    if (!read_digits(s, pos + 1, 2, zh)) return expected;
    size_t p = pos + 3;
    if (p < s.size() && s[p] == ':') ++p;
    if (!read_digits(s, p, 2, zm) || p + 2 != s.size()) return expected;
    if (zh > 23 || zm > 59) return "zone offset out of range";
    return std::nullopt;
  }
  return expected;
}

std::optional<std::string> check_money(std::string_view s) {
  const std::string expected = "expected a decimal amount such as 1234.50 (at most 6 decimals)";
  size_t pos = 0;
  if (pos < s.size() && s[pos] == '-') ++pos;
  const size_t int_start = pos;
  while (pos < s.size() && is_digit(s[pos])) ++pos;
  const size_t int_digits = pos - int_start;
  if (int_digits == 0) return expected;
  if (int_digits > 18) return "amount too large";
  if (pos == s.size()) return std::nullopt;
  if (s[pos] != '.') return expected;
  ++pos;
  const size_t frac_start = pos;
  while (pos < s.size() && is_digit(s[pos])) ++pos;
  const size_t frac_digits = pos - frac_start;
  if (frac_digits < 1 || frac_digits > 6 || pos != s.size()) return expected;
  return std::nullopt;
}

std::optional<std::string> check_currency(std::string_view s) {
  if (s.size() != 3) return "expected a 3-letter ISO 4217 currency code such as EUR";
  for (char c : s)
    if (c < 'A' || c > 'Z') return "expected a 3-letter upper-case currency code such as EUR";
  return std::nullopt;
}

std::optional<std::string> check_email(std::string_view s) {
  const auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == s.size() ||
      s.find('@', at + 1) != std::string_view::npos)
    return "expected an e-mail address with one '@'";
  for (char c : s)
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return "an e-mail address has no spaces";
  return std::nullopt;
}

std::optional<invsdk_tristate> parse_tristate(std::string_view s) {
  if (s.empty()) return INVSDK_UNKNOWN;
  if (s == "true") return INVSDK_TRUE;
  if (s == "false") return INVSDK_FALSE;
  return std::nullopt;
}

// The texts are the host's own (record_kinds.hpp), so a file can say what a report shows.
std::optional<invsdk_term_type> parse_term_type(std::string_view s) {
  const invsdk_term_type t = invsdk::term_type_of(s);
  return t < 0 ? std::nullopt : std::optional<invsdk_term_type>(t);
}

std::optional<invsdk_license_type> parse_license_type(std::string_view s) {
  if (s.empty()) return 0;
  const invsdk_license_type t = invsdk::license_type_of(s);
  return t < 0 ? std::nullopt : std::optional<invsdk_license_type>(t);
}

std::optional<int64_t> parse_count(std::string_view s, int64_t max) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  int64_t v = 0;
  for (char c : s) {
    if (!is_digit(c)) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v > max) return std::nullopt;
  return v;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace file_import
