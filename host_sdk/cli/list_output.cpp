#include "list_output.hpp"

#include <invhost/inventory/csv_text.hpp>

#include "cli_context.hpp"
#include "output_table.hpp"

namespace invhost::cli {
namespace {

const boost::json::value& member(const boost::json::object& row, const char* key) {
  static const boost::json::value none;
  const auto* v = row.if_contains(key);
  return v != nullptr ? *v : none;
}

}  // namespace

void add_list_format_option(CLI::App* cmd, std::string& format) {
  cmd->add_option("--format", format, "table | json | csv (default table)")
      ->check(CLI::IsMember({"table", "json", "csv"}));
}

void print_rows(const std::string& format, const std::vector<list_column>& columns,
                const boost::json::array& rows) {
  if (format == "json") {
    print_exact(boost::json::serialize(rows) + "\n");
    return;
  }
  if (format == "csv") {
    std::vector<std::pair<std::string, bool>> header;
    header.reserve(columns.size());
    for (const auto& c : columns) header.emplace_back(c.key, false);
    std::string out = csv_row(header);
    for (const auto& r : rows) {
      std::vector<std::pair<std::string, bool>> fields;
      fields.reserve(columns.size());
      for (const auto& c : columns) {
        const auto& v = member(r.as_object(), c.key);
        fields.emplace_back(cell_text(v), v.is_string() || v.is_array());
      }
      out += csv_row(fields);
    }
    print_exact(out);
    return;
  }
  std::vector<std::string> headers;
  headers.reserve(columns.size());
  for (const auto& c : columns) headers.emplace_back(c.title);
  std::vector<std::vector<std::string>> table;
  table.reserve(rows.size());
  for (const auto& r : rows) {
    std::vector<std::string> cells;
    cells.reserve(columns.size());
    for (const auto& c : columns) cells.push_back(cell_text(member(r.as_object(), c.key)));
    table.push_back(std::move(cells));
  }
  print(format_table(headers, table));
}

}  // namespace invhost::cli
