// Escaping for HTML and SVG with hostile input: markup stays inert, controls and bytes that are
// not UTF-8 become U+FFFD, valid text and layout whitespace stay.
#include <boost/test/unit_test.hpp>
#include <invhost/html_text.hpp>

using invhost::html_escape;

BOOST_AUTO_TEST_SUITE(html_text)

BOOST_AUTO_TEST_CASE(markup_is_inert) {
  BOOST_TEST(html_escape("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;");
  BOOST_TEST(html_escape("\"a\" & 'b'") == "&quot;a&quot; &amp; &#39;b&#39;");
  BOOST_TEST(html_escape("x\" onmouseover=\"alert(1)") == "x&quot; onmouseover=&quot;alert(1)");
  BOOST_TEST(html_escape("&amp;") == "&amp;amp;");
  BOOST_TEST(html_escape("=HYPERLINK(\"http://x\")") == "=HYPERLINK(&quot;http://x&quot;)");
}

BOOST_AUTO_TEST_CASE(valid_utf8_and_layout_whitespace_stay) {
  BOOST_TEST(html_escape("Caf\xC3\xA9 \xE2\x82\xAC 5\t\xF0\x9F\x98\x80\r\n") ==
             "Caf\xC3\xA9 \xE2\x82\xAC 5\t\xF0\x9F\x98\x80\r\n");
  BOOST_TEST(html_escape("") == "");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_and_controls_become_replacement_characters) {
  const std::string fffd = "\xEF\xBF\xBD";
  BOOST_TEST(html_escape("a\xFF"
                         "b") == "a" + fffd + "b");               // a byte never in UTF-8
  BOOST_TEST(html_escape("\xC3") == fffd);                        // cut short
  BOOST_TEST(html_escape("\xC0\xBC") == fffd + fffd);             // overlong '<'
  BOOST_TEST(html_escape("\xED\xA0\x80") == fffd + fffd + fffd);  // a surrogate
  BOOST_TEST(html_escape("\xF4\x90\x80\x80") == fffd + fffd + fffd + fffd);  // above U+10FFFF
  BOOST_TEST(html_escape(std::string("a\0b", 3)) == "a" + fffd + "b");
  BOOST_TEST(html_escape("\x1B[31m") == fffd + "[31m");
  BOOST_TEST(html_escape("\x7F") == fffd);
  BOOST_TEST(html_escape("\xC2\x85") == fffd);  // NEL, a C1 control
}

BOOST_AUTO_TEST_SUITE_END()
