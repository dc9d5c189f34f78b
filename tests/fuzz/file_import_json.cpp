// Fuzzes the file-import connector's incremental JSON reader and its row checks.
#include "file_import_rows.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  fuzz::read_all_rows(data, size, ".json", &file_import::open_json);
  return 0;
}
