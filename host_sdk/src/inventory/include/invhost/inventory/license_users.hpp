// Who consumes a license on a reconciliation's date, person by person: the list a license manager
// reclaims seats from. The same rows the position counts (consumed, inactive), so the list and
// the report never disagree; and who of them is external to the organisation.
#ifndef INVHOST_INVENTORY_LICENSE_USERS_HPP
#define INVHOST_INVENTORY_LICENSE_USERS_HPP

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "invhost/inventory/people.hpp"

namespace soci {
class session;
}

namespace invhost::inventory {

// A user is external when the domain of their email (after '@', any case) or, without an email,
// the domain the source gave is not one of internal_domains (lower-case). A user whose domain is
// unknown cannot be shown to be internal, so is external. An empty list knows no domain of the
// organisation: nobody is external then, rather than everybody.
bool is_external(std::string_view email, std::string_view domain,
                 const std::vector<std::string>& internal_domains);

struct license_user {
  std::string user_id;  // the accessing user's id in its connection
  std::string email;    // '' when the source has none
  std::string domain;   // of the email, else the source's domain field; lower-case
  bool external = false;
  std::optional<std::string> last_activity;  // YYYY-MM-DD: the latest over the user's records
  // From last_activity to the reconciliation's date (0 when the activity is after it); nullopt
  // when there was no activity.
  std::optional<std::int64_t> days_inactive;
  // Inactive as the position counts it: every record of the user is before its application's
  // cut-off.
  bool inactive = false;
};

// The users of license `license_id` under reconciliation `reconciliation_id` (its date and
// per-application cut-offs), one per distinct consuming user, by the reconciliation's rules:
// deactivated rows dropped, an unallocated row moved to its application's only license.
// Sorted most days inactive first (no activity at all first), then by email and id.
// Throws refused when there is no such license or reconciliation.
std::vector<license_user> license_users(soci::session& sql, std::int64_t reconciliation_id,
                                        std::int64_t license_id,
                                        const std::vector<std::string>& internal_domains,
                                        const people_rules& rules = {});

// The same users in the same order, each passed to `each` as the query yields it, so that a long
// list is written out without being held; stops early when `each` returns false.
void for_each_license_user(soci::session& sql, std::int64_t reconciliation_id,
                           std::int64_t license_id,
                           const std::vector<std::string>& internal_domains,
                           const people_rules& rules,
                           const std::function<bool(const license_user&)>& each);

// External consuming users per imported license (connection, external id) under a
// reconciliation; licenses without one are absent. Empty when internal_domains is.
std::map<std::pair<std::string, std::string>, std::int64_t> external_users_per_license(
    soci::session& sql, std::int64_t reconciliation_id,
    const std::vector<std::string>& internal_domains, const people_rules& rules = {});

}  // namespace invhost::inventory

#endif
