#include <fmt/format.h>

#include <invhost/calendar.hpp>

namespace invhost {
namespace {

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (const char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

std::optional<std::chrono::sys_days> parse_calendar_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!digits(s.substr(0, 4)) || !digits(s.substr(5, 2)) || !digits(s.substr(8, 2)))
    return std::nullopt;
  const int year = to_int(s.substr(0, 4));
  if (year < 1000) return std::nullopt;
  const std::chrono::year_month_day ymd{
      std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(to_int(s.substr(5, 2)))},
      std::chrono::day{static_cast<unsigned>(to_int(s.substr(8, 2)))}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
}

std::string format_calendar_date(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd{day};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::optional<utc_instant> parse_utc_instant(std::string_view s) {
  const auto day = parse_calendar_date(s.substr(0, std::min<std::size_t>(s.size(), 10)));
  if (!day) return std::nullopt;
  if (s.size() == 10) return utc_instant{*day};
  std::string_view t = s.substr(10);
  if (t.size() < 9 || t[0] != 'T' || t[3] != ':' || t[6] != ':' || !digits(t.substr(1, 2)) ||
      !digits(t.substr(4, 2)) || !digits(t.substr(7, 2)))
    return std::nullopt;
  const int h = to_int(t.substr(1, 2)), m = to_int(t.substr(4, 2)), sec = to_int(t.substr(7, 2));
  if (h > 23 || m > 59 || sec > 59) return std::nullopt;
  std::string_view rest = t.substr(9);
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    std::size_t n = 0;
    while (n < rest.size() && n < 9 && rest[n] >= '0' && rest[n] <= '9') ++n;
    if (n == 0) return std::nullopt;
    rest.remove_prefix(n);  // below a second: the host counts whole seconds
  }
  if (rest == "Z") rest.remove_prefix(1);
  if (!rest.empty()) return std::nullopt;
  return utc_instant{*day} + std::chrono::hours{h} + std::chrono::minutes{m} +
         std::chrono::seconds{sec};
}

std::string format_utc_instant(utc_instant at) {
  const auto day = std::chrono::floor<std::chrono::days>(at);
  const std::chrono::hh_mm_ss hms{at - day};
  return fmt::format("{}T{:02}:{:02}:{:02}Z", format_calendar_date(day), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count());
}

utc_instant utc_now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace invhost
