// Money as decimal text: JSON numbers turned into exact decimal strings, never kept as doubles.
#ifndef FSM_DECIMAL_TEXT_HPP
#define FSM_DECIMAL_TEXT_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fsm {

// Fraction digits kept: amounts with more are rounded half away from zero.
inline constexpr int money_fraction_digits = 6;

// The decimal text of a JSON number as written ("1.5e3" -> "1500", "12.340" -> "12.34",
// "0.1234567" -> "0.123457"), without exponent and without trailing fraction zeros.
// nullopt when text is not a JSON number or its exponent is beyond +-400.
std::optional<std::string> decimal_from_number_text(std::string_view text);

// For a number only available as a double: its shortest round-trip text, then as above.
// nullopt for NaN and infinities.
std::optional<std::string> decimal_from_double(double value);

std::string decimal_from_integer(int64_t value);

}  // namespace fsm

#endif  // FSM_DECIMAL_TEXT_HPP
