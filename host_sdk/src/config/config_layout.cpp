#include "config_layout.hpp"

#include <fmt/format.h>

#include <invhost/calendar.hpp>
#include <invhost/toml_text.hpp>

namespace invhost::config_layout {
namespace {

std::string boolean(bool b) {
  return b ? "true" : "false";
}

// Secret dates are TOML local dates, so a person reads and writes them without quotes.
std::vector<std::pair<std::string, std::string>> dates(
    const std::map<std::string, std::string>& by_secret) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [key, day] : by_secret)
    out.emplace_back(key, format_calendar_date(*parse_calendar_date(day)));
  return out;
}

std::vector<std::pair<std::string, std::string>> texts(
    const std::map<std::string, std::string>& values) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [key, value] : values) out.emplace_back(key, toml_string(value));
  return out;
}

// A TOML array of strings on one line.
std::string string_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const auto& item : items) out += (out.size() > 1 ? ", " : "") + toml_string(item);
  return out + "]";
}

}  // namespace

std::string dotted(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ".") + toml_key(n);
  return out;
}

std::string table_text(const std::vector<std::string>& header,
                       const std::vector<std::pair<std::string, std::string>>& values) {
  std::string out = header.empty() ? "" : "[" + dotted(header) + "]\n";
  for (const auto& [key, value] : values) out += toml_key(key) + " = " + value + "\n";
  return out;
}

std::vector<table_values> host_tables(const host_config& config) {
  table_values host{{"host"}, {}, true};
  auto& v = host.values;
  if (!config.database.empty()) v.emplace_back("database", toml_string(config.database));
  if (!config.adapter_paths.empty()) {
    std::vector<std::string> paths;
    for (const auto& p : config.adapter_paths) paths.push_back(p.string());
    v.emplace_back("adapter_paths", string_array(paths));
  }
  if (config.import_timeout_seconds != default_import_timeout_seconds)
    v.emplace_back("import_timeout_seconds", std::to_string(config.import_timeout_seconds));
  if (config.adapter_memory_mib != default_adapter_memory_mib)
    v.emplace_back("adapter_memory_mib", std::to_string(config.adapter_memory_mib));
  if (config.stale_after_hours != default_stale_after_hours)
    v.emplace_back("stale_after_hours", std::to_string(config.stale_after_hours));
  if (!config.metrics_textfile_dir.empty())
    v.emplace_back("metrics_textfile_dir", toml_string(config.metrics_textfile_dir.string()));
  if (!config.internal_domains.empty())
    v.emplace_back("internal_domains", string_array(config.internal_domains));
  if (config.people_strip_plus_addressing) v.emplace_back("people_strip_plus_addressing", "true");
  if (!config.exclude_accounts.empty())
    v.emplace_back("exclude_accounts", string_array(config.exclude_accounts));
  table_values link{
      {"host", "top_bar_link"},
      {{"enabled", boolean(config.top_bar.enabled)}, {"url", toml_string(config.top_bar.url)}},
      true};
  return {std::move(host), std::move(link)};
}

std::vector<table_values> connector_tables(const connector_entry& c) {
  table_values self{{}, {{"id", toml_string(c.id)}, {"adapter", toml_string(c.adapter)}}, true};
  self.values.emplace_back("enabled", boolean(c.enabled));
  if (c.keep_when_superseded) self.values.emplace_back("keep_when_superseded", "true");
  if (c.import_timeout_seconds)
    self.values.emplace_back("import_timeout_seconds", std::to_string(*c.import_timeout_seconds));
  return {std::move(self),
          {{"settings"}, texts(c.settings), true},
          {{"secrets"}, texts(c.secrets), true},
          {{"secrets_created"}, dates(c.secrets_created), false},
          {{"secrets_expire"}, dates(c.secrets_expire), false}};
}

std::string connector_text(const connector_entry& c) {
  std::string out = "[[connector]]\n";
  for (const auto& t : connector_tables(c)) {
    if (t.path.empty()) {
      out += table_text({}, t.values);
      continue;
    }
    if (t.values.empty() && !t.written_when_empty) continue;
    std::vector<std::string> header{"connector"};
    header.insert(header.end(), t.path.begin(), t.path.end());
    out += table_text(header, t.values);
  }
  return out;
}

}  // namespace invhost::config_layout
