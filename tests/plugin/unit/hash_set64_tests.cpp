#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <fsm/hash_set64.hpp>
#include <random>
#include <unordered_set>

BOOST_AUTO_TEST_SUITE(hash_set64_suite)

BOOST_AUTO_TEST_CASE(agrees_with_a_standard_set_through_growth) {
  fsm::hash_set64 set;
  std::unordered_set<uint64_t> reference;
  std::mt19937_64 rng(42);
  for (int i = 0; i < 50000; ++i) {
    // Small values repeat often, so both "new" and "already there" answers are exercised.
    const uint64_t h = (i % 3 == 0) ? rng() % 5000 : rng();
    BOOST_TEST(set.insert(h) == reference.insert(h).second);
  }
  BOOST_TEST(set.size() == reference.size());
  for (uint64_t h : reference) BOOST_TEST(set.contains(h));
  BOOST_TEST(!set.contains(0xdeadbeefcafef00dULL));
  // Load stays at or under 90 %, and over 70 % once every shard has grown: the memory bound the
  // connector relies on.
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
