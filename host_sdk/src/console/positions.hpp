// The license positions a page shows: the reconciliation of the page's date (computed under the
// host lock on first need, as the CLI's report does), with the report's options as the host's
// settings give them.
#ifndef INVHOST_CONSOLE_POSITIONS_HPP
#define INVHOST_CONSOLE_POSITIONS_HPP

#include <boost/json/value.hpp>
#include <invhost/views/license_list.hpp>
#include <string>

#include "page_context.hpp"

namespace invhost::console {

views::license_set load_positions(page_context& ctx);

// A report value as a page shows it: "—" for null (unknown, not zero), lists joined by "; ".
std::string shown(const boost::json::value& v);

// The query string of a request (after '?'), "" when none.
std::string_view query_part(const http::request& req);

}  // namespace invhost::console

#endif
