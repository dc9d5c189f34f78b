// A license's history tab: every change an import made to it (added, retired, returned, by which
// run) and every local edit (field, old and new value, who), oldest first.
#ifndef INVHOST_VIEWS_LICENSE_HISTORY_HPP
#define INVHOST_VIEWS_LICENSE_HISTORY_HPP

#include <boost/json/array.hpp>
#include <cstdint>
#include <invhost/inventory/license_changes.hpp>
#include <invhost/inventory/license_edits.hpp>
#include <variant>
#include <vector>

namespace soci {
class session;
}

namespace invhost::views {

// One entry: what an import did, or what a person edited.
using license_history_entry = std::variant<inventory::license_change, inventory::license_edit>;

// Oldest first by time (UTC, to the second); within one second, the imports' changes before the
// edits, each in the order it was recorded.
std::vector<license_history_entry> license_history(soci::session& sql, std::int64_t license_id);

// [{at, source: "import", kind, reason, run_id (null when no run made it), connection,
//   external_id, name} | {at, source: "edit", field, old_value, new_value (null when empty),
//   actor}]
boost::json::array license_history_json(const std::vector<license_history_entry>& history);

}  // namespace invhost::views

#endif
