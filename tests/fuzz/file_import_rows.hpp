// What the file-import fuzz targets share: the input goes to a file (the readers read files,
// never memory) and is read against every stream's schema, strict and not, as an import would.
#ifndef INVHOST_FUZZ_FILE_IMPORT_ROWS_HPP
#define INVHOST_FUZZ_FILE_IMPORT_ROWS_HPP

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <row_source.hpp>
#include <string>
#include <table_schema.hpp>

namespace fuzz {

using open_fn = std::unique_ptr<file_import::row_source> (*)(const std::filesystem::path&,
                                                             const file_import::table_schema&, bool,
                                                             file_import::warn_fn);

// One file per process, rewritten for each input (libFuzzer runs inputs one after another) and
// removed when the process ends.
struct scratch_file {
  std::filesystem::path path;
  explicit scratch_file(const char* extension)
      : path(std::filesystem::temp_directory_path() /
             ("invhost-fuzz-" + std::to_string(::getpid()) + extension)) {}
  scratch_file(const scratch_file&) = delete;
  scratch_file& operator=(const scratch_file&) = delete;
  ~scratch_file() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
};

inline const std::filesystem::path& input_file(const char* extension) {
  static const scratch_file file(extension);
  return file.path;
}

inline void read_all_rows(const uint8_t* data, std::size_t size, const char* extension,
                          open_fn open) {
  const auto& file = input_file(extension);
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  for (const auto& schema : file_import::all_schemas()) {
    for (const bool strict : {true, false}) {
      // A file_error is the answer to a bad file; anything else escapes and is a finding.
      try {
        auto rows = open(file, schema, strict, [](const std::string&) {});
        file_import::row r;
        while (rows->next(r)) {
          if (r.values.size() != schema.columns.size()) std::abort();  // one value per column
          if (!r.problem) (void)file_import::check_row(schema, r);
        }
      } catch (const file_import::file_error&) {
      }
    }
  }
}

}  // namespace fuzz

#endif  // INVHOST_FUZZ_FILE_IMPORT_ROWS_HPP
