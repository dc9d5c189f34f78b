// Fuzzes the value grammars the host sink enforces (invsdk/values.hpp) against the host's own
// exact money arithmetic (invhost/inventory/money.hpp).
// Input: a currency code, a newline, then a money text (also tried as a date-time).
//
// Beyond "no crash": money text the ABI accepts is read exactly and is never negative; an
// amount in a currency's kept scale either fits 64 bits or is refused with overflow_error (never
// wrapped); printing it then reading the print gives the same amount back; and a date-time the
// sink accepts names a date the reconciliation can read (none is silently taken as absent).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <invhost/inventory/dates.hpp>
#include <invhost/inventory/money.hpp>
#include <invsdk/values.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace {

using invhost::inventory::decimal;

void check_money(std::string_view currency, std::string_view text) {
  if (invsdk::money_text_problem(text) != nullptr || text.empty()) return;
  const auto value = invhost::inventory::parse_decimal(text);
  if (!value || value->mantissa < 0) std::abort();  // accepted by the sink, refused by the host
  const int scale = invhost::inventory::stored_scale(currency);
  std::int64_t amount = 0;
  try {
    amount = invhost::inventory::to_minor_divided(*value, 1, scale);
  } catch (const std::overflow_error&) {
    return;  // refused, not wrapped
  }
  if (amount < 0) std::abort();
  const std::string printed = invhost::inventory::format_money(amount, currency);
  const auto again = invhost::inventory::parse_decimal(printed);
  if (!again) {
    // Only rounding up to 10^15 may print 16 integer digits, which no source may send.
    std::int64_t bound = 1'000'000'000'000'000;
    for (int i = 0; i < scale; ++i) bound *= 10;
    if (amount < bound) std::abort();
    return;
  }
  if (invhost::inventory::to_minor_divided(*again, 1, scale) != amount) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  const std::string_view currency = input.substr(0, newline);
  const std::string_view money = input.substr(newline + 1);
  if (invsdk::currency_text_problem(currency) != nullptr) return 0;
  check_money(currency, money);
  if (invsdk::date_time_text_problem(money) == nullptr && !money.empty()) {
    const auto day = invhost::inventory::utc_date_of(money);
    if (!day || !invhost::inventory::is_valid_date(*day)) std::abort();
  }
  return 0;
}
