// Helpers shared by the host and ABI tests: unique temporary folders, PostgreSQL test schemas.
#ifndef INVHOST_TEST_SUPPORT_HPP
#define INVHOST_TEST_SUPPORT_HPP

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>

#include "../support/include/invhost_test/backend_choice.hpp"

namespace invhost::test {

// A fresh folder removed at the end of the test. Unique per process and instance.
class temp_dir {
 public:
  temp_dir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("invhost-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
             std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all, ec);
    std::filesystem::remove_all(path_, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::filesystem::path operator/(const std::string& name) const {
    return path_ / name;
  }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// $INVHOST_TEST_PG without its "postgresql://" prefix, or nullopt when unset or when
// INVHOST_TEST_BACKENDS chose SQLite only.
inline std::optional<std::string> pg_keywords() {
  if (!invhost_test::backend_chosen("postgresql")) return std::nullopt;
  const char* v = std::getenv("INVHOST_TEST_PG");  // NOLINT(concurrency-mt-unsafe)
  if (v == nullptr || *v == '\0') return std::nullopt;
  std::string s(v);
  if (s.starts_with("postgresql://")) s = s.substr(13);
  return s;
}

}  // namespace invhost::test

#endif
