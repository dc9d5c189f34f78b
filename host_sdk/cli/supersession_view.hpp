// How a connection's supersession reads in `connectors list` and `connectors show`: one text and
// one JSON shape for both.
#ifndef INVHOST_CLI_SUPERSESSION_VIEW_HPP
#define INVHOST_CLI_SUPERSESSION_VIEW_HPP

#include <boost/json.hpp>
#include <invhost/host_config.hpp>
#include <invhost/inventory/supersession.hpp>
#include <map>
#include <string>

namespace invhost::cli {

// The supersessions as they stand, by superseded connection.
std::map<std::string, inventory::supersession_state> supersessions_by_connection(
    soci::session& sql);

// "by fsm since 2026-11-29T18:04:11Z" / "held by fsm: why", with ", kept" when imported anyway.
std::string supersession_text(const inventory::supersession_state& st, const connector_entry& c);

// {by, state, since, reason, licenses, kept}
boost::json::object supersession_json(const inventory::supersession_state& st,
                                      const connector_entry& c);

}  // namespace invhost::cli

#endif
