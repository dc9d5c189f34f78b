#include "invhost/views/activity_histogram.hpp"

#include <array>

namespace invhost::views {
namespace {

struct bucket_bound {
  const char* label;
  std::int64_t last_day;  // inclusive
};
// The last bucket (">180") takes every larger count of days.
constexpr std::array<bucket_bound, 6> bounds{{
    {"0-7", 7},
    {"8-30", 30},
    {"31-60", 60},
    {"61-90", 90},
    {"91-180", 180},
    {">180", INT64_MAX},
}};

}  // namespace

std::vector<activity_bucket> activity_histogram(const std::vector<inventory::license_user>& users) {
  std::vector<activity_bucket> out;
  for (const auto& b : bounds) out.push_back({b.label, 0});
  out.push_back({"never", 0});
  for (const auto& u : users) {
    if (!u.days_inactive) {
      ++out.back().users;
      continue;
    }
    for (std::size_t i = 0; i < bounds.size(); ++i)
      if (*u.days_inactive <= bounds[i].last_day) {
        ++out[i].users;
        break;
      }
  }
  return out;
}

chart_spec activity_histogram_spec(const std::string& chart_id,
                                   const std::vector<activity_bucket>& buckets) {
  chart_spec spec{chart_id, "Days since last activity", "Days", "Users", {}};
  for (const auto& b : buckets)
    spec.data.push_back({b.label, b.users, std::to_string(b.users), ""});
  return spec;
}

}  // namespace invhost::views
