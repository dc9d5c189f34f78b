#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <invhost/inventory/run_lock.hpp>

BOOST_AUTO_TEST_SUITE(lock)

BOOST_AUTO_TEST_CASE(second_holder_is_refused_and_told_who_holds_it) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("invhost_lock_test_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "invhost.lock";
  {
    auto first = invhost::inventory::run_lock::try_acquire(file, "nightly");
    BOOST_REQUIRE(first.has_value());
    BOOST_TEST(!invhost::inventory::run_lock::try_acquire(file, "reconcile").has_value());
    const std::string who = invhost::inventory::run_lock::holder(file);
    BOOST_TEST(who.find("pid " + std::to_string(getpid())) != std::string::npos, who);
    BOOST_TEST(who.find("nightly") != std::string::npos);
  }
  BOOST_TEST(invhost::inventory::run_lock::try_acquire(file, "again").has_value());
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
