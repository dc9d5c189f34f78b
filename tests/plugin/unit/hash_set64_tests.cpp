#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <fsm/hash_set64.hpp>
#include <random>

BOOST_AUTO_TEST_SUITE(hash_set64_suite)

BOOST_AUTO_TEST_CASE(load_stays_between_70_and_90_percent) {
  // The memory bound the pager relies on; agreement with a standard set is checked in
  // hash_set_agreement_tests.cpp.
  fsm::hash_set64 set;
  std::mt19937_64 rng(42);
  for (int i = 0; i < 50000; ++i) set.insert(rng());
  BOOST_TEST_REQUIRE(set.size() == 50000U);
  BOOST_TEST(set.size() * 10 <= set.capacity() * 9);
  BOOST_TEST(set.size() * 10 >= set.capacity() * 7);
  BOOST_TEST(set.capacity() <= 4 * set.size());
}

BOOST_AUTO_TEST_CASE(hashes_alike_in_their_high_bits_still_spread) {
  // Sequential values differ only in their low bits; they must not pile into one shard, or that
  // shard alone would grow and the set would hold far more than it needs.
  fsm::hash_set64 set;
  for (uint64_t h = 1; h <= 100000; ++h) BOOST_TEST_REQUIRE(set.insert(h));
  for (uint64_t h = 1; h <= 100000; ++h) BOOST_TEST_REQUIRE(!set.insert(h));
  BOOST_TEST(set.size() == 100000U);
  BOOST_TEST(set.capacity() <= 4 * set.size());
}

BOOST_AUTO_TEST_CASE(zero_is_a_value_like_any_other) {
  fsm::hash_set64 set;
  BOOST_TEST(!set.contains(0));
  BOOST_TEST(set.insert(0));
  BOOST_TEST(!set.insert(0));
  BOOST_TEST(set.contains(0));
  BOOST_TEST(set.size() == 1U);
}

BOOST_AUTO_TEST_SUITE_END()
