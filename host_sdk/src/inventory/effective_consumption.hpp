// The rows of consumption as a reconciliation counts them, as SQL shared by the positions and the
// per-license user lists, so both apply one set of rules.
#ifndef INVHOST_INVENTORY_EFFECTIVE_CONSUMPTION_HPP
#define INVHOST_INVENTORY_EFFECTIVE_CONSUMPTION_HPP

#include <string>

namespace soci {
class session;
}

namespace invhost::inventory::detail {

// "WITH ... counted AS (...) ": a query continues it with a SELECT over `counted`, whose rows
// are (connection, app, lic, usr, active, last_activity): lic is NULL for an unallocated row.
// Binds, in this order: :dcut (default_cutoff of the date), :rid (the reconciliation, for its
// per-application cut-offs), :day (the date, for deactivations).
std::string effective_consumption(soci::session& sql);

// The cut-off of an application without a recorded threshold, on date `as_of`.
std::string default_cutoff(const std::string& as_of);

}  // namespace invhost::inventory::detail

#endif
