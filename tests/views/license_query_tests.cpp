// The list's query string: the URL is the contract, so every parameter reads back as written and
// every bad value is an error naming its parameter, never an exception or a guess.
#include <boost/test/unit_test.hpp>
#include <invhost/views/license_query.hpp>
#include <string>

using namespace invhost::views;

namespace {

bool names_parameter(const parsed_license_query& p, const std::string& parameter) {
  for (const auto& e : p.errors)
    if (e.parameter == parameter) return true;
  return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(license_query_string)

BOOST_AUTO_TEST_CASE(defaults_when_empty) {
  const auto p = parse_license_query("");
  BOOST_TEST(p.ok());
  BOOST_TEST(p.query.sort == "name");
  BOOST_TEST(!p.query.descending);
  BOOST_TEST(p.query.page == 1);
  BOOST_TEST(p.query.per_page == 50);
  BOOST_TEST(to_query_string(p.query) == "");
}

BOOST_AUTO_TEST_CASE(every_parameter_reads_back) {
  const std::string text =
      "status=active&compliance=non-compliant&connection=fsm&publisher=Notion%20Labs&currency=USD"
      "&q=a%26b%3Dc&renewal_within=30&unused=yes&sort=-shortfall&page=3&per_page=20"
      "&as_of=2024-06-15";
  const auto p = parse_license_query(text);
  BOOST_TEST(p.ok());
  BOOST_TEST(p.query.status == "active");
  BOOST_TEST(p.query.compliance == "non-compliant");
  BOOST_TEST(p.query.connection == "fsm");
  BOOST_TEST(p.query.publisher == "Notion Labs");
  BOOST_TEST(p.query.currency == "USD");
  BOOST_TEST(p.query.q == "a&b=c");
  BOOST_TEST(*p.query.renewal_within == 30);
  BOOST_TEST(p.query.unused);
  BOOST_TEST(p.query.sort == "shortfall");
  BOOST_TEST(p.query.descending);
  BOOST_TEST(p.query.page == 3);
  BOOST_TEST(p.query.per_page == 20);
  BOOST_TEST(p.query.as_of == "2024-06-15");
  BOOST_TEST(to_query_string(p.query) == text);
  // '+' is a space, as forms send it.
  BOOST_TEST(parse_license_query("q=zoom+business").query.q == "zoom business");
}

BOOST_AUTO_TEST_CASE(bad_values_are_errors_naming_the_parameter) {
  BOOST_TEST(names_parameter(parse_license_query("status=gone"), "status"));
  BOOST_TEST(names_parameter(parse_license_query("compliance=ok"), "compliance"));
  BOOST_TEST(names_parameter(parse_license_query("sort=password"), "sort"));
  BOOST_TEST(names_parameter(parse_license_query("sort=-"), "sort") == false);
  BOOST_TEST(names_parameter(parse_license_query("page=0"), "page"));
  BOOST_TEST(names_parameter(parse_license_query("page=-1"), "page"));
  BOOST_TEST(names_parameter(parse_license_query("page=1000001"), "page"));
  BOOST_TEST(names_parameter(parse_license_query("page=2x"), "page"));
  BOOST_TEST(names_parameter(parse_license_query("per_page=0"), "per_page"));
  BOOST_TEST(names_parameter(parse_license_query("per_page=501"), "per_page"));
  BOOST_TEST(parse_license_query("per_page=500").ok());
  BOOST_TEST(parse_license_query("per_page=1").ok());
  BOOST_TEST(names_parameter(parse_license_query("per_page=99999999999999999999"), "per_page"));
  BOOST_TEST(names_parameter(parse_license_query("as_of=2024-02-30"), "as_of"));
  BOOST_TEST(names_parameter(parse_license_query("renewal_within=3661"), "renewal_within"));
  BOOST_TEST(names_parameter(parse_license_query("unused=maybe"), "unused"));
  BOOST_TEST(names_parameter(parse_license_query("q=%4"), "q"));
  BOOST_TEST(names_parameter(parse_license_query("q=%zz"), "q"));
  BOOST_TEST(names_parameter(parse_license_query("q=" + std::string(201, 'a')), "q"));
  BOOST_TEST(parse_license_query("q=" + std::string(200, 'a')).ok());
  BOOST_TEST(names_parameter(parse_license_query(std::string(5000, 'a')), "query"));
  // Two problems, two errors.
  BOOST_TEST(parse_license_query("status=x&page=0").errors.size() == 2U);
}

BOOST_AUTO_TEST_CASE(unknown_parameters_are_ignored_and_the_last_repeat_wins) {
  const auto p = parse_license_query("submit=Filter&&status=retired&status=active&x");
  BOOST_TEST(p.ok());
  BOOST_TEST(p.query.status == "active");
}

BOOST_AUTO_TEST_SUITE_END()
