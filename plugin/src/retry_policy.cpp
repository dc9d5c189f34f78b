#include <algorithm>
#include <array>
#include <charconv>
#include <ctime>
#include <fsm/retry_policy.hpp>

namespace fsm {
namespace {

std::string_view trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

int month_of(std::string_view m) {
  static constexpr std::array<std::string_view, 12> names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == m) return static_cast<int>(i) + 1;
  return 0;
}

bool number(std::string_view s, int& out) {
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc{} && r.ptr == s.data() + s.size() && !s.empty();
}

// Days since 1970-01-01 of a civil date (proleptic Gregorian).
int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<int64_t>(y - era * 400);
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// Splits on blanks, commas and dashes; the three HTTP date forms then read as
// [wkday] DD Mon YYYY HH:MM:SS GMT | [weekday] DD Mon YY HH:MM:SS GMT | wkday Mon DD HH:MM:SS YYYY.
std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view v) {
  std::array<std::string_view, 8> parts{};
  std::size_t n = 0;
  std::size_t i = 0;
  while (i < v.size() && n < parts.size()) {
    while (i < v.size() && (v[i] == ' ' || v[i] == ',' || v[i] == '-')) ++i;
    const std::size_t start = i;
    while (i < v.size() && v[i] != ' ' && v[i] != ',' && v[i] != '-') ++i;
    if (i > start) parts[n++] = v.substr(start, i - start);
  }
  if (i < v.size()) return std::nullopt;
  int day = 0, month = 0, year = 0;
  std::string_view clock;
  if (n == 6 && month_of(parts[2]) != 0) {  // IMF-fixdate / RFC 850
    if (!number(parts[1], day) || !number(parts[3], year)) return std::nullopt;
    month = month_of(parts[2]);
    clock = parts[4];
    if (parts[5] != "GMT") return std::nullopt;
    if (parts[3].size() == 2) year += year < 70 ? 2000 : 1900;
  } else if (n == 5 && month_of(parts[1]) != 0) {  // asctime
    month = month_of(parts[1]);
    if (!number(parts[2], day) || !number(parts[4], year)) return std::nullopt;
    clock = parts[3];
  } else {
    return std::nullopt;
  }
  int hh = 0, mm = 0, ss = 0;
  if (clock.size() != 8 || clock[2] != ':' || clock[5] != ':' || !number(clock.substr(0, 2), hh) ||
      !number(clock.substr(3, 2), mm) || !number(clock.substr(6, 2), ss))
    return std::nullopt;
  if (day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60 || year < 1970 || year > 9999)
    return std::nullopt;
  const int64_t secs = days_from_civil(year, month, day) * 86400 + hh * 3600 + mm * 60 + ss;
  return std::chrono::system_clock::time_point(std::chrono::seconds(secs));
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now) {
  const auto v = trim(value);
  if (v.empty()) return std::nullopt;
  if (v.find_first_not_of("0123456789") == std::string_view::npos) {
    if (v.size() > 9) return std::chrono::hours(24 * 365);  // absurd: the cap applies later
    int secs = 0;
    if (!number(v, secs)) return std::nullopt;
    return std::chrono::seconds(secs);
  }
  const auto when = parse_http_date(v);
  if (!when) return std::nullopt;
  if (*when <= now) return std::chrono::milliseconds(0);
  return std::chrono::duration_cast<std::chrono::milliseconds>(*when - now);
}

bool is_retryable_http_status(int status) {
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

backoff::backoff(std::chrono::milliseconds initial, std::chrono::milliseconds max, uint64_t seed)
    : initial_(initial), max_(max), rng_(seed) {}

std::chrono::milliseconds backoff::ceiling(int retry) const {
  auto c = initial_;
  for (int i = 0; i < retry && c < max_; ++i) c *= 2;
  return std::min(c, max_);
}

std::chrono::milliseconds backoff::delay(int retry) {
  std::uniform_int_distribution<int64_t> pick(0, ceiling(retry).count());
  return std::chrono::milliseconds(pick(rng_));
}

std::chrono::milliseconds wait_before_retry(std::optional<std::chrono::milliseconds> retry_after,
                                            std::chrono::milliseconds jittered,
                                            std::chrono::milliseconds cap) {
  const auto wait = retry_after ? std::max(*retry_after, jittered / 10) : jittered;
  return std::min(wait, cap);
}

}  // namespace fsm
