#include "invsdk_test/config_of.hpp"

#include <algorithm>

namespace invsdk_test {

owned_config::owned_config(std::vector<std::pair<std::string, std::string>> settings) {
  auto s = std::make_shared<storage>();
  s->pairs = std::move(settings);
  // Pointers into pairs are taken only after pairs reached its final size.
  s->settings.reserve(s->pairs.size());
  for (const auto& [k, v] : s->pairs)
    s->settings.push_back(invsdk_setting{{k.data(), k.size()}, {v.data(), v.size()}});
  s->config.struct_size = sizeof(invsdk_config);
  s->config.settings = s->settings.empty() ? nullptr : s->settings.data();
  s->config.count = s->settings.size();
  storage_ = std::move(s);
}

owned_config owned_config::with(const std::string& key, const std::string& value) const {
  auto pairs = storage_->pairs;
  auto it = std::find_if(pairs.begin(), pairs.end(), [&](const auto& p) { return p.first == key; });
  if (it != pairs.end())
    it->second = value;
  else
    pairs.emplace_back(key, value);
  return owned_config(std::move(pairs));
}

owned_config owned_config::without(const std::string& key) const {
  auto pairs = storage_->pairs;
  std::erase_if(pairs, [&](const auto& p) { return p.first == key; });
  return owned_config(std::move(pairs));
}

owned_config config_of(std::initializer_list<std::pair<std::string, std::string>> settings) {
  return owned_config(std::vector<std::pair<std::string, std::string>>(settings));
}

}  // namespace invsdk_test
