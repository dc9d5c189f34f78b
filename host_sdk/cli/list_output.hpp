// One way to print a list, whatever the command: the rows are JSON objects (the command's read
// model) and each list names its columns once; table, JSON and CSV are renderings of the same
// rows, so no number is computed twice.
#ifndef INVHOST_CLI_LIST_OUTPUT_HPP
#define INVHOST_CLI_LIST_OUTPUT_HPP

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <string>
#include <vector>

namespace invhost::cli {

struct list_column {
  const char* key;    // the row's member; also the CSV header
  const char* title;  // the table header
};

// Adds --format table|json|csv to a list command (default table).
void add_list_format_option(CLI::App* cmd, std::string& format);

// table: aligned columns, every value escaped for the terminal; json: the rows as they are;
// csv: a header of keys, then one row each, texts neutralised for spreadsheets. A missing member
// or null is empty; a list is joined with "; ".
void print_rows(const std::string& format, const std::vector<list_column>& columns,
                const boost::json::array& rows);

}  // namespace invhost::cli

#endif
