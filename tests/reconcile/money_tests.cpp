#include <boost/test/unit_test.hpp>
#include <invhost/inventory/dates.hpp>
#include <invhost/inventory/money.hpp>

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
  BOOST_TEST(parse_decimal("0.10000000000").has_value());      // trailing zeros are fine
  BOOST_TEST(format_cents(-5) == "-0.05");
  BOOST_TEST(format_cents(123456) == "1234.56");
}

BOOST_AUTO_TEST_CASE(utc_dates_follow_the_offset) {
  BOOST_TEST(*utc_date_of("2024-03-01T23:30:00-02:00") == "2024-03-02");
  BOOST_TEST(*utc_date_of("2024-03-01T01:00:00+02:00") == "2024-02-29");
  BOOST_TEST(*utc_date_of("2019-10-15T16:05:36.1000Z") == "2019-10-15");
  BOOST_TEST(!utc_date_of("next tuesday").has_value());
  // "Never ends" written with an offset stays the last four-digit date: dates compare as text,
  // and "10000-01-01" would sort before today.
  BOOST_TEST(*utc_date_of("9999-12-31T23:59:59-23:59") == "9999-12-31");
  BOOST_TEST(*utc_date_of("0000-01-01T00:00:00+01:00") == "0000-01-01");
  BOOST_TEST(minus_days("2024-06-15", 90) == "2024-03-17");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(currency_minor_units)

BOOST_AUTO_TEST_CASE(iso_4217_minor_units) {
  for (const char* c : {"JPY", "KRW", "ISK", "CLP", "VND"})
    BOOST_TEST(iso_minor_unit(c).value_or(-1) == 0, c);
  for (const char* c : {"KWD", "BHD", "JOD", "OMR", "TND", "IQD", "LYD"})
    BOOST_TEST(iso_minor_unit(c).value_or(-1) == 3, c);
  for (const char* c : {"USD", "EUR", "GBP", "CHF", "SEK", "INR"})
    BOOST_TEST(iso_minor_unit(c).value_or(-1) == 2, c);
  BOOST_TEST(!iso_minor_unit("XBT").has_value());
  BOOST_TEST(!iso_minor_unit("usd").has_value());
  BOOST_TEST(!iso_minor_unit("").has_value());
}

BOOST_AUTO_TEST_CASE(rounding_and_formatting_at_a_scale) {
  BOOST_TEST(to_minor_divided(*parse_decimal("1.2345"), 1, 3) == 1235);  // half away from zero
  BOOST_TEST(to_minor_divided(*parse_decimal("1.2344"), 1, 3) == 1234);
  BOOST_TEST(to_minor_divided(*parse_decimal("1500.5"), 1, 0) == 1501);
  BOOST_TEST(to_minor_divided(*parse_decimal("999999999999999.999999999"), 1, 2) ==
             100000000000000000);
  BOOST_TEST(format_money(1234, "KWD") == "1.234");
  BOOST_TEST(format_money(5, "KWD") == "0.005");
  BOOST_TEST(format_money(1500, "JPY") == "1500");
  BOOST_TEST(format_money(123456, "USD") == "1234.56");
  BOOST_TEST(format_money(125000, "XBT") ==
             "12.5");  // stored at 4 decimals, shown as the source gave
  BOOST_TEST(format_money(-5, "USD") == "-0.05");
  // 15 integer digits and 9 decimals are read exactly.
  BOOST_TEST(parse_decimal("999999999999999.999999999").has_value());
  BOOST_TEST(!parse_decimal("1234567890123456").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
