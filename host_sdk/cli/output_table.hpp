// Plain-text tables for a terminal.
#ifndef INVHOST_CLI_OUTPUT_TABLE_HPP
#define INVHOST_CLI_OUTPUT_TABLE_HPP

#include <string>
#include <vector>

namespace invhost::cli {

// Left-aligned columns separated by two spaces, headers first.
std::string format_table(const std::vector<std::string>& headers,
                         const std::vector<std::vector<std::string>>& rows);

}  // namespace invhost::cli

#endif
