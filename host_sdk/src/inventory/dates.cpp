#include "invhost/inventory/dates.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace invhost::inventory {
namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

bool digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::optional<sys_days> parse_day(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!digits(s.substr(0, 4)) || !digits(s.substr(5, 2)) || !digits(s.substr(8, 2)))
    return std::nullopt;
  const year_month_day ymd{std::chrono::year{to_int(s.substr(0, 4))},
                           std::chrono::month{static_cast<unsigned>(to_int(s.substr(5, 2)))},
                           std::chrono::day{static_cast<unsigned>(to_int(s.substr(8, 2)))}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

std::string format_day(sys_days d) {
  const year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace

std::optional<std::string> utc_date_of(std::string_view iso) {
  auto day = parse_day(iso);
  if (!day) return std::nullopt;
  if (iso.size() <= 10) return format_day(*day);
  if (iso[10] != 'T' && iso[10] != ' ') return std::nullopt;
  // Time of day and an optional offset: only the offset can move the UTC date.
  std::string_view rest = iso.substr(11);
  if (rest.size() < 5 || !digits(rest.substr(0, 2)) || rest[2] != ':' || !digits(rest.substr(3, 2)))
    return std::nullopt;
  const int minutes_of_day = to_int(rest.substr(0, 2)) * 60 + to_int(rest.substr(3, 2));
  std::size_t sign_at = rest.find_first_of("+-Z", 5);
  if (sign_at == std::string_view::npos || rest[sign_at] == 'Z') return format_day(*day);
  std::string_view off = rest.substr(sign_at + 1);
  if (off.size() < 2 || !digits(off.substr(0, 2))) return std::nullopt;
  int off_minutes = to_int(off.substr(0, 2)) * 60;
  if (off.size() >= 5 && off[2] == ':' && digits(off.substr(3, 2)))
    off_minutes += to_int(off.substr(3, 2));
  else if (off.size() >= 4 && digits(off.substr(2, 2)))
    off_minutes += to_int(off.substr(2, 2));
  const int utc_minutes = minutes_of_day + (rest[sign_at] == '+' ? -off_minutes : off_minutes);
  sys_days d = *day;
  if (utc_minutes < 0) d -= std::chrono::days{1};
  if (utc_minutes >= 24 * 60) d += std::chrono::days{1};
  // Dates are compared as YYYY-MM-DD text: an offset that moves 9999-12-31 into a five-digit
  // year (or 0000-01-01 before year 0) would sort on the wrong side of every other date, so the
  // day stays at the edge of the four-digit years.
  const sys_days first{
      year_month_day{std::chrono::year{0}, std::chrono::January, std::chrono::day{1}}};
  const sys_days last{
      year_month_day{std::chrono::year{9999}, std::chrono::December, std::chrono::day{31}}};
  return format_day(std::clamp(d, first, last));
}

std::optional<long long> days_between(std::string_view from, std::string_view to) {
  if (from.size() != 10 || to.size() != 10) return std::nullopt;
  const auto a = parse_day(from);
  const auto b = parse_day(to);
  if (!a || !b) return std::nullopt;
  return (*b - *a).count();
}

bool is_valid_date(std::string_view text) {
  return text.size() == 10 && parse_day(text).has_value();
}

std::string minus_days(std::string_view date, int days) {
  return format_day(*parse_day(date) - std::chrono::days{days});
}

std::string today_utc() {
  return format_day(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
}

std::string now_utc_iso() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const auto day = std::chrono::floor<std::chrono::days>(now);
  const std::chrono::hh_mm_ss hms{now - day};
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return format_day(day) + buf;
}

}  // namespace invhost::inventory
