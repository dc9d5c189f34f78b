// Exact money: integer cents, parsed from and printed as decimal text. Never a double.
#ifndef INVHOST_INVENTORY_MONEY_HPP
#define INVHOST_INVENTORY_MONEY_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace invhost::inventory {

// A decimal read exactly: value = mantissa / 10^scale.
struct decimal {
  std::int64_t mantissa = 0;
  int scale = 0;
};

// Parses "-12", "12.5", "0.125". Empty, malformed, or beyond 15 significant digits or 9
// decimals: nullopt.
std::optional<decimal> parse_decimal(std::string_view text);

// value / divisor rounded half away from zero to the cent. divisor must be > 0.
std::int64_t to_cents_divided(const decimal& value, std::int64_t divisor);

// Formats cents as "-12.50".
std::string format_cents(std::int64_t cents);

}  // namespace invhost::inventory

#endif
