// A CSV file with a header row, read row by row with values looked up by column name. For the
// small vendor exports the legacy adapters read; the file-import adapter has its own schema-driven
// reader.
#ifndef FILE_IMPORT_CSV_TABLE_HPP
#define FILE_IMPORT_CSV_TABLE_HPP

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "csv_tokenizer.hpp"

namespace file_import {

class csv_table {
 public:
  // Opens the file and reads its header; throws std::runtime_error naming the file and line
  // on any problem, including a missing column among required.
  csv_table(const std::filesystem::path& file, const std::vector<std::string>& required);

  // The next row; false at the end. Throws std::runtime_error (file + line) on bad syntax or a
  // wrong number of fields.
  bool next();
  // The value of column name in the current row; "" when the file has no such column.
  [[nodiscard]] std::string get(std::string_view name) const;
  [[nodiscard]] bool has_column(std::string_view name) const;
  [[nodiscard]] uint64_t line() const noexcept { return line_; }
  // "<file> line <n>, column '<name>'": the place to name in an error.
  [[nodiscard]] std::string where(std::string_view column) const;

 private:
  std::string name_;
  std::ifstream in_;
  csv_tokenizer tokenizer_;
  std::map<std::string, size_t, std::less<>> columns_;
  std::vector<std::string> fields_;
  uint64_t line_ = 0;
};

// Normalises a date as vendor exports write it to ISO 8601: ISO text is kept as is;
// "M/D/YYYY[ h:mm[:ss][ AM|PM]]" becomes "YYYY-MM-DD[Thh:mm:ss]". nullopt when neither.
std::optional<std::string> normalise_date(std::string_view text);

}  // namespace file_import

#endif  // FILE_IMPORT_CSV_TABLE_HPP
