// The value grammars of adapter.h ("Values and limits") as checks, for adapters that want to
// refuse a bad value where they read it and for the host that enforces them. Header-only.
#ifndef INVSDK_VALUES_HPP
#define INVSDK_VALUES_HPP

#include <invsdk/adapter.h>

#include <cstdint>
#include <string_view>

namespace invsdk {

// Why text is not a money value of the ABI, or nullptr when it is one. Empty text (unknown)
// is accepted.
constexpr const char* money_text_problem(std::string_view text) noexcept {
  if (text.empty()) return nullptr;
  // Checked last, so that a number out of bounds is named for its digits: leading or trailing
  // zeros are all that can make a text within the bounds longer than this.
  const char* const length_problem =
      text.size() > INVSDK_MAX_MONEY_TEXT_BYTES ? "is longer than 64 characters" : nullptr;
  std::size_t i = 0;
  if (text[0] == '-') return "is negative";
  std::size_t integer_digits = 0;
  bool leading = true;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    if (leading && text[i] == '0') continue;
    leading = false;
    ++integer_digits;
  }
  if (i == 0) return "is not a decimal number";
  if (integer_digits > INVSDK_MAX_MONEY_INTEGER_DIGITS) return "has more than 15 integer digits";
  if (i == text.size()) return length_problem;
  if (text[i] != '.') return "is not a decimal number";
  const std::size_t fraction_start = ++i;
  std::size_t significant_fraction = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
    if (text[i] != '0') significant_fraction = i - fraction_start + 1;
  if (i == fraction_start || i != text.size()) return "is not a decimal number";
  if (significant_fraction > INVSDK_MAX_MONEY_FRACTION_DIGITS) return "has more than 9 decimals";
  return length_problem;
}

// Why text is not a currency code of the ABI (three capital ASCII letters, ISO 4217 or the
// source's own), or nullptr when it is one. Empty text (not given) is accepted.
constexpr const char* currency_text_problem(std::string_view text) noexcept {
  if (text.empty()) return nullptr;
  if (text.size() != 3) return "is not three capital letters";
  for (const char c : text)
    if (c < 'A' || c > 'Z') return "is not three capital letters";
  return nullptr;
}

namespace detail {

constexpr bool digits_at(std::string_view t, std::size_t at, std::size_t n) noexcept {
  if (t.size() < at + n) return false;
  for (std::size_t i = at; i < at + n; ++i)
    if (t[i] < '0' || t[i] > '9') return false;
  return true;
}

constexpr int number_at(std::string_view t, std::size_t at, std::size_t n) noexcept {
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (t[i] - '0');
  return v;
}

constexpr int days_in_month(int year, int month) noexcept {
  constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

}  // namespace detail

// Why text is not a date-time of the ABI, or nullptr when it is one: "YYYY-MM-DD", optionally
// followed by "Thh:mm:ss", a fraction of digits, and "Z" or an offset "+hh:mm" / "-hh:mm".
// Empty text (not given) is accepted.
constexpr const char* date_time_text_problem(std::string_view t) noexcept {
  if (t.empty()) return nullptr;
  constexpr const char* bad = "is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DDThh:mm:ssZ)";
  using detail::digits_at;
  using detail::number_at;
  if (!digits_at(t, 0, 4) || t.size() < 10 || t[4] != '-' || !digits_at(t, 5, 2) || t[7] != '-' ||
      !digits_at(t, 8, 2))
    return bad;
  const int month = number_at(t, 5, 2);
  const int day = number_at(t, 8, 2);
  if (month < 1 || month > 12 || day < 1 || day > detail::days_in_month(number_at(t, 0, 4), month))
    return "names no calendar date";
  if (t.size() == 10) return nullptr;
  if (t[10] != 'T' || !digits_at(t, 11, 2) || t.size() < 19 || t[13] != ':' ||
      !digits_at(t, 14, 2) || t[16] != ':' || !digits_at(t, 17, 2))
    return bad;
  if (number_at(t, 11, 2) > 23 || number_at(t, 14, 2) > 59 || number_at(t, 17, 2) > 60)
    return "names no time of day";
  std::size_t i = 19;
  if (i < t.size() && t[i] == '.') {
    const std::size_t start = ++i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    if (i == start) return bad;
  }
  if (i == t.size()) return nullptr;  // a local time as the source gave it
  if (t[i] == 'Z') return i + 1 == t.size() ? nullptr : bad;
  if ((t[i] != '+' && t[i] != '-') || t.size() != i + 6 || !digits_at(t, i + 1, 2) ||
      t[i + 3] != ':' || !digits_at(t, i + 4, 2))
    return bad;
  if (number_at(t, i + 1, 2) > 23 || number_at(t, i + 4, 2) > 59) return "has no valid offset";
  return nullptr;
}

// Why text is not an email address of the ABI, or nullptr when it is one: a local part, '@'
// and a domain, each non-empty, with no space and no control character. Empty text (not given)
// is accepted. Deliberately loose: the address is kept as the source gave it.
constexpr const char* email_text_problem(std::string_view t) noexcept {
  if (t.empty()) return nullptr;
  for (const char c : t) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F) return "holds a space or a control character";
  }
  const std::size_t at = t.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == t.size())
    return "is not an address (local part, '@', domain)";
  return nullptr;
}

// True when n is a count the ABI accepts (items_allowed).
constexpr bool count_in_bounds(std::int64_t n) noexcept {
  return n >= 0 && n <= INVSDK_MAX_ITEMS_ALLOWED;
}

}  // namespace invsdk

#endif
