// A connector's settings as the adapter receives them: defaults applied, secrets resolved.
#ifndef INVHOST_ADAPTER_SETTINGS_HPP
#define INVHOST_ADAPTER_SETTINGS_HPP

#include <invsdk/adapter.h>

#include <invhost/host_config.hpp>
#include <invhost/manifest.hpp>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace invhost {

// A setting problem found by the host itself (unknown key, secret given as a plain setting...).
class settings_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Checks one key/value against the manifest: the key exists, its secrecy matches is_secret, and a
// non-secret value fits its type (integer, boolean) and enum. Throws settings_error.
void check_setting(const manifest& info, const std::string& key, const std::string& value,
                   bool is_secret);

// Owns the texts an invsdk_config points at. Secret values live only here, in memory.
class resolved_settings {
 public:
  // Applies manifest defaults, resolves secret references now. Throws settings_error or
  // secret_error (never with a value in the message).
  resolved_settings(const connector_entry& entry, const manifest& info);
  resolved_settings(const resolved_settings&) = delete;
  resolved_settings& operator=(const resolved_settings&) = delete;

  [[nodiscard]] const invsdk_config& c_config() const noexcept { return config_; }

 private:
  std::map<std::string, std::string> values_;
  std::vector<invsdk_setting> array_;
  invsdk_config config_{};
};

}  // namespace invhost

#endif
