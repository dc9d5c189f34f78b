// What people do with licenses by hand: local fields, groups, purchases, attachments, deletion.
// Source-owned fields of imported licenses are refused here, naming their connection.
#ifndef INVHOST_INVENTORY_LICENSE_RECORDS_HPP
#define INVHOST_INVENTORY_LICENSE_RECORDS_HPP

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace invhost::inventory {

// A request the inventory refuses (unknown id, a source-owned field, a bad value).
class refused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Local fields; an empty optional leaves the field as it is, an empty string clears it.
struct local_fields {
  std::optional<std::string> display_name;
  std::optional<std::string> owner;
  std::optional<std::string> cost_centre;
  std::optional<std::string> location;
  std::optional<std::string> notes;
  std::vector<std::string> add_groups;
  std::vector<std::string> remove_groups;
};

// Longest text accepted for any local field.
inline constexpr std::size_t max_local_text = 4000;

// Each field or group membership that actually changes is recorded in the license's edit
// history (license_edits.hpp) with `actor`, in the same transaction; an empty actor is refused.
void edit_local_fields(soci::session& sql, std::int64_t license_id, const local_fields& fields,
                       const std::string& actor);

// Throws `refused` naming the source connection when the license is imported; a license
// recorded locally may have its name and type changed (field: "name" or "type"), recorded in
// its edit history with `actor` like a local field.
void edit_source_field(soci::session& sql, std::int64_t license_id, const std::string& field,
                       const std::string& value, const std::string& actor);

// A license recorded by hand (no connection). Its linked purchases add entitlements.
std::int64_t add_local_license(soci::session& sql, const std::string& name, const std::string& type,
                               const std::string& currency);

struct purchase {
  std::string reference;
  std::string description;
  std::int64_t quantity = 0;
  std::string amount;  // decimal text for the whole purchase, '' unknown
  std::string currency;
  std::string purchased_at;
  std::string effective_at;
  std::string ends_at;
};
std::int64_t add_purchase(soci::session& sql, const purchase& p);
// Refused when the link exists already (link) or does not exist (unlink).
void link_purchase(soci::session& sql, std::int64_t license_id, std::int64_t purchase_id);
void unlink_purchase(soci::session& sql, std::int64_t license_id, std::int64_t purchase_id);

std::int64_t add_attachment(soci::session& sql, std::int64_t license_id, const std::string& name,
                            const std::string& location);

struct delete_outcome {
  bool imported = false;   // it will come back with its connection's next import
  std::string connection;  // that connection
};
// What deleting would mean, without deleting (for the warning).
delete_outcome describe_delete(soci::session& sql, std::int64_t license_id);
// Deletes the license and everything kept locally against it (groups, purchase links,
// attachments). Imported terms and users stay keyed to the source id, so they return with it.
delete_outcome delete_license(soci::session& sql, std::int64_t license_id);

// Every field of a license, its groups, linked purchases (marked informational when imported),
// attachments, terms, and its position in the newest reconciliation for `as_of` (YYYY-MM-DD,
// the caller's date; null when none was computed for that date).
boost::json::object license_details(soci::session& sql, std::int64_t license_id,
                                    const std::string& as_of);

struct license_filter {
  std::optional<std::string> connection;
  std::optional<std::string> status;      // active | retired
  std::optional<std::string> compliance;  // compliant | non-compliant | not-applicable
  std::string as_of;                      // the positions' date (YYYY-MM-DD), the caller's
};
// One object per license with id, connection, external_id, name, type, status and, when a
// reconciliation exists for `as_of`, the newest such position's compliance (null otherwise).
boost::json::array list_licenses(soci::session& sql, const license_filter& filter);

// One object per purchase, oldest first: id, reference, description, quantity, amount,
// currency, purchased_at, effective_at, ends_at (null when unknown) and the ids of the licenses
// it is linked to.
boost::json::array list_purchases(soci::session& sql);

}  // namespace invhost::inventory

#endif
