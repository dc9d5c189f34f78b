// CSV files as row sources: the header maps file columns onto schema columns.
#include <fstream>

#include "csv_tokenizer.hpp"
#include "row_source.hpp"

namespace file_import {
namespace {

std::string trimmed(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return s.substr(b, e - b);
}

class csv_source final : public row_source {
 public:
  csv_source(const std::filesystem::path& file, const table_schema& schema, bool strict,
             const warn_fn& warn)
      : name_(file.filename().string()),
        schema_(schema),
        in_(file, std::ios::binary),
        tokenizer_(in_, max_field_bytes, max_columns, max_file_bytes) {
    if (!in_) throw file_error(name_ + ": cannot be opened");
    read_header(strict, warn);
  }

  bool next(row& out) override {
    uint64_t line = 0;
    try {
      if (!tokenizer_.next(fields_, line)) return false;
    } catch (const csv_syntax_error& e) {
      throw file_error(name_ + " line " + std::to_string(e.line()) + ": " + e.what());
    }
    out.values.assign(schema_.columns.size(), std::string());
    out.ids.clear();
    out.problem.reset();
    out.location = "line " + std::to_string(line);
    if (fields_.size() != file_to_schema_.size()) {
      out.problem =
          row_problem{"", "expected " + std::to_string(file_to_schema_.size()) +
                              " fields as in the header, found " + std::to_string(fields_.size())};
      return true;
    }
    for (size_t i = 0; i < fields_.size(); ++i) {
      const auto target = file_to_schema_[i];
      if (target) out.values[*target] = std::move(fields_[i]);
    }
    for (size_t i = 0; i < schema_.columns.size(); ++i) {
      if (schema_.columns[i].kind != value_kind::id_list) continue;
      if (auto p = split_id_list(out.values[i], schema_.columns[i].name, out.ids)) {
        out.problem = std::move(p);
        return true;
      }
    }
    return true;
  }

 private:
  void read_header(bool strict, const warn_fn& warn) {
    uint64_t line = 0;
    std::vector<std::string> header;
    try {
      if (!tokenizer_.next(header, line)) throw file_error(name_ + ": empty file, no header row");
    } catch (const csv_syntax_error& e) {
      throw file_error(name_ + " line " + std::to_string(e.line()) + ": " + e.what());
    }
    std::vector<bool> seen(schema_.columns.size(), false);
    for (const auto& raw : header) {
      const std::string name = trimmed(raw);
      const auto idx = schema_.index_of(name);
      if (!idx) {
        if (strict)
          throw file_error(name_ + " line " + std::to_string(line) + ", column '" + name +
                           "': unknown column (set strict=false to ignore it)");
        if (warn) warn(name_ + ": ignoring unknown column '" + name + "'");
      } else if (seen[*idx]) {
        throw file_error(name_ + " line " + std::to_string(line) + ", column '" + name +
                         "': column appears twice");
      } else {
        seen[*idx] = true;
      }
      file_to_schema_.push_back(idx);
    }
    for (size_t i = 0; i < schema_.columns.size(); ++i)
      if (schema_.columns[i].required && !seen[i])
        throw file_error(name_ + " line " + std::to_string(line) + ", column '" +
                         std::string(schema_.columns[i].name) + "': required column is missing");
  }

  std::string name_;
  const table_schema& schema_;
  std::ifstream in_;
  csv_tokenizer tokenizer_;
  std::vector<std::optional<size_t>> file_to_schema_;
  std::vector<std::string> fields_;
};

}  // namespace

std::unique_ptr<row_source> open_csv(const std::filesystem::path& file, const table_schema& schema,
                                     bool strict, warn_fn warn) {
  return std::make_unique<csv_source>(file, schema, strict, warn);
}

}  // namespace file_import
