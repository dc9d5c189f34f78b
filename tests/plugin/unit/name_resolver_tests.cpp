// Name resolution with its own limit: an address literal resolves to itself; a .invalid name
// never exists (RFC 6761), which the machine's DNS server answers at once.
#include <boost/test/unit_test.hpp>
#include <fsm/http_client.hpp>
#include <fsm/name_resolver.hpp>

BOOST_AUTO_TEST_SUITE(name_resolution)

BOOST_AUTO_TEST_CASE(its_limit_is_the_request_timeout_at_most_ten_seconds) {
  BOOST_TEST(fsm::dns_timeout_for(std::chrono::seconds(60)).count() == 10000);
  BOOST_TEST(fsm::dns_timeout_for(std::chrono::seconds(10)).count() == 10000);
  BOOST_TEST(fsm::dns_timeout_for(std::chrono::seconds(3)).count() == 3000);
}

BOOST_AUTO_TEST_CASE(an_address_resolves_to_itself_with_its_port) {
  fsm::name_resolver resolver;
  const auto r = resolver.resolve("127.0.0.1", "8443", std::chrono::seconds(5));
  BOOST_TEST_REQUIRE((r.failure == fsm::resolution_failure::none), r.detail);
  BOOST_TEST_REQUIRE(r.addresses.size() == 1U);
  BOOST_TEST(r.addresses[0].address().to_string() == "127.0.0.1");
  BOOST_TEST(r.addresses[0].port() == 8443);
}

BOOST_AUTO_TEST_CASE(a_name_that_does_not_exist_is_not_found) {
  fsm::name_resolver resolver;
  // A generous limit: the answer comes from the machine's DNS server, which may be slow once;
  // the resolver returns as soon as it answers.
  const auto r = resolver.resolve("nonexistent.invalid", "443", std::chrono::seconds(30));
  BOOST_TEST((r.failure == fsm::resolution_failure::not_found), r.detail);
  BOOST_TEST(r.addresses.empty());
  BOOST_TEST(!r.detail.empty());
}

BOOST_AUTO_TEST_SUITE_END()
