#include "invhost/inventory/money.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <stdexcept>

namespace invhost::inventory {
namespace {

// ISO 4217 active codes. Their minor unit is 2 unless listed below with 0 or 3 (the rule the
// reports follow: semantics "currency minor units").
constexpr std::string_view iso_codes =
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP "
    "BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP "
    "GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR "
    "KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK "
    "MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR "
    "SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS "
    "UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL";
constexpr std::array<std::string_view, 5> no_decimals{"JPY", "KRW", "ISK", "CLP", "VND"};
constexpr std::array<std::string_view, 7> three_decimals{"KWD", "BHD", "JOD", "OMR",
                                                         "TND", "IQD", "LYD"};

wide_int power_of_ten(int n) {
  wide_int p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

std::int64_t narrow(wide_int v) {
  if (v > std::numeric_limits<std::int64_t>::max() || v < std::numeric_limits<std::int64_t>::min())
    throw std::overflow_error("amount beyond 64 bits");
  return static_cast<std::int64_t>(v);
}

}  // namespace

std::optional<decimal> parse_decimal(std::string_view text) {
  // 64: the ABI's INVSDK_MAX_MONEY_TEXT_BYTES, which the sink enforces before a text gets here.
  if (text.empty() || text.size() > 64) return std::nullopt;
  bool negative = false;
  std::size_t i = 0;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    ++i;
  }
  decimal d;
  int integer_digits = 0;
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
        if (c != '0') return std::nullopt;  // more precision than any money carries
        continue;
      }
      ++d.scale;
    } else if (d.mantissa != 0 || c != '0') {
      if (++integer_digits > 15) return std::nullopt;
    }
    d.mantissa = d.mantissa * 10 + (c - '0');
  }
  if (!any_digit) return std::nullopt;
  if (negative) d.mantissa = -d.mantissa;
  return d;
}

std::optional<int> iso_minor_unit(std::string_view code) {
  if (code.size() != 3 ||
      !std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
    return std::nullopt;
  if (std::find(no_decimals.begin(), no_decimals.end(), code) != no_decimals.end()) return 0;
  if (std::find(three_decimals.begin(), three_decimals.end(), code) != three_decimals.end())
    return 3;
  for (std::size_t at = 0; at + 3 <= iso_codes.size(); at += 4)
    if (iso_codes.substr(at, 3) == code) return 2;
  return std::nullopt;
}

int stored_scale(std::string_view currency) {
  return iso_minor_unit(currency).value_or(max_unknown_currency_scale);
}

std::int64_t to_minor_divided(const decimal& value, std::int64_t divisor, int scale) {
  if (divisor <= 0) throw std::invalid_argument("divisor must be positive");
  // minor = mantissa * 10^scale / (10^value.scale * divisor), in 128 bits: |mantissa| < 10^24.
  wide_int numerator = value.mantissa;
  wide_int denominator = divisor;
  if (scale >= value.scale)
    numerator *= power_of_ten(scale - value.scale);
  else
    denominator *= power_of_ten(value.scale - scale);
  const bool negative = numerator < 0;
  const wide_int n = negative ? -numerator : numerator;
  wide_int q = n / denominator;
  const wide_int r = n % denominator;
  if (r >= denominator - r) ++q;  // r/denominator >= 1/2: half away from zero
  return narrow(negative ? -q : q);
}

std::int64_t rescale(std::int64_t amount, int from, int to) {
  if (to < from) throw std::invalid_argument("rescale only adds decimals");
  return narrow(static_cast<wide_int>(amount) * power_of_ten(to - from));
}

std::int64_t checked_multiply(std::int64_t a, std::int64_t b) {
  std::int64_t out = 0;
  if (__builtin_mul_overflow(a, b, &out)) throw std::overflow_error("amount beyond 64 bits");
  return out;
}

std::int64_t checked_add(std::int64_t a, std::int64_t b) {
  std::int64_t out = 0;
  if (__builtin_add_overflow(a, b, &out)) throw std::overflow_error("sum beyond 64 bits");
  return out;
}

std::string format_money(std::int64_t amount, std::string_view currency) {
  const auto minor = iso_minor_unit(currency);
  const int scale = minor.value_or(max_unknown_currency_scale);
  const bool negative = amount < 0;
  const std::uint64_t v = negative ? static_cast<std::uint64_t>(-(amount + 1)) + 1U
                                   : static_cast<std::uint64_t>(amount);
  std::uint64_t unit = 1;
  for (int i = 0; i < scale; ++i) unit *= 10U;
  std::string fraction;
  if (scale > 0) {
    fraction = std::to_string(v % unit);
    fraction.insert(0, static_cast<std::size_t>(scale) - fraction.size(), '0');
  }
  // A code outside ISO 4217 is kept at 4 decimals but shown as the source gave it.
  if (!minor)
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  // Built by appending: GCC 12 at -O3 misreports string::insert into itself as overlapping.
  std::string out;
  if (negative) out += '-';
  out += std::to_string(v / unit);
  if (!fraction.empty()) {
    out += '.';
    out += fraction;
  }
  return out;
}

std::int64_t to_cents_divided(const decimal& value, std::int64_t divisor) {
  return to_minor_divided(value, divisor, 2);
}

std::string format_cents(std::int64_t cents) {
  return format_money(cents, "USD");
}

}  // namespace invhost::inventory
