// Switching from the connectors a newer adapter supersedes: preview each legacy license beside
// its proposed replacement, let a person correct a proposal, plan the moves of what people kept
// on the legacy licenses, apply them in one transaction and undo them exactly.
// docs/switching-to-fsm.md describes each step. Refusals throw `refused` (license_records.hpp).
#ifndef INVHOST_INVENTORY_SUPERSEDE_HPP
#define INVHOST_INVENTORY_SUPERSEDE_HPP

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace invhost::inventory {

// The superseding connection and the adapters its manifest supersedes.
struct supersede_scope {
  std::string by;
  std::vector<std::string> superseded_adapters;
};

// Each legacy license (of a connection created by a superseded adapter, active or retired as
// superseded) beside its proposed replacement among `by`'s licenses, with both positions from
// the newest reconciliation, and the totals per currency before (legacy counted) and after
// (replacements counted). When `by` has never been merged, its side comes from its newest
// staged run whose streams were all complete, positioned on the reconciliation's date with the
// same rules (`fsm_source` says so). Reads only.
boost::json::object supersede_preview(soci::session& sql, const supersede_scope& scope);

// A person's choice for legacy license `legacy_id`: `fsm_ref` names a license of `by` (its
// inventory id, or its external id as the preview shows it), or nothing for "no replacement".
// Returns the replacement's name, or "" for none.
std::string set_supersede_match(soci::session& sql, const supersede_scope& scope,
                                std::int64_t legacy_id, const std::optional<std::string>& fsm_ref,
                                const std::string& who);

// Makes and stores a numbered plan: per legacy license with a replacement in the inventory, the
// moves of its purchase links, attachments, groups and local fields. Returns its id.
std::int64_t make_supersede_plan(soci::session& sql, const supersede_scope& scope,
                                 const std::string& who);

// A stored plan: its state, licenses, moves (each with a sentence), and what it leaves to people.
boost::json::object supersede_plan_details(soci::session& sql, std::int64_t plan_id);

// Applies every move of plan `plan_id` in one transaction, each written to the audit log. A plan
// applied already, or whose moves are no longer what the store would give (the store changed
// since it was made), is refused and nothing changes. `dry_run` checks the same and changes
// nothing. Returns the plan's details.
boost::json::object apply_supersede_plan(soci::session& sql, std::int64_t plan_id,
                                         const std::string& who, bool dry_run);

// Reverses an applied plan's moves, newest first, in one transaction: the licenses, links,
// attachments and groups are exactly as before it was applied. Refused when the plan is not
// applied, or a value it moved was changed since.
boost::json::object undo_supersede_plan(soci::session& sql, std::int64_t plan_id,
                                        const std::string& who);

}  // namespace invhost::inventory

#endif
