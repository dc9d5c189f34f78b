#include <invhost/inventory/dates.hpp>
#include <invhost/inventory/money.hpp>

#include <boost/test/unit_test.hpp>

using namespace invhost::inventory;

BOOST_AUTO_TEST_SUITE(money)

BOOST_AUTO_TEST_CASE(division_rounds_half_away_from_zero_to_the_cent) {
  BOOST_TEST(to_cents_divided(*parse_decimal("100.02"), 4) == 2501);  // 25.005
  BOOST_TEST(to_cents_divided(*parse_decimal("100"), 3) == 3333);     // 33.333...
  BOOST_TEST(to_cents_divided(*parse_decimal("200"), 3) == 6667);     // 66.666...
  BOOST_TEST(to_cents_divided(*parse_decimal("8.125"), 1) == 813);
  BOOST_TEST(to_cents_divided(*parse_decimal("8.124999"), 1) == 812);
  BOOST_TEST(to_cents_divided(*parse_decimal("-0.005"), 1) == -1);
  BOOST_TEST(to_cents_divided(*parse_decimal("1"), 8) == 13);  // 0.125
}

BOOST_AUTO_TEST_CASE(decimals_are_read_exactly_or_refused) {
  BOOST_TEST(!parse_decimal("").has_value());
  BOOST_TEST(!parse_decimal("1,5").has_value());
  BOOST_TEST(!parse_decimal("1e3").has_value());
  BOOST_TEST(!parse_decimal("1.2.3").has_value());
  BOOST_TEST(!parse_decimal("1234567890123456").has_value());  // beyond 15 digits
  BOOST_TEST(parse_decimal("0.10000000000").has_value());       // trailing zeros are fine
  BOOST_TEST(format_cents(-5) == "-0.05");
  BOOST_TEST(format_cents(123456) == "1234.56");
}

BOOST_AUTO_TEST_CASE(utc_dates_follow_the_offset) {
  BOOST_TEST(*utc_date_of("2024-03-01T23:30:00-02:00") == "2024-03-02");
  BOOST_TEST(*utc_date_of("2024-03-01T01:00:00+02:00") == "2024-02-29");
  BOOST_TEST(*utc_date_of("2019-10-15T16:05:36.1000Z") == "2019-10-15");
  BOOST_TEST(!utc_date_of("next tuesday").has_value());
  BOOST_TEST(minus_days("2024-06-15", 90) == "2024-03-17");
}

BOOST_AUTO_TEST_SUITE_END()
