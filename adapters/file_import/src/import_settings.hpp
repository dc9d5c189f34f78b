// The file-import connector's settings, parsed and checked without touching the disk.
#ifndef FILE_IMPORT_IMPORT_SETTINGS_HPP
#define FILE_IMPORT_IMPORT_SETTINGS_HPP

#include <filesystem>
#include <invsdk/adapter_base.hpp>
#include <optional>
#include <string>

namespace file_import {

enum class file_format { csv, json, automatic };

struct import_settings {
  std::filesystem::path directory;
  file_format format = file_format::automatic;
  std::optional<std::string> link_template;  // contains {external_id}
  bool strict = true;
};

// Throws invsdk::error(INVALID_CONFIG) naming the setting at fault.
import_settings parse_settings(const invsdk::config& config);

// link_template with {external_id} replaced by the percent-encoded id.
std::string expand_link(const std::string& link_template, std::string_view external_id);

}  // namespace file_import

#endif  // FILE_IMPORT_IMPORT_SETTINGS_HPP
