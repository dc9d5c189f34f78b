// The consumption rows as they count on a date, as SQL: one definition for the reconciliation and
// for the people views, so a license a person is said to consume is the one counted.
#ifndef INVHOST_INVENTORY_EFFECTIVE_CONSUMPTION_HPP
#define INVHOST_INVENTORY_EFFECTIVE_CONSUMPTION_HPP

#include <soci/soci.h>

#include <string>

#include "invhost/inventory/people.hpp"

namespace invhost::inventory::detail {

// A WITH clause ending in the CTE `counted`: (connection, app, lic, usr, person, active,
// last_at). lic is the license the row counts against (NULL: unallocated); usr the accessing
// user's id; person, for a row of a Named User license only, the normalised email of that user
// after aliases (NULL otherwise, and without an email); active 1 when the use is on or after its
// application's cut-off. Deactivated uses and excluded accounts are left out. Binds, in this
// order: :dcut (the default cut-off), :rid (whose reconciliation_cutoffs to use), :day (D). With
// exclusion rules, prepare_exclusion_rules must have run in this session first.
//
// With `scope::one_license`, only the rows that can count against one license are read: those
// allocated to it and those of the applications linked to it (an unallocated row moves only to a
// linked license). `counted` then holds every row whose lic is that license, and others that a
// query drops with its own `lic =` test; the pass reads that license's rows through indexes
// instead of the whole tenant. Binds then, between :dcut and :rid: :fc, :fl, :fc2, :fl2, :fc3,
// :fl3 (the license's connection and external id, three times).
enum class scope { tenant, one_license };
std::string effective_consumption(soci::session& sql, const people_rules& rules,
                                  scope of = scope::tenant);

// Fills the session's temporary table of exclusion rules (as LIKE patterns) that the queries
// above and the people views read.
void prepare_exclusion_rules(soci::session& sql, const people_rules& rules);

// "an account's normalised email `n` matches a rule" (needs prepare_exclusion_rules).
std::string excluded_sql(const std::string& n);

// The cut-off of an application without a recorded threshold, on date `as_of` (:dcut above).
std::string default_cutoff(const std::string& as_of);

}  // namespace invhost::inventory::detail

#endif
