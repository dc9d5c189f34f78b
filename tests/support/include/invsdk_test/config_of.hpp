// Connector settings as an invsdk_config that stays valid as long as the object lives.
#ifndef INVSDK_TEST_CONFIG_OF_HPP
#define INVSDK_TEST_CONFIG_OF_HPP

#include <invsdk/adapter.h>

#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace invsdk_test {

// Owns the key/value text and the settings array an invsdk_config points into. Copies share the
// same storage (immutable), so a copy's get() stays valid too.
class owned_config {
 public:
  explicit owned_config(std::vector<std::pair<std::string, std::string>> settings);

  // Valid while this object (or a copy) lives.
  [[nodiscard]] const invsdk_config* get() const noexcept { return &storage_->config; }
  operator const invsdk_config*() const noexcept { return get(); }  // NOLINT: ABI convenience

  // A new config with key set to value (added or replaced).
  [[nodiscard]] owned_config with(const std::string& key, const std::string& value) const;
  // A new config without key.
  [[nodiscard]] owned_config without(const std::string& key) const;

 private:
  struct storage {
    std::vector<std::pair<std::string, std::string>> pairs;
    std::vector<invsdk_setting> settings;
    invsdk_config config{};
  };
  std::shared_ptr<const storage> storage_;
};

// config_of({{"directory", "/data"}, {"format", "csv"}})
owned_config config_of(std::initializer_list<std::pair<std::string, std::string>> settings);

}  // namespace invsdk_test

#endif  // INVSDK_TEST_CONFIG_OF_HPP
