// The store and the logger create private files whatever the process umask.
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <invhost/host_log.hpp>
#include <invhost/private_files.hpp>
#include <invhost/store.hpp>

#include "test_support.hpp"

using namespace invhost;

namespace {

unsigned mode_of(const std::filesystem::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return 07777;
  return st.st_mode & 07777;
}

// A permissive umask for the scope of one test.
struct permissive_umask {
  mode_t old = ::umask(022);
  permissive_umask() = default;
  permissive_umask(const permissive_umask&) = delete;
  permissive_umask& operator=(const permissive_umask&) = delete;
  ~permissive_umask() { ::umask(old); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(private_files)

BOOST_AUTO_TEST_CASE(a_new_sqlite_database_and_its_folder_are_private) {
  test::temp_dir dir;
  const permissive_umask guard;
  const auto file = dir / "data" / "inv.db";
  auto db = store::open("sqlite://" + file.string());
  BOOST_TEST(mode_of(dir / "data") == 0700U);
  BOOST_TEST(mode_of(file) == 0600U);
  BOOST_TEST(mode_of(file.string() + "-wal") == 0600U);  // open, so the WAL exists
  BOOST_TEST(mode_of(file.string() + "-shm") == 0600U);
}

BOOST_AUTO_TEST_CASE(the_log_file_and_its_folder_are_private) {
  test::temp_dir dir;
  const permissive_umask guard;
  configure_host_log(log_level::off, true, dir / "logs" / "invhost.log");
  BOOST_TEST(mode_of(dir / "logs") == 0700U);
  BOOST_TEST(mode_of(dir / "logs" / "invhost.log") == 0600U);
  configure_host_log(log_level::warn, false, std::nullopt);
}

BOOST_AUTO_TEST_CASE(an_existing_folder_is_tightened_warned_about_or_kept_as_asked) {
  test::temp_dir dir;
  for (const char* name : {"t", "w", "k"}) {
    std::filesystem::create_directory(dir / name);
    std::filesystem::permissions(dir / name, std::filesystem::perms(0755));
  }
  create_private_dir(dir / "t", existing_mode::tighten);
  create_private_dir(dir / "w", existing_mode::warn);
  create_private_dir(dir / "k", existing_mode::keep);
  BOOST_TEST(mode_of(dir / "t") == 0700U);
  BOOST_TEST(mode_of(dir / "w") == 0755U);
  BOOST_TEST(mode_of(dir / "k") == 0755U);
}

BOOST_AUTO_TEST_SUITE_END()
