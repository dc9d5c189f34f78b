#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <invhost/source_identity.hpp>

namespace invhost {
namespace {

std::string trimmed_lower(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  std::string out(text.substr(first, last - first + 1));
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string normalised(const setting_spec& spec, const std::string& value) {
  std::string text = trimmed_lower(value);
  if (spec.type == "integer") {
    long long n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec == std::errc{} && end == text.data() + text.size()) return std::to_string(n);
  }
  if (spec.type == "url")
    while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

}  // namespace

std::optional<std::string> source_identity(const connector_entry& c, const manifest& m) {
  if (m.source_identity.empty()) return std::nullopt;
  std::string out;
  for (const auto& part : m.source_identity) {
    std::string found;
    for (const auto& key : part) {
      const auto spec = m.settings.find(key);
      if (spec == m.settings.end()) continue;
      const auto given = c.settings.find(key);
      if (given != c.settings.end() && !trimmed_lower(given->second).empty()) {
        found = key + "=" + normalised(spec->second, given->second);
        break;
      }
      if (spec->second.default_value) {
        found = key + "=" + normalised(spec->second, *spec->second.default_value);
        break;
      }
    }
    out += (out.empty() ? "" : ", ") + (found.empty() ? part.front() + " unset" : found);
  }
  return out;
}

const connector_entry* same_source_as(const host_config& config, const manifest_catalog& catalog,
                                      const connector_entry& connection) {
  const manifest* m = catalog.find(connection.adapter);
  if (m == nullptr) return nullptr;
  const auto mine = source_identity(connection, *m);
  if (!mine) return nullptr;
  for (const auto& other : config.connectors) {
    if (other.id == connection.id) break;  // only those listed before it
    if (other.enabled && other.adapter == connection.adapter && source_identity(other, *m) == mine)
      return &other;
  }
  return nullptr;
}

std::string same_source_problem(const host_config& config, const manifest_catalog& catalog,
                                const connector_entry& connection) {
  const connector_entry* first = same_source_as(config, catalog, connection);
  if (first == nullptr) return {};
  return fmt::format(
      "connector '{}' imports the same source as '{}' ({} {}): together they would count every "
      "license twice",
      connection.id, first->id, connection.adapter,
      *source_identity(connection, *catalog.find(connection.adapter)));
}

}  // namespace invhost
