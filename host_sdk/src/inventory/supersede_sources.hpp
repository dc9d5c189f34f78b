// What preview, match and plan read alike: the legacy licenses, the superseding connection's
// licenses (from the inventory, or from its newest complete staged run before its first merge),
// their positions, and the proposals between them.
#ifndef INVHOST_INVENTORY_SUPERSEDE_SOURCES_HPP
#define INVHOST_INVENTORY_SUPERSEDE_SOURCES_HPP

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "invhost/inventory/position.hpp"
#include "invhost/inventory/supersede.hpp"
#include "invhost/inventory/supersede_match.hpp"

namespace soci {
class session;
}

namespace invhost::inventory::detail {

struct supersede_sources {
  std::vector<match_license> legacy;  // by id
  std::vector<std::string> legacy_display;
  std::vector<std::string> legacy_status;
  std::vector<match_license> fsm;
  std::vector<std::string> fsm_display;
  std::optional<std::int64_t> staged_run;  // the FSM side is this staged run, not the inventory
  std::vector<match_proposal> proposals;   // one per legacy license
};

// `staged_allowed`: before `scope.by` was ever merged, read its side from its newest complete
// staged run; otherwise (or when it has been merged) from its active licenses in the inventory.
supersede_sources load_supersede_sources(soci::session& sql, const supersede_scope& scope,
                                         bool staged_allowed);

// Whether `by` has had a run merged.
bool ever_merged(soci::session& sql, const std::string& by);

// The newest run of `by` whose streams were all complete.
std::optional<std::int64_t> newest_complete_staged_run(soci::session& sql, const std::string& by);

// Positions of the licenses of staged run `run_id` on `day`, by external id, by the rules the
// reconciliation applies to the inventory (semantics.md, "License position on date D").
std::map<std::string, position> staged_positions(soci::session& sql, std::int64_t run_id,
                                                 const std::string& day);

}  // namespace invhost::inventory::detail

#endif
