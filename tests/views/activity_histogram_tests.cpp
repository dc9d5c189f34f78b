// The consumption tab's histogram: each user in the bucket of their days since last activity,
// bounds inclusive, no activity under "never".
#include <boost/test/unit_test.hpp>
#include <invhost/views/activity_histogram.hpp>

using namespace invhost::views;
using invhost::inventory::license_user;

BOOST_AUTO_TEST_SUITE(activity_histogram_buckets)

BOOST_AUTO_TEST_CASE(users_fall_in_their_bucket_at_each_bound) {
  std::vector<license_user> users;
  for (const std::int64_t days : {0, 7, 8, 30, 31, 60, 61, 90, 91, 180, 181, 5000}) {
    license_user u;
    u.days_inactive = days;
    users.push_back(u);
  }
  users.push_back(license_user{});  // no activity at all
  const auto buckets = activity_histogram(users);
  std::vector<std::string> got;
  for (const auto& b : buckets) got.push_back(b.label + "=" + std::to_string(b.users));
  const std::vector<std::string> expected = {"0-7=2",    "8-30=2", "31-60=2", "61-90=2",
                                             "91-180=2", ">180=2", "never=1"};
  BOOST_TEST(got == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(no_users_gives_every_bucket_empty_and_the_chart_its_rows) {
  const auto buckets = activity_histogram({});
  BOOST_TEST(buckets.size() == 7U);
  for (const auto& b : buckets) BOOST_TEST(b.users == 0);
  const auto c = histogram_chart(activity_histogram_spec("activity", buckets));
  BOOST_TEST(c.table.find("<tr><th scope=\"row\">&gt;180</th><td>0</td></tr>") !=
             std::string::npos);
  BOOST_TEST(c.svg.find("<title id=\"activity-title\">Days since last activity</title>") !=
             std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
