// What invhost.toml holds for a configuration, table by table, as TOML text: the one description
// that writing a whole file and editing a person's file in place both follow.
#ifndef INVHOST_CONFIG_LAYOUT_HPP
#define INVHOST_CONFIG_LAYOUT_HPP

#include <invhost/host_config.hpp>
#include <string>
#include <utility>
#include <vector>

namespace invhost::config_layout {

struct table_values {
  // Table names below [host] (`{"host"}`, `{"host", "top_bar_link"}`) or below one [[connector]]
  // (`{}` for the connector itself, `{"settings"}`, ...).
  std::vector<std::string> path;
  std::vector<std::pair<std::string, std::string>> values;  // key, TOML value text
  bool written_when_empty = false;
};

std::vector<table_values> host_tables(const host_config& config);
std::vector<table_values> connector_tables(const connector_entry& connector);

// A table's header line (none for an empty header) and its key = value lines.
std::string table_text(const std::vector<std::string>& header,
                       const std::vector<std::pair<std::string, std::string>>& values);

// "[[connector]]" and its tables, ready to append to a file.
std::string connector_text(const connector_entry& connector);

// "a.b" with each name quoted when it must be.
std::string dotted(const std::vector<std::string>& names);

}  // namespace invhost::config_layout

#endif
