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
  if (i == text.size()) return nullptr;
  if (text[i] != '.') return "is not a decimal number";
  const std::size_t fraction_start = ++i;
  std::size_t significant_fraction = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
    if (text[i] != '0') significant_fraction = i - fraction_start + 1;
  if (i == fraction_start || i != text.size()) return "is not a decimal number";
  if (significant_fraction > INVSDK_MAX_MONEY_FRACTION_DIGITS) return "has more than 9 decimals";
  return nullptr;
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

// True when n is a count the ABI accepts (items_allowed).
constexpr bool count_in_bounds(std::int64_t n) noexcept {
  return n >= 0 && n <= INVSDK_MAX_ITEMS_ALLOWED;
}

}  // namespace invsdk

#endif
