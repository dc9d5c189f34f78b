#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <functional>
#include <invhost/host_settings.hpp>
#include <invhost/toml_text.hpp>

namespace invhost {
namespace {

enum class kind { text, integer, boolean, path_list, name_list };

// Each setting: how it is written in TOML, how to read it, and how to copy it between configs.
struct setting_rule {
  host_setting info;
  kind type;
  std::function<std::string(const host_config&)> show;
  std::function<void(host_config& to, const host_config& from)> copy;
};

std::string join_paths(const std::vector<std::filesystem::path>& paths) {
  std::string out;
  for (const auto& p : paths) out += (out.empty() ? "" : ":") + p.string();
  return out;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ",") + n;
  return out;
}

// Text split at each separator into a TOML array of strings; a name_list's items are trimmed.
std::string toml_array(const std::string& text, char separator, bool trim) {
  std::string out = "[";
  std::size_t from = 0;
  while (from <= text.size()) {
    const std::size_t end = std::min(text.find(separator, from), text.size());
    std::string item = text.substr(from, end - from);
    if (trim) {
      const auto b = item.find_first_not_of(" \t");
      item = b == std::string::npos ? "" : item.substr(b, item.find_last_not_of(" \t") - b + 1);
    }
    out += (out.size() > 1 ? ", " : "") + toml_string(item);
    from = end + 1;
  }
  return out + "]";
}

const std::vector<setting_rule>& rules() {
  static const std::vector<setting_rule> all{
      {{"database", "Database connection string; unset: the SQLite file in the home"},
       kind::text,
       [](const host_config& c) { return c.database; },
       [](host_config& to, const host_config& from) { to.database = from.database; }},
      {{"adapter_paths", "Extra folders searched for adapters, separated by ':'"},
       kind::path_list,
       [](const host_config& c) { return join_paths(c.adapter_paths); },
       [](host_config& to, const host_config& from) { to.adapter_paths = from.adapter_paths; }},
      {{"import_timeout_seconds", "Wall-clock limit of each adapter process"},
       kind::integer,
       [](const host_config& c) { return std::to_string(c.import_timeout_seconds); },
       [](host_config& to, const host_config& from) {
         to.import_timeout_seconds = from.import_timeout_seconds;
       }},
      {{"adapter_memory_mib", "Memory limit of each adapter process, MiB; 0 = unlimited"},
       kind::integer,
       [](const host_config& c) { return std::to_string(c.adapter_memory_mib); },
       [](host_config& to, const host_config& from) {
         to.adapter_memory_mib = from.adapter_memory_mib;
       }},
      {{"stale_after_hours", "'invhost health': an import older than this is stale"},
       kind::integer,
       [](const host_config& c) { return std::to_string(c.stale_after_hours); },
       [](host_config& to, const host_config& from) {
         to.stale_after_hours = from.stale_after_hours;
       }},
      {{"metrics_textfile_dir", "Folder where each run writes invhost.prom for node_exporter"},
       kind::text,
       [](const host_config& c) { return c.metrics_textfile_dir.string(); },
       [](host_config& to, const host_config& from) {
         to.metrics_textfile_dir = from.metrics_textfile_dir;
       }},
      {{"internal_domains",
        "The organisation's email domains, separated by ','; users of any other are external "
        "(unset: none known, nobody is flagged)"},
       kind::name_list,
       [](const host_config& c) { return join_names(c.internal_domains); },
       [](host_config& to, const host_config& from) {
         to.internal_domains = from.internal_domains;
       }},
      {{"people_strip_plus_addressing", "People: a+tag@example.com is a@example.com"},
       kind::boolean,
       [](const host_config& c) {
         return std::string(c.people_strip_plus_addressing ? "true" : "false");
       },
       [](host_config& to, const host_config& from) {
         to.people_strip_plus_addressing = from.people_strip_plus_addressing;
       }},
      {{"exclude_accounts",
        "Accounts counted in no license, e.g. noreply@*,svc-*@* (patterns separated by ',')"},
       kind::name_list,
       [](const host_config& c) { return join_names(c.exclude_accounts); },
       [](host_config& to, const host_config& from) {
         to.exclude_accounts = from.exclude_accounts;
       }},
      {{"top_bar_link.enabled", "Show the Flexera SaaS Manager link in the top bar"},
       kind::boolean,
       [](const host_config& c) { return std::string(c.top_bar.enabled ? "true" : "false"); },
       [](host_config& to, const host_config& from) { to.top_bar.enabled = from.top_bar.enabled; }},
      {{"top_bar_link.url", "Where the top-bar link goes"},
       kind::text,
       [](const host_config& c) { return c.top_bar.url; },
       [](host_config& to, const host_config& from) { to.top_bar.url = from.top_bar.url; }},
  };
  return all;
}

const setting_rule& rule(std::string_view key) {
  for (const auto& r : rules())
    if (r.info.key == key) return r;
  std::string known;
  for (const auto& r : rules()) known += (known.empty() ? "" : ", ") + r.info.key;
  throw config_error(fmt::format("no host setting '{}' (there are: {})", key, known));
}

std::string toml_value(kind type, const std::string& text) {
  switch (type) {
    case kind::integer: {
      long long n = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (ec == std::errc{} && end == text.data() + text.size()) return std::to_string(n);
      return toml_string(text);  // refused below by the setting's own rule, with its bounds
    }
    case kind::boolean:
      return text == "true" || text == "false" ? text : toml_string(text);
    case kind::path_list:
      return toml_array(text, ':', false);
    case kind::name_list:
      return toml_array(text, ',', true);
    case kind::text:
      break;
  }
  return toml_string(text);
}

}  // namespace

const std::vector<host_setting>& host_settings() {
  static const std::vector<host_setting> all = [] {
    std::vector<host_setting> out;
    for (const auto& r : rules()) out.push_back(r.info);
    return out;
  }();
  return all;
}

std::string host_setting_value(const host_config& config, std::string_view key) {
  return rule(key).show(config);
}

bool host_setting_is_default(const host_config& config, std::string_view key) {
  const auto& r = rule(key);
  return r.show(config) == r.show(host_config{});
}

void set_host_setting(host_config& config, std::string_view key, const std::string& text) {
  const auto& r = rule(key);
  // The value goes through the same reader as the file, so the CLI can never store what a file
  // could not hold.
  const auto dot = r.info.key.find('.');
  const std::string table = dot == std::string::npos ? "host" : "host." + r.info.key.substr(0, dot);
  const std::string name = dot == std::string::npos ? r.info.key : r.info.key.substr(dot + 1);
  if ((r.type == kind::text || r.type == kind::name_list) && text.empty() &&
      r.info.key != "top_bar_link.url")
    throw config_error(
        fmt::format("host setting '{}' cannot be empty; use 'invhost settings "
                    "unset {}' for its default",
                    key, key));
  const std::string snippet =
      fmt::format("[{}]\n{} = {}\n", table, toml_key(name), toml_value(r.type, text));
  host_config parsed;
  try {
    parsed = parse_config(snippet, "setting");
  } catch (const config_error& e) {
    // "setting:2:1: host.x must be ..." : the place in a two-line snippet means nothing here.
    std::string what = e.what();
    const auto rest = what.find(": ");
    throw config_error(rest == std::string::npos ? what : what.substr(rest + 2));
  }
  r.copy(config, parsed);
}

void unset_host_setting(host_config& config, std::string_view key) {
  rule(key).copy(config, host_config{});
}

}  // namespace invhost
