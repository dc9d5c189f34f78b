// The host's own settings ([host] in invhost.toml) by name, for `invhost settings`.
#ifndef INVHOST_HOST_SETTINGS_HPP
#define INVHOST_HOST_SETTINGS_HPP

#include <invhost/host_config.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace invhost {

struct host_setting {
  std::string key;  // as written under [host]: "stale_after_hours", "top_bar_link.url"
  std::string description;
};

const std::vector<host_setting>& host_settings();

// The setting's value as text ("" when unset; a list joined with ':').
std::string host_setting_value(const host_config& config, std::string_view key);
[[nodiscard]] bool host_setting_is_default(const host_config& config, std::string_view key);

// Sets a setting from text, checked by the same rules as reading invhost.toml (adapter_paths:
// folders separated by ':'). Throws config_error naming the setting.
void set_host_setting(host_config& config, std::string_view key, const std::string& text);
// Back to its default. Throws config_error for an unknown key.
void unset_host_setting(host_config& config, std::string_view key);

}  // namespace invhost

#endif
