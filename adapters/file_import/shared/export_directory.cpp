#include "export_directory.hpp"

#include <system_error>

namespace file_import {

std::filesystem::path directory_setting(const invsdk::config& settings) {
  const std::string dir = settings.require("directory");
  if (dir.size() > 4096)
    throw invsdk::error(INVSDK_STATUS_INVALID_CONFIG, "setting 'directory' is too long");
  return dir;
}

void require_directory(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw invsdk::error(INVSDK_STATUS_IO, "directory '" + dir.string() + "' is not available");
}

}  // namespace file_import
