// When each license next needs renewing, from the terms it has in effect.
#ifndef INVHOST_VIEWS_RENEWAL_DATES_HPP
#define INVHOST_VIEWS_RENEWAL_DATES_HPP

#include <cstdint>
#include <map>
#include <string>

namespace soci {
class session;
}

namespace invhost::views::detail {

// Per license id: the earliest end date (YYYY-MM-DD, UTC) of its terms in effect on `day`
// (inventory::in_effect), imported terms for imported licenses and linked purchases for licenses
// recorded locally, as the positions count them. Licenses whose terms in effect are all
// open-ended are absent. Two queries, whatever the number of licenses.
std::map<std::int64_t, std::string> renewal_dates(soci::session& sql, const std::string& day);

}  // namespace invhost::views::detail

#endif
