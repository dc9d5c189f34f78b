// The directory a file-reading adapter imports from: its setting and its presence.
#ifndef FILE_IMPORT_EXPORT_DIRECTORY_HPP
#define FILE_IMPORT_EXPORT_DIRECTORY_HPP

#include <filesystem>
#include <invsdk/adapter_base.hpp>

namespace file_import {

// The required setting 'directory'. Throws INVALID_CONFIG when it is absent, empty or longer than
// 4096 bytes. Does not touch the file system.
std::filesystem::path directory_setting(const invsdk::config& settings);

// Throws IO naming the directory when it is not an available directory.
void require_directory(const std::filesystem::path& dir);

}  // namespace file_import

#endif  // FILE_IMPORT_EXPORT_DIRECTORY_HPP
