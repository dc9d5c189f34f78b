// Plain-text tables for a terminal, and source values made safe to show on one.
#ifndef INVHOST_CLI_OUTPUT_TABLE_HPP
#define INVHOST_CLI_OUTPUT_TABLE_HPP

#include <boost/json/value.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace invhost::cli {

// The width tables are fitted to: $COLUMNS when set (20..10000), else the terminal's when
// stdout is one; none for a pipe or a file, which get every character.
std::optional<std::size_t> terminal_columns();

// Left-aligned columns separated by two spaces, headers first. Every cell is escaped with
// terminal_text (one line, no control characters) and aligned by display width (a wide East
// Asian character takes two columns). With max_width, the widest columns are cut (ending in
// "…") until the table fits, none below 6 columns.
std::string format_table(const std::vector<std::string>& headers,
                         const std::vector<std::vector<std::string>>& rows,
                         std::optional<std::size_t> max_width = terminal_columns());

// Columns text takes on a terminal, and text cut to at most max_width of them, ending in "…".
std::size_t display_width(std::string_view text);
std::string fit_width(std::string_view text, std::size_t max_width);

// A copy of v whose every string (keys excepted) is escaped with terminal_text, for renderers
// that lay out JSON values as text.
boost::json::value terminal_values(const boost::json::value& v);

}  // namespace invhost::cli

#endif
