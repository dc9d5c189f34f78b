#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <fsm/term_index.hpp>
#include <map>
#include <random>
#include <string>

BOOST_AUTO_TEST_SUITE(term_index_suite)

BOOST_AUTO_TEST_CASE(agrees_with_a_standard_map_through_growth) {
  fsm::term_index index;
  std::map<std::string, std::string> reference;
  std::mt19937_64 rng(7);
  for (uint64_t license = 0; license < 3000; ++license) {
    const std::string license_id = "lic-" + std::to_string(license);
    for (uint64_t term = 0; term < 2; ++term) {
      // One id in ten names a term already added: it moves to the later license.
      const std::string term_id = (rng() % 10 == 0 && license > 0)
                                      ? "term-" + std::to_string(rng() % (2 * license)) + "-x"
                                      : "term-" + std::to_string(2 * license + term) + "-x";
      index.add(term_id, license_id);
      reference[term_id] = license_id;
    }
  }
  BOOST_TEST(index.size() == reference.size());
  for (const auto& [term, license] : reference) {
    const auto found = index.license_of(term);
    BOOST_REQUIRE(found.has_value());
    BOOST_TEST(*found == license);
  }
}

BOOST_AUTO_TEST_CASE(an_unknown_or_partial_id_is_not_found) {
  fsm::term_index index;
  BOOST_TEST(!index.license_of("t-1").has_value());
  index.add("t-1", "l-1");
  index.add("t-10", "l-2");
  BOOST_TEST(!index.license_of("t-").has_value());
  BOOST_TEST(!index.license_of("t-100").has_value());
  BOOST_TEST(!index.license_of("").has_value());
  BOOST_TEST(*index.license_of("t-1") == "l-1");
  BOOST_TEST(*index.license_of("t-10") == "l-2");
}

BOOST_AUTO_TEST_CASE(a_license_met_again_later_keeps_its_terms_apart) {
  // Licenses normally arrive with their terms together; one interrupted by another still works.
  fsm::term_index index;
  index.add("a", "L1");
  index.add("b", "L2");
  index.add("c", "L1");
  BOOST_TEST(*index.license_of("a") == "L1");
  BOOST_TEST(*index.license_of("b") == "L2");
  BOOST_TEST(*index.license_of("c") == "L1");
}

BOOST_AUTO_TEST_SUITE_END()
