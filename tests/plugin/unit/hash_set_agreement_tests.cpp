// Both sets of 64-bit hashes (the pager's flat table and the importer's packed set of people)
// must answer exactly like a standard set, through every growth or merge.
#include <boost/mpl/list.hpp>
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <fsm/hash_set64.hpp>
#include <fsm/packed_hash_set.hpp>
#include <random>
#include <unordered_set>

using hash_sets = boost::mpl::list<fsm::hash_set64, fsm::packed_hash_set>;

BOOST_AUTO_TEST_SUITE(hash_set_agreement_suite)

BOOST_AUTO_TEST_CASE_TEMPLATE(agrees_with_a_standard_set, Set, hash_sets) {
  Set set;
  std::unordered_set<uint64_t> reference;
  std::mt19937_64 rng(7);
  for (int i = 0; i < 200000; ++i) {
    // Small values repeat often, so both "new" and "already there" answers are exercised: for the
    // packed set, for values still waiting in a shard's buffer and for values already coded.
    const uint64_t h = (i % 3 == 0) ? rng() % 20000 : rng();
    BOOST_TEST_REQUIRE(set.insert(h) == reference.insert(h).second);
  }
  BOOST_TEST(set.size() == reference.size());
  for (uint64_t h : reference) BOOST_TEST_REQUIRE(set.contains(h));
  // Values never inserted are not found, wherever they would sit.
  std::mt19937_64 other(8);
  for (int i = 0; i < 100000; ++i) {
    const uint64_t h = other();
    BOOST_TEST_REQUIRE(set.contains(h) == reference.contains(h));
  }
}

BOOST_AUTO_TEST_SUITE_END()
