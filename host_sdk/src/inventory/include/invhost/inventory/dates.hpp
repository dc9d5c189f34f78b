// Calendar dates (UTC) as the reconciliation uses them: YYYY-MM-DD text.
#ifndef INVHOST_INVENTORY_DATES_HPP
#define INVHOST_INVENTORY_DATES_HPP

#include <optional>
#include <string>
#include <string_view>

namespace invhost::inventory {

// The UTC calendar date of an ISO 8601 timestamp or date ("2024-03-01T23:30:00-02:00" is
// 2024-03-02). nullopt when the text is not a date.
std::optional<std::string> utc_date_of(std::string_view iso);

// True when text is a valid YYYY-MM-DD date.
bool is_valid_date(std::string_view text);

// date minus days, as YYYY-MM-DD. date must be valid.
std::string minus_days(std::string_view date, int days);

// Whole days from `from` to `to` (both YYYY-MM-DD; negative when `to` is earlier). nullopt when
// either is not a date.
std::optional<long long> days_between(std::string_view from, std::string_view to);

// Today's UTC date.
std::string today_utc();

// Now as ISO 8601 UTC with seconds ("2024-03-01T12:00:00Z").
std::string now_utc_iso();

}  // namespace invhost::inventory

#endif
