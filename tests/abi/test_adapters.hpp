// Where the test adapters were built, and their manifests.
#ifndef INVHOST_TEST_ADAPTERS_HPP
#define INVHOST_TEST_ADAPTERS_HPP

#include <filesystem>
#include <invhost/manifest.hpp>
#include <string>

namespace invhost::test {

inline std::filesystem::path adapter_dir() {
  return INVHOST_TEST_ADAPTER_DIR;
}

// The manifest copied next to the test adapter's library.
inline manifest test_manifest(const std::string& id) {
  return load_manifest(adapter_dir() / (id + ".json"));
}

}  // namespace invhost::test

#endif
