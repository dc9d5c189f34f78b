// Reading one import file as a sequence of rows shaped by its table_schema, whatever its format.
#ifndef FILE_IMPORT_ROW_SOURCE_HPP
#define FILE_IMPORT_ROW_SOURCE_HPP

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "table_schema.hpp"

namespace file_import {

// What is wrong with one row: the row can be skipped and the file read on.
struct row_problem {
  std::string column;  // empty when it concerns the whole row
  std::string message;
};

struct row {
  std::vector<std::string> values;  // one per schema column; "" when absent
  std::vector<std::string> ids;     // the id_list column, split
  std::string location;             // "line 12" (CSV, where the row starts) or "index 3" (JSON)
  std::optional<row_problem> problem;
};

// The file cannot be read further (bad syntax, bad header, too large, I/O). what() already names
// the place in the file.
class file_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A non-fatal remark on the file (an ignored column when not strict).
using warn_fn = std::function<void(const std::string&)>;

class row_source {
 public:
  row_source() = default;
  row_source(const row_source&) = delete;
  row_source& operator=(const row_source&) = delete;
  virtual ~row_source() = default;
  // The next row into out; false at the end of the file. Throws file_error.
  virtual bool next(row& out) = 0;
};

// RFC 4180 CSV with a header row of column names; UTF-8 with an optional BOM.
// strict: an unknown column is a file_error; otherwise it is ignored with a warning.
std::unique_ptr<row_source> open_csv(const std::filesystem::path& file, const table_schema& schema,
                                     bool strict, warn_fn warn);

// A JSON array of objects whose keys are column names. Read incrementally, never whole.
// strict: an unknown key is a row_problem; otherwise it is ignored with a warning.
std::unique_ptr<row_source> open_json(const std::filesystem::path& file, const table_schema& schema,
                                      bool strict, warn_fn warn);

// Checks every value of a row against its column's kind and required flag; splits nothing.
// Returns the first problem found.
std::optional<row_problem> check_row(const table_schema& schema, const row& r);

// Splits a ';'-separated id list: pieces trimmed of spaces, empty pieces dropped.
// A problem when a piece repeats or there are too many.
std::optional<row_problem> split_id_list(std::string_view text, std::string_view column,
                                         std::vector<std::string>& out);

}  // namespace file_import

#endif  // FILE_IMPORT_ROW_SOURCE_HPP
