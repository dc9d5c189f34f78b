// Escaping source text for the terminal, character class by character class.
#include <boost/test/unit_test.hpp>
#include <invhost/terminal_text.hpp>
#include <invhost/utf8.hpp>

using namespace invhost;

BOOST_AUTO_TEST_SUITE(terminal_text_escaping)

BOOST_AUTO_TEST_CASE(ordinary_text_is_unchanged) {
  BOOST_TEST(terminal_text("Microsoft 365 E3, EA #4711") == "Microsoft 365 E3, EA #4711");
  BOOST_TEST(terminal_text("Zürich – 東京 🙂") == "Zürich – 東京 🙂");
  BOOST_TEST(terminal_text(R"(DOMAIN\user)") == R"(DOMAIN\user)");  // a backslash stays
}

BOOST_AUTO_TEST_CASE(controls_become_visible_escapes) {
  BOOST_TEST(terminal_text("a\x1b[31mb") == R"(a\u001b[31mb)");
  BOOST_TEST(terminal_text(std::string("\0\x01\x1f", 3)) == R"(\u0000\u0001\u001f)");
  BOOST_TEST(terminal_text("x\ry\bz\tw\n") == R"(x\u000dy\u0008z\u0009w\u000a)");
  BOOST_TEST(terminal_text("\x7f") == R"(\u007f)");
  BOOST_TEST(terminal_text("\u0080\u0085\u009b\u009f\u00a0") ==
             "\\u0080\\u0085\\u009b\\u009f\u00a0");
  // Characters that reorder or break a line.
  BOOST_TEST(terminal_text("a\u202eb\u2066c\u2028d\u200f") == R"(a\u202eb\u2066c\u2028d\u200f)");
}

BOOST_AUTO_TEST_CASE(newlines_are_kept_only_in_composed_lines) {
  BOOST_TEST(terminal_lines("one\ntwo\x1b\r\n") == "one\ntwo\\u001b\\u000d\n");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_bytes_become_hex_escapes) {
  BOOST_TEST(terminal_text("a\xff"
                           "b") == R"(a\xffb)");
  BOOST_TEST(terminal_text("\xc3") == R"(\xc3)");                  // truncated sequence
  BOOST_TEST(terminal_text("\xc3(") == R"(\xc3()");                // lead byte, no continuation
  BOOST_TEST(terminal_text("\xc0\xaf") == R"(\xc0\xaf)");          // overlong '/'
  BOOST_TEST(terminal_text("\xed\xa0\x80") == R"(\xed\xa0\x80)");  // a surrogate
  BOOST_TEST(terminal_text("\xf4\x90\x80\x80") == R"(\xf4\x90\x80\x80)");  // above U+10FFFF
  BOOST_TEST(terminal_text("\x9b") == R"(\x9b)");  // an 8-bit CSI byte alone
  BOOST_TEST(terminal_text("\xe2\x82") == R"(\xe2\x82)");
}

BOOST_AUTO_TEST_CASE(escaping_twice_changes_nothing) {
  const std::string once = terminal_text("a\x1b\xff\u202e\n");
  BOOST_TEST(terminal_text(once) == once);
}

BOOST_AUTO_TEST_CASE(utf8_counts_and_cuts_by_character) {
  BOOST_TEST(utf8_length("Zürich") == 6U);
  BOOST_TEST(utf8_prefix("Zürich", 2) == "Zü");
  BOOST_TEST(utf8_prefix("ab", 5) == "ab");
  BOOST_TEST(utf8_prefix("東京", 1) == "東");
}

BOOST_AUTO_TEST_SUITE_END()
