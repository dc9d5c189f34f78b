// CSV as spreadsheets read it (RFC 4180, CRLF rows), safe to open: a text a spreadsheet would
// run as a formula is neutralised.
#ifndef INVHOST_INVENTORY_CSV_TEXT_HPP
#define INVHOST_INVENTORY_CSV_TEXT_HPP

#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace invhost {

// A JSON value as the text of one table or CSV cell: null is empty, a string is itself, a list
// is its items joined with "; ", anything else its JSON.
std::string cell_text(const boost::json::value& v);

// One field. Quoted when it holds a comma, a quote or a line break. A text from a source or a
// person that starts with '=', '+', '-', '@', a tab or a carriage return gets a leading
// apostrophe, so that a name like =HYPERLINK(...) is shown, not run (numbers are written with
// is_text false and stay as they are).
std::string csv_field(std::string_view value, bool is_text = true);

// Fields joined by commas, ending with CRLF; each field given as (value, is_text).
std::string csv_row(const std::vector<std::pair<std::string, bool>>& fields);

}  // namespace invhost

#endif
