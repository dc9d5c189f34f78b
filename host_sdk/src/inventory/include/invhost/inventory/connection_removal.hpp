// What happens to a connection's licenses when the connection is removed from the list: they
// leave every total but stay on record, unless a person asks to delete the retired ones.
#ifndef INVHOST_INVENTORY_CONNECTION_REMOVAL_HPP
#define INVHOST_INVENTORY_CONNECTION_REMOVAL_HPP

#include <string>
#include <vector>

#include "invhost/inventory/license_changes.hpp"

namespace soci {
class session;
}

namespace invhost::inventory {

// Why the active licenses of a removed connection were retired.
inline constexpr const char* connection_removed = "connection removed";

struct kept_license {
  license_change license;
  std::string why;  // what people recorded on it: "purchases, notes"
};

struct connection_removal {
  std::vector<license_change> retired;  // were active: retired as "connection removed"
  std::vector<license_change> deleted;  // were retired: deleted, with their imported records
  std::vector<kept_license> kept;       // retired but holding what people recorded: not deleted
};

// Retires the connection's active licenses (they return if a connection of that id imports
// them again) and forgets its supersession. With delete_retired, also deletes its retired
// licenses, their terms, users, applications and positions, except those that hold anything a
// person recorded (local fields, groups, purchases, attachments): those are kept and listed, so
// nothing a person wrote is lost. One transaction.
connection_removal remove_connection_licenses(soci::session& sql, const std::string& connection,
                                              bool delete_retired);

}  // namespace invhost::inventory

#endif
