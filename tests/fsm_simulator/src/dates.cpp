#include "dates.hpp"

#include <fmt/format.h>

namespace fsmsim {

days_t today_utc() {
  return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
}

std::optional<days_t> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t n) -> int {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  const int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{y},
                                        std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return days_t{ymd};
}

std::string format_date(days_t day) {
  const std::chrono::year_month_day ymd{day};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::string format_timestamp(days_t day, unsigned seconds_into_day, unsigned fraction) {
  seconds_into_day %= 86400;
  return fmt::format("{}T{:02}:{:02}:{:02}.{:04}Z", format_date(day), seconds_into_day / 3600,
                     seconds_into_day / 60 % 60, seconds_into_day % 60, fraction % 10000);
}

}  // namespace fsmsim
