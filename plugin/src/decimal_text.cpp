#include <array>
#include <charconv>
#include <cmath>
#include <fsm/decimal_text.hpp>

namespace fsm {
namespace {

bool digit(char c) {
  return c >= '0' && c <= '9';
}

// Adds one unit in the last place of a string of digits; returns false when it overflowed
// ("999" -> "000").
bool increment(std::string& digits) {
  for (size_t i = digits.size(); i-- > 0;) {
    if (digits[i] != '9') {
      ++digits[i];
      return true;
    }
    digits[i] = '0';
  }
  return false;
}

}  // namespace

std::optional<std::string> decimal_from_number_text(std::string_view t) {
  size_t i = 0;
  bool negative = false;
  if (i < t.size() && t[i] == '-') {
    negative = true;
    ++i;
  }
  const size_t int_start = i;
  while (i < t.size() && digit(t[i])) ++i;
  std::string int_digits(t.substr(int_start, i - int_start));
  if (int_digits.empty()) return std::nullopt;
  if (int_digits.size() > 1 && int_digits[0] == '0') return std::nullopt;  // JSON forbids 01
  std::string frac_digits;
  if (i < t.size() && t[i] == '.') {
    ++i;
    const size_t f = i;
    while (i < t.size() && digit(t[i])) ++i;
    if (i == f) return std::nullopt;
    frac_digits = std::string(t.substr(f, i - f));
  }
  long exponent = 0;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) exp_negative = t[i++] == '-';
    const size_t e = i;
    while (i < t.size() && digit(t[i])) {
      exponent = exponent * 10 + (t[i] - '0');
      if (exponent > 400) return std::nullopt;
      ++i;
    }
    if (i == e) return std::nullopt;
    if (exp_negative) exponent = -exponent;
  }
  if (i != t.size()) return std::nullopt;
  if (int_digits.size() + frac_digits.size() > 1000) return std::nullopt;

  // Shift the decimal point by the exponent.
  std::string all = int_digits + frac_digits;
  long point = static_cast<long>(int_digits.size()) + exponent;  // digits before the point
  if (point <= 0) {
    all.insert(0, static_cast<size_t>(-point) + 1, '0');
    point = 1;
  } else if (point > static_cast<long>(all.size())) {
    all.append(static_cast<size_t>(point) - all.size(), '0');
  }
  std::string whole = all.substr(0, static_cast<size_t>(point));
  std::string frac = all.substr(static_cast<size_t>(point));

  // Round half away from zero to the kept fraction digits (sign applied afterwards).
  if (frac.size() > static_cast<size_t>(money_fraction_digits)) {
    const bool up = frac[static_cast<size_t>(money_fraction_digits)] >= '5';
    frac.resize(static_cast<size_t>(money_fraction_digits));
    if (up && !increment(frac)) {
      if (!increment(whole)) whole.insert(0, 1, '1');
    }
  }
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  const size_t nz = whole.find_first_not_of('0');
  whole = nz == std::string::npos ? "0" : whole.substr(nz);

  const bool zero = whole == "0" && frac.empty();
  std::string out = (negative && !zero) ? "-" : "";
  out += whole;
  if (!frac.empty()) out += "." + frac;
  return out;
}

std::optional<std::string> decimal_from_double(double value) {
  if (!std::isfinite(value)) return std::nullopt;
  std::array<char, 64> buf{};
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  if (r.ec != std::errc{}) return std::nullopt;
  return decimal_from_number_text(
      std::string_view(buf.data(), static_cast<size_t>(r.ptr - buf.data())));
}

std::string decimal_from_integer(int64_t value) {
  return std::to_string(value);
}

}  // namespace fsm
