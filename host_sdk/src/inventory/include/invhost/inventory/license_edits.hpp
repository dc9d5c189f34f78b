// The audit of local edits: each change a person made to a license by hand, who and when.
// Recorded by the edit functions of license_records.hpp in the edit's own transaction.
#ifndef INVHOST_INVENTORY_LICENSE_EDITS_HPP
#define INVHOST_INVENTORY_LICENSE_EDITS_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace invhost::inventory {

struct license_edit {
  std::int64_t license_id = 0;
  std::string field;  // a local field's name, "group", or "name" / "type" of a local license
  std::optional<std::string> old_value;  // nullopt: was empty (a group: was not a member)
  std::optional<std::string> new_value;  // nullopt: cleared (a group: removed)
  std::string actor;
  std::string at;  // UTC, ISO 8601
};

// Longest actor name kept; a longer one is refused by the edit functions.
inline constexpr std::size_t max_actor_text = 256;

// Appends one edit at the current time. Runs inside the caller's transaction.
void record_license_edit(soci::session& sql, const license_edit& edit);

// Every edit of a license, oldest first.
std::vector<license_edit> license_edits_of(soci::session& sql, std::int64_t license_id);

}  // namespace invhost::inventory

#endif
