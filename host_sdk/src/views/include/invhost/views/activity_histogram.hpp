// How long ago a license's consuming users were last active, in buckets: the consumption tab's
// histogram. Counts the same rows as the reclaim list (inventory::license_users), so the chart and
// the list never disagree.
#ifndef INVHOST_VIEWS_ACTIVITY_HISTOGRAM_HPP
#define INVHOST_VIEWS_ACTIVITY_HISTOGRAM_HPP

#include <cstdint>
#include <invhost/inventory/license_users.hpp>
#include <string>
#include <vector>

#include "invhost/views/svg_chart.hpp"

namespace invhost::views {

struct activity_bucket {
  std::string label;  // "0-7", "8-30", "31-60", "61-90", "91-180", ">180", "never"
  std::int64_t users = 0;
};

// Every bucket in that order, empty ones too: by days_inactive, inclusive bounds; a user with
// no activity at all counts under "never".
std::vector<activity_bucket> activity_histogram(const std::vector<inventory::license_user>& users);

// The buckets as a histogram chart's data (amount = users).
chart_spec activity_histogram_spec(const std::string& chart_id,
                                   const std::vector<activity_bucket>& buckets);

}  // namespace invhost::views

#endif
