// Settings as the adapter receives them.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <invhost/adapter_settings.hpp>
#include <invhost/secrets.hpp>

namespace invhost {

void check_setting(const manifest& info, const std::string& key, const std::string& value,
                   bool is_secret) {
  const auto it = info.settings.find(key);
  if (it == info.settings.end()) {
    std::string known;
    for (const auto& [k, s] : info.settings) known += (known.empty() ? "" : ", ") + k;
    throw settings_error(
        fmt::format("adapter '{}' has no setting '{}' (it takes: {})", info.id, key, known));
  }
  const setting_spec& spec = it->second;
  if (spec.secret && !is_secret)
    throw settings_error(
        fmt::format("'{}' is a secret: give it with --secret {}=env:VAR or --secret {}=file:PATH",
                    key, key, key));
  if (!spec.secret && is_secret)
    throw settings_error(
        fmt::format("'{}' is not a secret: give it with --set {}=VALUE", key, key));
  if (is_secret) {
    if (!parse_secret_ref(value))
      throw settings_error(fmt::format(
          "secret '{}' must be a reference (env:VAR or file:/path), never the secret itself", key));
    return;
  }
  if (value.size() > 64 * 1024)
    throw settings_error(fmt::format("setting '{}' is longer than 64 KiB", key));
  if (spec.type == "integer") {
    long long n = 0;
    const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc{} || p != value.data() + value.size())
      throw settings_error(fmt::format("setting '{}' must be an integer", key));
  } else if (spec.type == "boolean" && value != "true" && value != "false") {
    throw settings_error(fmt::format("setting '{}' must be true or false", key));
  }
  if (!spec.allowed.empty() &&
      std::find(spec.allowed.begin(), spec.allowed.end(), value) == spec.allowed.end()) {
    std::string options;
    for (const auto& a : spec.allowed) options += (options.empty() ? "" : ", ") + a;
    throw settings_error(fmt::format("setting '{}' must be one of: {}", key, options));
  }
}

resolved_settings::resolved_settings(const connector_entry& entry, const manifest& info) {
  for (const auto& [key, spec] : info.settings)
    if (spec.default_value && !spec.secret) values_[key] = *spec.default_value;
  for (const auto& [key, value] : entry.settings) {
    check_setting(info, key, value, false);
    values_[key] = value;
  }
  for (const auto& [key, ref_text] : entry.secrets) {
    check_setting(info, key, ref_text, true);
    try {
      values_[key] = resolve_secret(*parse_secret_ref(ref_text));
    } catch (const secret_error& e) {
      throw secret_error(
          fmt::format("setting '{}': {}", key, e.what()));  // which setting, never the value
    }
  }
  for (const auto& [key, spec] : info.settings)
    if (spec.required && values_.count(key) == 0)
      throw settings_error(fmt::format("connector '{}': setting '{}' is required by adapter '{}'",
                                       entry.id, key, info.id));
  array_.reserve(values_.size());
  for (const auto& [k, v] : values_) array_.push_back({{k.data(), k.size()}, {v.data(), v.size()}});
  config_.struct_size = sizeof(invsdk_config);
  config_.settings = array_.data();
  config_.count = array_.size();
}

}  // namespace invhost
