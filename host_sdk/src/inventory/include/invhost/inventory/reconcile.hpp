// License positions on a date, computed from the inventory and stored for reports.
#ifndef INVHOST_INVENTORY_RECONCILE_HPP
#define INVHOST_INVENTORY_RECONCILE_HPP

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "invhost/inventory/people.hpp"

namespace soci {
class session;
}

namespace invhost::inventory {

struct reconcile_summary {
  std::int64_t reconciliation_id = 0;
  std::string as_of;
  std::int64_t licenses = 0;
  std::int64_t non_compliant = 0;  // active licenses only
};

// Computes every license's position on `as_of` (YYYY-MM-DD, UTC) as semantics.md defines it and
// stores it as a new reconciliation, in one transaction. Consumption is grouped in SQL; only one
// row per license comes back to C++. `rules` say who is a person and which accounts count
// nowhere (people.hpp); the exclusions applied are recorded with the reconciliation. Throws
// std::invalid_argument on a malformed date.
reconcile_summary reconcile(soci::session& sql, const std::string& as_of,
                            const people_rules& rules = {});

// Copies each license's current status into reconciliation `reconciliation_id`, and drops the
// unallocated users of connections a supersession in force replaces. Supersession changes
// statuses only (a superseded license keeps its place in the consumption rules), so the
// positions stay right without computing them again.
void restate_license_statuses(soci::session& sql, std::int64_t reconciliation_id);

// Per connection, the newest run merged after reconciliation `reconciliation_id` was computed:
// the runs its positions predate. Empty when it is current. Reads only.
std::map<std::string, std::int64_t> runs_merged_after(soci::session& sql,
                                                      std::int64_t reconciliation_id);

// Why reconciliation `reconciliation_id` is stale (a run was merged after it, so its positions
// predate the inventory), or nothing when it is current. Reads only.
std::optional<std::string> staleness(soci::session& sql, std::int64_t reconciliation_id);

// The newest reconciliation for `as_of`, if any.
std::optional<std::int64_t> latest_reconciliation(soci::session& sql, const std::string& as_of);

// The first day (YYYY-MM-DD) a use counts as active on `as_of` for an application whose activity
// threshold is `threshold_days`; a threshold of 0 or beyond 100 years is the default, 90 days.
std::string activity_cutoff(const std::string& as_of, long long threshold_days);

}  // namespace invhost::inventory

#endif
