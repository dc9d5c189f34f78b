#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <fsm/packed_hash_set.hpp>
#include <random>
#include <unordered_set>

BOOST_AUTO_TEST_SUITE(packed_hash_set_suite)

BOOST_AUTO_TEST_CASE(neighbours_of_an_entry_are_not_the_entry) {
  // Entries that differ in one bit land in the same bucket or the next one: the lookup must
  // compare the whole value, not stop at the bucket.
  fsm::packed_hash_set set;
  std::mt19937_64 rng(11);
  std::unordered_set<uint64_t> inserted;
  for (int i = 0; i < 30000; ++i) {
    const uint64_t h = rng();
    set.insert(h);
    inserted.insert(h);
  }
  for (uint64_t h : inserted) {
    for (unsigned bit : {0U, 1U, 17U, 40U, 55U, 56U, 63U}) {
      const uint64_t neighbour = h ^ (uint64_t{1} << bit);
      BOOST_TEST_REQUIRE(set.contains(neighbour) == inserted.contains(neighbour));
    }
  }
}

BOOST_AUTO_TEST_CASE(sequential_and_extreme_values) {
  fsm::packed_hash_set set;
  for (uint64_t h = 0; h < 100000; ++h) BOOST_TEST_REQUIRE(set.insert(h));
  BOOST_TEST_REQUIRE(set.insert(~uint64_t{0}));
  for (uint64_t h = 0; h < 100000; ++h) BOOST_TEST_REQUIRE(!set.insert(h));
  BOOST_TEST(!set.insert(~uint64_t{0}));
  BOOST_TEST(set.contains(0));
  BOOST_TEST(!set.contains(100000));
  BOOST_TEST(set.size() == 100001U);
}

BOOST_AUTO_TEST_CASE(about_six_bytes_an_entry) {
  // The bound the connector's memory relies on: a flat hash table of 64-bit slots at the usual
  // load needs ten bytes an entry.
  fsm::packed_hash_set set;
  std::mt19937_64 rng(3);
  constexpr size_t entries = 200000;
  for (size_t i = 0; i < entries; ++i) set.insert(rng());
  BOOST_TEST_REQUIRE(set.size() == entries);
  const size_t entry_bytes = set.memory_bytes() - sizeof(fsm::packed_hash_set);
  BOOST_TEST(entry_bytes <= entries * 7);
  BOOST_TEST(entry_bytes >= entries * 5);  // far under 6 bytes would mean entries went missing
}

BOOST_AUTO_TEST_SUITE_END()
