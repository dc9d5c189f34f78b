#include "invhost/inventory/money.hpp"

#include <cstdlib>
#include <limits>
#include <stdexcept>

namespace invhost::inventory {

std::optional<decimal> parse_decimal(std::string_view text) {
  if (text.empty() || text.size() > 40) return std::nullopt;
  bool negative = false;
  std::size_t i = 0;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    ++i;
  }
  decimal d;
  int digits = 0;
  bool seen_point = false;
  bool any_digit = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.') {
      if (seen_point) return std::nullopt;
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    any_digit = true;
    if (seen_point) {
      if (d.scale == 9) {
        if (c != '0') return std::nullopt;  // more precision than any currency carries
        continue;
      }
      ++d.scale;
    }
    if (d.mantissa != 0 || c != '0') ++digits;
    if (digits > 15) return std::nullopt;
    d.mantissa = d.mantissa * 10 + (c - '0');
  }
  if (!any_digit) return std::nullopt;
  if (negative) d.mantissa = -d.mantissa;
  return d;
}

std::int64_t to_cents_divided(const decimal& value, std::int64_t divisor) {
  if (divisor <= 0) throw std::invalid_argument("divisor must be positive");
  // cents = mantissa * 100 / (10^scale * divisor). Bring to a common integer ratio.
  std::int64_t numerator = value.mantissa;
  std::int64_t denominator = divisor;
  int scale = value.scale;
  if (scale <= 2) {
    for (int k = scale; k < 2; ++k) numerator *= 10;  // |mantissa| < 10^15: fits
  } else {
    for (int k = 2; k < scale; ++k) {
      if (denominator > std::numeric_limits<std::int64_t>::max() / 10)
        throw std::overflow_error("amount out of range");
      denominator *= 10;
    }
  }
  const bool negative = numerator < 0;
  const std::int64_t n = negative ? -numerator : numerator;
  std::int64_t q = n / denominator;
  const std::int64_t r = n % denominator;
  if (r >= denominator - r) ++q;  // r/denominator >= 1/2: half away from zero
  return negative ? -q : q;
}

std::string format_cents(std::int64_t cents) {
  const bool negative = cents < 0;
  const std::uint64_t v =
      negative ? static_cast<std::uint64_t>(-(cents + 1)) + 1U : static_cast<std::uint64_t>(cents);
  // Built by appending only: GCC 12 at -O3 misreports string::insert as an overlapping copy.
  const std::uint64_t fraction = v % 100U;
  std::string out;
  if (negative) out += '-';
  out += std::to_string(v / 100U);
  out += '.';
  out += static_cast<char>('0' + fraction / 10U);
  out += static_cast<char>('0' + fraction % 10U);
  return out;
}

}  // namespace invhost::inventory
