// Exact money: integers in a currency's minor unit, parsed from and printed as decimal text.
// Never a double.
#ifndef INVHOST_INVENTORY_MONEY_HPP
#define INVHOST_INVENTORY_MONEY_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace invhost::inventory {

// A decimal read exactly: value = mantissa / 10^scale. 15 integer digits and 9 decimals need
// more than 64 bits.
__extension__ using wide_int = __int128;
struct decimal {
  wide_int mantissa = 0;
  int scale = 0;
};

// Parses "-12", "12.5", "0.125". Empty, malformed, or beyond 15 integer digits or 9 decimals
// (trailing zeros aside): nullopt.
std::optional<decimal> parse_decimal(std::string_view text);

// The ISO 4217 minor unit of a currency code (0 for JPY, 3 for KWD, 2 for most); nullopt for
// a code that is not in ISO 4217. The one place that knows them.
std::optional<int> iso_minor_unit(std::string_view code);

// Decimals an amount of this currency is kept with: its minor unit, or for a code outside
// ISO 4217 the most a source may give (4), shown without trailing zeros.
inline constexpr int max_unknown_currency_scale = 4;
int stored_scale(std::string_view currency);

// value / divisor rounded half away from zero to `scale` decimals, as an integer of
// 10^-scale units. divisor must be > 0. Throws std::overflow_error beyond 64 bits.
std::int64_t to_minor_divided(const decimal& value, std::int64_t divisor, int scale);

// An amount of 10^-from units in 10^-to units (to >= from); throws std::overflow_error.
std::int64_t rescale(std::int64_t amount, int from, int to);

// a * b and a + b, or std::overflow_error.
std::int64_t checked_multiply(std::int64_t a, std::int64_t b);
std::int64_t checked_add(std::int64_t a, std::int64_t b);

// Formats an amount kept at stored_scale(currency): "1.234" KWD, "1500" JPY, "1234.50" USD.
std::string format_money(std::int64_t amount, std::string_view currency);

// Two-decimal forms, for amounts that carry no currency.
std::int64_t to_cents_divided(const decimal& value, std::int64_t divisor);
std::string format_cents(std::int64_t cents);

}  // namespace invhost::inventory

#endif
