// Calendar helpers: the tenant's dates are days relative to a reference date, printed the way the
// FSM API prints them ("2019-10-15T16:05:36.1000Z").
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace fsmsim {

using days_t = std::chrono::sys_days;

// Today's date in UTC.
days_t today_utc();

// Parses "YYYY-MM-DD" (exactly); nullopt when malformed or not a real date.
std::optional<days_t> parse_date(std::string_view text);

// "YYYY-MM-DD".
std::string format_date(days_t day);

// "YYYY-MM-DDTHH:MM:SS.FFFFZ" for `day` plus `seconds_into_day` (0..86399) and 4 fraction digits.
std::string format_timestamp(days_t day, unsigned seconds_into_day, unsigned fraction = 0);

}  // namespace fsmsim
