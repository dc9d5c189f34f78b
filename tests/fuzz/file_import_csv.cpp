// Fuzzes the file-import connector's CSV reader and its row checks.
#include "file_import_rows.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  fuzz::read_all_rows(data, size, ".csv", &file_import::open_csv);
  return 0;
}
