// Plain-text tables for a terminal, and source values made safe to show on one.
#ifndef INVHOST_CLI_OUTPUT_TABLE_HPP
#define INVHOST_CLI_OUTPUT_TABLE_HPP

#include <boost/json/value.hpp>
#include <string>
#include <vector>

namespace invhost::cli {

// Left-aligned columns separated by two spaces, headers first. Every cell is escaped with
// terminal_text (one line, no control characters) and aligned by characters, not bytes.
std::string format_table(const std::vector<std::string>& headers,
                         const std::vector<std::vector<std::string>>& rows);

// A copy of v whose every string (keys excepted) is escaped with terminal_text, for renderers
// that lay out JSON values as text.
boost::json::value terminal_values(const boost::json::value& v);

}  // namespace invhost::cli

#endif
