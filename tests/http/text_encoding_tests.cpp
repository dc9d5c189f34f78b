// Encoding for URLs, and Set-Cookie values, with hostile input.
#include <boost/test/unit_test.hpp>
#include <invhost/http/cookie.hpp>
#include <invhost/http/text_encoding.hpp>

using invhost::http::query_string;
using invhost::http::set_cookie;
using invhost::http::url_encode;

BOOST_AUTO_TEST_SUITE(text_encoding)

BOOST_AUTO_TEST_CASE(url_encoding_keeps_only_unreserved_characters) {
  BOOST_TEST(url_encode("aZ09-._~") == "aZ09-._~");
  BOOST_TEST(url_encode("a b&c=d/e?f#g+h%") == "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh%25");
  BOOST_TEST(url_encode("\xC3\xA9") == "%C3%A9");
  BOOST_TEST(url_encode(std::string("\0", 1)) == "%00");
}

BOOST_AUTO_TEST_CASE(query_strings_are_built_in_order) {
  BOOST_TEST(query_string({}) == "");
  BOOST_TEST(query_string({{"sort", "-shortfall"}, {"q", "a&b=c"}, {"status", "active"}}) ==
             "sort=-shortfall&q=a%26b%3Dc&status=active");
}

BOOST_AUTO_TEST_CASE(cookies_are_http_only_strict_and_secure_over_tls) {
  using std::chrono::seconds;
  BOOST_TEST(set_cookie("session", "abc123", seconds(3600), false) ==
             "session=abc123; Path=/; Max-Age=3600; HttpOnly; SameSite=Strict");
  BOOST_TEST(set_cookie("session", "abc123", seconds(3600), true) ==
             "session=abc123; Path=/; Max-Age=3600; HttpOnly; SameSite=Strict; Secure");
  BOOST_TEST(set_cookie("session", "", seconds(0), true) ==
             "session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict; Secure");
  BOOST_CHECK_THROW(set_cookie("session", "a; Domain=evil", seconds(1), false),
                    std::invalid_argument);
  BOOST_CHECK_THROW(set_cookie("bad name", "x", seconds(1), false), std::invalid_argument);
  BOOST_CHECK_THROW(set_cookie("s", "x\r\nSet-Cookie: y", seconds(1), false),
                    std::invalid_argument);
  BOOST_CHECK_THROW(set_cookie("s", "x", seconds(-1), false), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
