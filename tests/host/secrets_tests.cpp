// Secret references, resolution rules and the redactor.
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <invhost/secrets.hpp>

#include "test_support.hpp"

using namespace invhost;

BOOST_AUTO_TEST_SUITE(secrets)

BOOST_AUTO_TEST_CASE(only_env_and_file_references) {
  BOOST_TEST(parse_secret_ref("env:FSM_TOKEN").has_value());
  BOOST_TEST(parse_secret_ref("file:/run/s").has_value());
  BOOST_TEST(!parse_secret_ref("hunter2").has_value());
  BOOST_TEST(!parse_secret_ref("env:").has_value());
  BOOST_TEST(!parse_secret_ref("env:BAD-NAME").has_value());
  BOOST_TEST(parse_secret_ref("env:X")->text() == "env:X");
}

BOOST_AUTO_TEST_CASE(env_secret_resolves_and_is_redacted_afterwards) {
  ::setenv("INVHOST_TEST_SECRET_A", "s3cr3t-value-a", 1);
  BOOST_TEST(resolve_secret(*parse_secret_ref("env:INVHOST_TEST_SECRET_A")) == "s3cr3t-value-a");
  BOOST_TEST(process_redactor().apply("token=s3cr3t-value-a!") == "token=***!");
  ::unsetenv("INVHOST_TEST_SECRET_UNSET");
  BOOST_CHECK_EXCEPTION(resolve_secret(*parse_secret_ref("env:INVHOST_TEST_SECRET_UNSET")),
                        secret_error, [](const secret_error& e) {
                          return std::string(e.what()).find("not set") != std::string::npos;
                        });
}

BOOST_AUTO_TEST_CASE(file_secret_must_be_private) {
  test::temp_dir dir;
  const auto file = dir / "token";
  test::write_file(file, "file-secret-xyz\n");
  ::chmod(file.c_str(), 0644);
  try {
    (void)resolve_secret(*parse_secret_ref("file:" + file.string()));
    BOOST_FAIL("a world-readable secret file was accepted");
  } catch (const secret_error& e) {
    const std::string msg = e.what();
    BOOST_TEST(msg.find("chmod 600") != std::string::npos);
    BOOST_TEST(msg.find("file-secret-xyz") == std::string::npos);
  }
  ::chmod(file.c_str(), 0600);
  BOOST_TEST(resolve_secret(*parse_secret_ref("file:" + file.string())) == "file-secret-xyz");
  BOOST_CHECK_THROW(resolve_secret(*parse_secret_ref("file:" + (dir / "absent").string())),
                    secret_error);
}

BOOST_AUTO_TEST_CASE(redactor_hides_longest_first) {
  redactor r;
  r.add("abcdefgh");
  r.add("abcdefghijkl");
  r.add("");
  BOOST_TEST(r.apply("x abcdefghijkl y abcdefgh z") == "x *** y *** z");
}

BOOST_AUTO_TEST_CASE(redactor_masks_whole_values_only) {
  redactor r;
  r.add("a");         // too short to be a secret: masking it would garble every "a"
  r.add("xyz1234");   // seven characters: still too short
  r.add("xyz12345");  // eight: the minimum
  BOOST_TEST(r.apply("a cat ate xyz1234 and xyz12345") == "a cat ate xyz1234 and ***");
  BOOST_TEST(r.apply("xyz1234 xyz123456") == "xyz1234 ***6");  // the whole value, wherever it is
}

BOOST_AUTO_TEST_CASE(secrets_shorter_than_eight_characters_are_refused) {
  ::setenv("INVHOST_TEST_SECRET_SHORT", "q", 1);
  try {
    (void)resolve_secret(*parse_secret_ref("env:INVHOST_TEST_SECRET_SHORT"));
    BOOST_FAIL("a one-character secret was accepted");
  } catch (const secret_error& e) {
    const std::string msg = e.what();
    BOOST_TEST(msg.find("env:INVHOST_TEST_SECRET_SHORT") != std::string::npos, msg);
    BOOST_TEST(msg.find("at least 8 characters") != std::string::npos, msg);
  }
  BOOST_TEST(process_redactor().apply("quiet queue") == "quiet queue");
  // Counted in characters, not bytes: seven two-byte letters are still seven.
  ::setenv("INVHOST_TEST_SECRET_SHORT", "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
           1);
  BOOST_CHECK_THROW(resolve_secret(*parse_secret_ref("env:INVHOST_TEST_SECRET_SHORT")),
                    secret_error);
  ::setenv("INVHOST_TEST_SECRET_SHORT", "q1w2e3r4", 1);
  BOOST_TEST(resolve_secret(*parse_secret_ref("env:INVHOST_TEST_SECRET_SHORT")) == "q1w2e3r4");
  ::unsetenv("INVHOST_TEST_SECRET_SHORT");

  test::temp_dir dir;
  const auto file = dir / "token";
  test::write_file(file, "short\n");
  ::chmod(file.c_str(), 0600);
  BOOST_CHECK_THROW(resolve_secret(*parse_secret_ref("file:" + file.string())), secret_error);
}

BOOST_AUTO_TEST_SUITE_END()
