// Retiring the licenses of adapters that a newer adapter supersedes.
#ifndef INVHOST_INVENTORY_SUPERSESSION_HPP
#define INVHOST_INVENTORY_SUPERSESSION_HPP

#include <cstdint>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace invhost::inventory {

// Records that `connection` supersedes `superseded_adapters`, but only once it has had a merged
// run and a reconciliation after that merge; then retires every license those adapters created.
// Returns true when the supersession is (now or already) in force. Idempotent.
bool activate_supersession(soci::session& sql, const std::string& connection,
                           const std::vector<std::string>& superseded_adapters);

// Retires (reason "superseded by <connection>") every license created by a superseded adapter
// that is not yet retired for that reason. Returns how many. Runs inside the caller's transaction
// when there is one.
std::int64_t apply_supersessions(soci::session& sql);

}  // namespace invhost::inventory

#endif
