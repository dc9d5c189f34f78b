// Which licenses a run added, retired or brought back: recorded where the change is made, read
// by `runs show` and the nightly summary.
#ifndef INVHOST_INVENTORY_LICENSE_CHANGES_HPP
#define INVHOST_INVENTORY_LICENSE_CHANGES_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace soci {
class session;
}

namespace invhost::inventory {

// Why an imported license was retired by its own connection's import.
inline constexpr const char* removed_from_source = "removed from source";
// Why a license was retired by supersession: this prefix, then the superseding connection.
inline constexpr const char* superseded_by_prefix = "superseded by ";

enum class license_change_kind { added, retired, returned };
std::string_view to_string(license_change_kind k);

struct license_change {
  std::int64_t license_id = 0;
  std::string connection;
  std::string external_id;
  std::string name;  // the display name, else the imported name, when the change was made
  license_change_kind kind = license_change_kind::added;
  std::string reason;  // retired: why; empty otherwise
  std::optional<std::int64_t> run_id;
  std::string at;
};

// Records `kind` for each of `licenses` (as read by the change's own predicate, with their
// names as they are now), on `run_id` when a run made the change. Runs inside the caller's
// transaction. Fills in each entry's kind, reason, run and time.
void record_license_changes(soci::session& sql, std::vector<license_change>& licenses,
                            license_change_kind kind, const std::string& reason,
                            std::optional<std::int64_t> run_id);

// The changes recorded on a run, by connection, then kind, then license name.
std::vector<license_change> license_changes_of_run(soci::session& sql, std::int64_t run_id);

// The changes recorded on one license, oldest first.
std::vector<license_change> license_changes_of_license(soci::session& sql, std::int64_t license_id);

}  // namespace invhost::inventory

#endif
