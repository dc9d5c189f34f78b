// Retiring the licenses of connections whose adapter a newer adapter supersedes, holding that
// when it would lose seats, and undoing it when the superseding connection goes.
#ifndef INVHOST_INVENTORY_SUPERSESSION_HPP
#define INVHOST_INVENTORY_SUPERSESSION_HPP

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "invhost/inventory/license_changes.hpp"

namespace soci {
class session;
}

namespace invhost::inventory {

enum class supersession_event {
  in_force,            // the superseded connection's active licenses were retired
  held,                // not applied: the superseding import lacks that connection's publisher
  retired_on_arrival,  // licenses a superseded connection imported later, retired by its merge
  ended,               // the superseding connection is gone: its licenses returned
};

std::string_view to_string(supersession_event e);

struct supersession_change {
  std::string superseded_connection;
  std::string by_connection;
  supersession_event event = supersession_event::held;
  std::int64_t licenses = 0;  // retired (in force, on arrival) or returned to active (ended)
  std::string reason;         // held: why; in force: "override" when an override applied it
  std::vector<license_change> changed;  // the licenses retired or returned, by license
};

// Decides, for the enabled connection `by` whose adapter supersedes `superseded_adapters`, the
// supersession of every connection created by those adapters. Nothing happens before `by`'s
// newest merged run brought at least one license and a reconciliation followed that merge. A
// connection whose publisher `by` holds no active license of is held (recorded with its reason)
// unless it is in `overrides`. Reports only what changed: a supersession already in force, or
// already held for the same reason, yields nothing. Each change is recorded as an event on
// `run_id` when given. One transaction.
std::vector<supersession_change> decide_supersessions(
    soci::session& sql, const std::string& by, const std::vector<std::string>& superseded_adapters,
    const std::set<std::string>& overrides, std::optional<std::int64_t> run_id = std::nullopt);

// Ends every supersession (in force or held) by a connection not in `live`: the superseded
// licenses return to active (or to "removed from source" when their connection's last import
// no longer had them). One transaction.
std::vector<supersession_change> end_supersessions_except(soci::session& sql,
                                                          const std::set<std::string>& live);

// Ends the supersessions by `by` (it was disabled or removed). One transaction.
std::vector<supersession_change> end_supersessions_by(soci::session& sql, const std::string& by);

// Retires the active licenses of `connection` when a supersession of it is in force (licenses it
// imported after the supersession began) and records the event on `run_id`. Returns how many.
// Runs inside the caller's transaction (the merge's).
std::int64_t retire_superseded_on_arrival(soci::session& sql, const std::string& connection,
                                          std::int64_t run_id);

// A supersession as it stands, for reports.
struct supersession_state {
  std::string superseded_connection;
  std::string by_connection;
  std::string state;          // "in force" | "held"
  std::string reason;         // held: why
  std::int64_t licenses = 0;  // licenses now retired as superseded by `by_connection`
  std::string since;          // when the supersession was decided (UTC, ISO 8601)
};
std::vector<supersession_state> list_supersessions(soci::session& sql);

}  // namespace invhost::inventory

#endif
