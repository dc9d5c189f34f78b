// The positions a view shows: the reconciliation of a date, computed on first need.
#ifndef INVHOST_VIEWS_POSITIONS_HPP
#define INVHOST_VIEWS_POSITIONS_HPP

#include <cstdint>
#include <functional>
#include <invhost/inventory/people.hpp>
#include <invhost/inventory/run_lock.hpp>
#include <string>

namespace soci {
class session;
}

namespace invhost::views {

// The newest reconciliation of `day` (YYYY-MM-DD). When there is none yet, one is computed now
// with `rules`, while holding the lock `take_lock` returns: a reconciliation must not read an
// inventory a merge is rewriting. `take_lock` is called only then, so reading a date already
// reconciled never waits for a nightly. Throws std::invalid_argument on a malformed day.
std::int64_t positions_of(soci::session& sql, const std::string& day,
                          const inventory::people_rules& rules,
                          const std::function<inventory::run_lock()>& take_lock);

}  // namespace invhost::views

#endif
