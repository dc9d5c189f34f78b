// Which database backends a test run covers. CTest runs each suite that works on both as two
// entries, one per backend (tests/CMakeLists.txt), so that a run without PostgreSQL shows that
// part as skipped rather than passed.
#ifndef INVHOST_TEST_BACKEND_CHOICE_HPP
#define INVHOST_TEST_BACKEND_CHOICE_HPP

#include <cstdlib>
#include <string_view>

namespace invhost_test {

// True when INVHOST_TEST_BACKENDS is unset or empty (both backends, as when a suite is run by
// hand) or names this backend ("sqlite" or "postgresql").
inline bool backend_chosen(std::string_view backend) {
  const char* only = std::getenv("INVHOST_TEST_BACKENDS");  // NOLINT(concurrency-mt-unsafe)
  return only == nullptr || *only == '\0' || backend == only;
}

}  // namespace invhost_test

#endif  // INVHOST_TEST_BACKEND_CHOICE_HPP
