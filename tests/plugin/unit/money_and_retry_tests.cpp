#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <fsm/decimal_text.hpp>
#include <fsm/json_page_parser.hpp>
#include <fsm/pacer.hpp>
#include <fsm/retry_policy.hpp>

using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(decimal_money)

BOOST_AUTO_TEST_CASE(number_text_is_converted_exactly) {
  const std::pair<const char*, const char*> cases[] = {
      {"0", "0"},
      {"1200", "1200"},
      {"-0.0", "0"},
      {"12.50", "12.5"},
      {"123.4567", "123.4567"},
      {"0.1", "0.1"},
      {"1.5e3", "1500"},
      {"1E-2", "0.01"},
      {"2.5E+2", "250"},
      {"0.1234565", "0.123457"},  // half away from zero at the 7th digit
      {"0.1234564999", "0.123456"},
      {"-0.0000005", "-0.000001"},
      {"99999999.9999995", "100000000"},
      {"12345678901234567890.123", "12345678901234567890.123"},  // beyond a double's precision
      {"0.30000000000000004", "0.3"},
  };
  for (const auto& [in, out] : cases) {
    const auto got = fsm::decimal_from_number_text(in);
    BOOST_TEST_INFO(in);
    BOOST_REQUIRE(got.has_value());
    BOOST_TEST(*got == out);
  }
  for (const char* bad : {"", "-", "1.", ".5", "01", "1e", "1e999", "abc", "1,5", "+1"})
    BOOST_TEST(!fsm::decimal_from_number_text(bad).has_value(), bad);
}

BOOST_AUTO_TEST_CASE(doubles_use_their_shortest_round_trip_text) {
  BOOST_TEST(*fsm::decimal_from_double(0.1) == "0.1");
  BOOST_TEST(*fsm::decimal_from_double(0.1 + 0.2) == "0.3");  // 0.30000000000000004 rounded
  BOOST_TEST(*fsm::decimal_from_double(1e21) == "1000000000000000000000");
  BOOST_TEST(*fsm::decimal_from_double(12345.67) == "12345.67");
  BOOST_TEST(!fsm::decimal_from_double(std::numeric_limits<double>::infinity()).has_value());
}

BOOST_AUTO_TEST_CASE(page_parser_keeps_number_text) {
  boost::json::value v;
  BOOST_REQUIRE(!fsm::parse_json_page(R"({"a": 12345678901234567.25, "b": 7, "c": [1.10]})", v));
  BOOST_TEST(v.at("a").as_string() == "12345678901234567.25");
  BOOST_TEST(v.at("b").as_int64() == 7);
  BOOST_TEST(v.at("c").as_array()[0].as_string() == "1.10");
}

BOOST_AUTO_TEST_CASE(page_parser_reports_where_it_stopped) {
  boost::json::value v;
  const auto bad = fsm::parse_json_page(R"({"values": [1, 2,, 3]})", v);
  BOOST_REQUIRE(bad.has_value());
  BOOST_TEST(bad->offset == 17U);
  const auto cut = fsm::parse_json_page(R"({"values": [{"id": "x")", v);
  BOOST_REQUIRE(cut.has_value());
  BOOST_TEST(cut->reason.find("truncated") != std::string::npos);
  BOOST_TEST(fsm::parse_json_page("{} x", v).has_value());
  BOOST_TEST(!fsm::parse_json_page("{}  \n", v).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(retry_after_and_backoff)

BOOST_AUTO_TEST_CASE(retry_after_in_seconds) {
  const auto now = std::chrono::system_clock::now();
  BOOST_TEST(fsm::parse_retry_after("7", now)->count() == 7000);
  BOOST_TEST(fsm::parse_retry_after(" 0 ", now)->count() == 0);
  BOOST_TEST(!fsm::parse_retry_after("", now).has_value());
  BOOST_TEST(!fsm::parse_retry_after("-1", now).has_value());
  BOOST_TEST(!fsm::parse_retry_after("soon", now).has_value());
}

BOOST_AUTO_TEST_CASE(retry_after_as_http_date) {
  // Wed, 21 Oct 2015 07:28:00 GMT = 1445412480 s after the epoch.
  const std::chrono::system_clock::time_point now{std::chrono::seconds(1445412480 - 30)};
  BOOST_TEST(fsm::parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now)->count() == 30000);
  BOOST_TEST(fsm::parse_retry_after("Wednesday, 21-Oct-15 07:28:00 GMT", now)->count() == 30000);
  BOOST_TEST(fsm::parse_retry_after("Wed Oct 21 07:28:00 2015", now)->count() == 30000);
  BOOST_TEST(fsm::parse_retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now)->count() == 0);  // past
  BOOST_TEST(!fsm::parse_retry_after("Wed, 32 Oct 2015 07:28:00 GMT", now).has_value());
  BOOST_TEST(!fsm::parse_retry_after("Wed, 21 Foo 2015 07:28:00 GMT", now).has_value());
}

BOOST_AUTO_TEST_CASE(backoff_is_capped_and_jittered) {
  fsm::backoff b(100ms, 1000ms, 42);
  BOOST_TEST(b.ceiling(0).count() == 100);
  BOOST_TEST(b.ceiling(1).count() == 200);
  BOOST_TEST(b.ceiling(3).count() == 800);
  BOOST_TEST(b.ceiling(4).count() == 1000);
  BOOST_TEST(b.ceiling(60).count() == 1000);
  bool varied = false;
  auto first = b.delay(5);
  for (int i = 0; i < 200; ++i) {
    const auto d = b.delay(i % 8);
    BOOST_TEST(d.count() >= 0);
    BOOST_TEST(d <= b.ceiling(i % 8));
    varied = varied || d != first;
  }
  BOOST_TEST(varied);
}

BOOST_AUTO_TEST_CASE(retry_after_is_honoured_but_capped) {
  BOOST_TEST(fsm::wait_before_retry(5000ms, 300ms, 60000ms).count() == 5000);
  BOOST_TEST(fsm::wait_before_retry(std::nullopt, 300ms, 60000ms).count() == 300);
  BOOST_TEST(fsm::wait_before_retry(std::chrono::hours(5), 300ms, 300000ms).count() == 300000);
}

BOOST_AUTO_TEST_CASE(retryable_statuses) {
  for (int s : {429, 500, 502, 503, 504}) BOOST_TEST(fsm::is_retryable_http_status(s));
  for (int s : {200, 400, 401, 403, 404, 409, 422, 423, 501})
    BOOST_TEST(!fsm::is_retryable_http_status(s));
}

BOOST_AUTO_TEST_CASE(pacer_spaces_requests) {
  fsm::pacer p(60000);  // one per millisecond
  BOOST_TEST(p.acquire({}));
  BOOST_TEST((p.wait_needed() > std::chrono::steady_clock::duration::zero()));
  BOOST_TEST((p.wait_needed() <= std::chrono::milliseconds(1)));
  fsm::pacer slow(1);  // one per minute: a cancelled wait returns at once
  BOOST_TEST(slow.acquire({}));
  BOOST_TEST(!slow.acquire([] { return true; }));
}

BOOST_AUTO_TEST_SUITE_END()
