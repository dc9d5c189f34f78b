// Calendar dates and instants (UTC) as the host's own records write them: "YYYY-MM-DD" and
// "YYYY-MM-DDTHH:MM:SS[.fff]Z". Used where the host counts days or hours between them.
#ifndef INVHOST_CALENDAR_HPP
#define INVHOST_CALENDAR_HPP

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace invhost {

using utc_instant = std::chrono::sys_seconds;

// A YYYY-MM-DD date (exactly ten characters, a real day of a year 1000..9999), else nullopt.
std::optional<std::chrono::sys_days> parse_calendar_date(std::string_view text);

// YYYY-MM-DD.
std::string format_calendar_date(std::chrono::sys_days day);

// "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDTHH:MM:SS" with optional fraction and optional 'Z'
// (always read as UTC), else nullopt.
std::optional<utc_instant> parse_utc_instant(std::string_view text);

// "YYYY-MM-DDTHH:MM:SSZ".
std::string format_utc_instant(utc_instant at);

// Now, to the second.
utc_instant utc_now();

}  // namespace invhost

#endif
