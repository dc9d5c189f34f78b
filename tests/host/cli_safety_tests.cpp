// The real invhost binary against hostile data and a careless environment: secrets kept out of
// core dumps and refused when too short to mask, source text made harmless on the terminal, and
// private file modes for everything the host writes.
#include "cli_host_home.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

using namespace invhost;
using test::contains;
using test::host_home;

BOOST_AUTO_TEST_SUITE(cli_safety)

BOOST_AUTO_TEST_CASE(the_host_process_is_not_dumpable) {
  host_home h;
  BOOST_TEST(h.run("connectors add d --adapter test-good --set mode=report_dumpable").code == 0);
  const auto r = h.run("connectors check d");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "dumpable=0"), r.out);
}

BOOST_AUTO_TEST_CASE(a_short_secret_is_refused_naming_the_setting_not_the_value) {
  host_home h;
  BOOST_TEST(h.run("connectors add s --adapter test-good --set mode=leak_secret --secret "
                   "token=env:SHORT_TOKEN")
                 .code == 0);
  // Seven characters: one short of the minimum.
  auto r = h.run("connectors check s", "SHORT_TOKEN=a7Qz9pX");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err + r.out, "invalid_config"), r.out + r.err);
  BOOST_TEST(contains(r.err + r.out, "'token'"), r.out + r.err);
  BOOST_TEST(contains(r.err + r.out, "at least 8 characters"), r.out + r.err);
  BOOST_TEST(!contains(r.err + r.out, "a7Qz9pX"));
  // Eight characters are enough; the adapter's echo of it is masked whole.
  r = h.run("connectors check s", "SHORT_TOKEN=a7Qz9pXw");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "connected with token ***"), r.out);
}

BOOST_AUTO_TEST_SUITE_END()
