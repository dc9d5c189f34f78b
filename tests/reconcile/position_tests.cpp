#include <boost/test/unit_test.hpp>
#include <invhost/inventory/money.hpp>
#include <invhost/inventory/position.hpp>

using namespace invhost::inventory;

namespace {
const std::string D = "2024-06-15";

term user_term(std::int64_t items, std::string per_user = "", std::string annual = "") {
  term t;
  t.term_type = "perUser";
  t.items_allowed = items;
  t.per_user_cost = std::move(per_user);
  t.annual_cost = std::move(annual);
  t.currency = "USD";
  return t;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(position_rules)

BOOST_AUTO_TEST_CASE(only_terms_in_effect_count) {
  term current = user_term(10);
  term expired = user_term(5);
  expired.ends_at = "2024-06-14T23:59:59Z";
  term ends_today = user_term(1);
  ends_today.ends_at = "2024-06-15T00:00:00Z";
  term future = user_term(100);
  future.effective_at = "2024-06-16T00:00:00Z";
  term starts_today = user_term(2);
  starts_today.effective_at = "2024-06-15T23:00:00Z";
  term hidden = user_term(50);
  hidden.hidden = true;
  term inactive = user_term(7);
  inactive.is_active = false;
  term unreadable = user_term(9);
  unreadable.effective_at = "soon";
  const auto p = compute_position(
      {current, expired, ends_today, future, starts_today, hidden, inactive, unreadable}, D, 14, 0,
      "");
  BOOST_TEST(p.entitled == 13);
  BOOST_TEST(p.shortfall == 1);
  BOOST_TEST(p.available == 0);
  BOOST_TEST(to_string(p.state) == std::string("non-compliant"));
}

BOOST_AUTO_TEST_CASE(no_term_in_effect_means_nothing_entitled) {
  const auto p = compute_position({}, D, 2, 1, "USD");
  BOOST_TEST(p.entitled == 0);
  BOOST_TEST(p.shortfall == 2);
  BOOST_TEST(!p.per_user_cost.has_value());
  BOOST_TEST(!p.currency.has_value());
}

BOOST_AUTO_TEST_CASE(per_org_or_unlimited_term_makes_the_license_unlimited) {
  term org;
  org.term_type = "perOrg";
  auto p = compute_position({org, user_term(3, "4.00")}, D, 500, 2, "");
  BOOST_TEST(p.unlimited);
  BOOST_TEST(p.shortfall == 0);
  BOOST_TEST(to_string(p.state) == std::string("compliant"));
  BOOST_TEST(*p.unused_cost == 800);
  BOOST_TEST(*p.true_up_cost == 0);
  term unl = user_term(0);
  unl.is_unlimited = true;
  p = compute_position({unl}, D, 9, 0, "");
  BOOST_TEST(p.unlimited);
  BOOST_TEST(!p.per_user_cost.has_value());  // no cost at all: unknown, never zero
}

BOOST_AUTO_TEST_CASE(node_and_location_terms_are_another_unit) {
  term node;
  node.term_type = "perNode";
  node.items_allowed = 50;
  node.per_user_cost = "3.00";
  term loc = node;
  loc.term_type = "perLocation";
  const auto p = compute_position({node, loc}, D, 4, 3, "USD");
  BOOST_TEST(to_string(p.state) == std::string("not-applicable"));
  BOOST_TEST(p.entitled == 0);
  BOOST_TEST(p.available == 0);
  BOOST_TEST(p.shortfall == 0);
  BOOST_TEST(p.consumed == 4);
  BOOST_TEST(p.inactive == 3);
  BOOST_TEST(!p.per_user_cost.has_value());
  // With a user-counted term beside it, the node term just counts nobody.
  const auto q = compute_position({node, user_term(2)}, D, 1, 0, "USD");
  BOOST_TEST(q.entitled == 2);
  BOOST_TEST(to_string(q.state) == std::string("compliant"));
}

BOOST_AUTO_TEST_CASE(cost_comes_from_the_largest_term_first_on_a_tie) {
  auto p = compute_position({user_term(4, "", "100.02"), user_term(4, "30")}, D, 10, 1, "");
  BOOST_TEST(*p.per_user_cost == 2501);
  BOOST_TEST(*p.true_up_cost == 2 * 2501);
  BOOST_TEST(*p.unused_cost == 2501);
  p = compute_position({user_term(4, "", "100.02"), user_term(5, "30")}, D, 0, 0, "");
  BOOST_TEST(*p.per_user_cost == 3000);
  // The term's currency first, else the agreement's.
  term no_currency = user_term(2, "", "100.00");
  no_currency.currency.clear();
  p = compute_position({no_currency}, D, 1, 0, "GBP");
  BOOST_TEST(*p.currency == "GBP");
  BOOST_TEST(*p.per_user_cost == 5000);
  p = compute_position({no_currency}, D, 1, 0, "");
  BOOST_TEST(!p.per_user_cost.has_value());  // money without a currency is not reported
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(position_bounds_and_minor_units)

BOOST_AUTO_TEST_CASE(sums_that_would_overflow_are_refused_not_wrapped) {
  // Two terms at 2^63-1 used to wrap to an entitled of -2.
  const auto huge = user_term(INT64_MAX);
  BOOST_CHECK_THROW((void)compute_position({huge, huge}, D, 1, 0, ""), std::overflow_error);
  // A cost times a count beyond 64 bits is refused too.
  const auto costly = user_term(1, "999999999999999");
  BOOST_CHECK_THROW((void)compute_position({costly}, D, 1, INT64_MAX / 100, ""),
                    std::overflow_error);
}

BOOST_AUTO_TEST_CASE(money_keeps_each_currency_minor_unit) {
  // KWD has 3 decimals: 1.234 per user, 3 inactive, 2 short.
  auto kwd = user_term(8, "1.234");
  kwd.currency = "KWD";
  auto p = compute_position({kwd}, D, 10, 3, "");
  BOOST_TEST(*p.per_user_cost == 1234);  // fils, not 123 cents
  BOOST_TEST(*p.unused_cost == 3702);
  BOOST_TEST(*p.true_up_cost == 2468);
  BOOST_TEST(format_money(*p.unused_cost, "KWD") == "3.702");
  // JPY has none: 10000 a year for 3 users is 3333.33... yen, rounded to 3333.
  auto jpy = user_term(3, "", "10000");
  jpy.currency = "JPY";
  p = compute_position({jpy}, D, 4, 2, "");
  BOOST_TEST(*p.per_user_cost == 3333);
  BOOST_TEST(format_money(*p.per_user_cost, "JPY") == "3333");
  BOOST_TEST(format_money(*p.true_up_cost, "JPY") == "3333");
  // 2.5 yen rounds half away from zero to 3.
  jpy.annual_cost = "7.5";
  p = compute_position({jpy}, D, 4, 2, "");
  BOOST_TEST(format_money(*p.per_user_cost, "JPY") == "3");
  // A code outside ISO 4217 keeps the source's scale, up to 4.
  auto other = user_term(3, "", "100");
  other.currency = "XBT";
  p = compute_position({other}, D, 4, 0, "");
  BOOST_TEST(format_money(*p.per_user_cost, "XBT") == "33");
  other.annual_cost = "100.00001";
  p = compute_position({other}, D, 4, 0, "");
  BOOST_TEST(format_money(*p.per_user_cost, "XBT") == "33.3333");
  // Every other ISO code: 2 decimals.
  auto eur = user_term(3, "", "100");
  eur.currency = "EUR";
  p = compute_position({eur}, D, 4, 0, "");
  BOOST_TEST(format_money(*p.per_user_cost, "EUR") == "33.33");
}

BOOST_AUTO_TEST_SUITE_END()
