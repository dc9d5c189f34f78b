// A removed connection's licenses (docs/nightly.md, "Removing a connection").
#include "invhost/inventory/connection_removal.hpp"

#include <soci/soci.h>

#include "invhost/inventory/dates.hpp"
#include "select_licenses.hpp"

namespace invhost::inventory {
namespace {

// What people recorded on a license, in words; empty when nothing.
std::string local_records(soci::session& sql, long long id) {
  std::string out;
  const auto add = [&out](bool present, const char* what) {
    if (present) out += (out.empty() ? "" : ", ") + std::string(what);
  };
  long long fields = 0;
  sql << "SELECT COUNT(*) FROM licenses WHERE id = :i AND (display_name IS NOT NULL OR owner "
         "IS NOT NULL OR cost_centre IS NOT NULL OR location IS NOT NULL OR notes IS NOT NULL)",
      soci::use(id), soci::into(fields);
  add(fields > 0, "local fields");
  long long n = 0;
  sql << "SELECT COUNT(*) FROM license_groups WHERE license_id = :i", soci::use(id), soci::into(n);
  add(n > 0, "groups");
  sql << "SELECT COUNT(*) FROM license_purchases WHERE license_id = :i", soci::use(id),
      soci::into(n);
  add(n > 0, "purchases");
  sql << "SELECT COUNT(*) FROM attachments WHERE license_id = :i", soci::use(id), soci::into(n);
  add(n > 0, "attachments");
  return out;
}

void delete_license_rows(soci::session& sql, const license_change& l) {
  const long long id = l.license_id;
  sql << "DELETE FROM license_positions WHERE license_id = :i", soci::use(id);
  sql << "DELETE FROM entitlements WHERE connection = :c AND license_external_id = :e",
      soci::use(l.connection), soci::use(l.external_id);
  sql << "DELETE FROM consumption WHERE connection = :c AND license_external_id = :e",
      soci::use(l.connection), soci::use(l.external_id);
  sql << "DELETE FROM license_applications WHERE connection = :c AND license_external_id = :e",
      soci::use(l.connection), soci::use(l.external_id);
  sql << "DELETE FROM licenses WHERE id = :i", soci::use(id);
}

}  // namespace

connection_removal remove_connection_licenses(soci::session& sql, const std::string& connection,
                                              bool delete_retired) {
  connection_removal out;
  soci::transaction tr(sql);
  out.retired = detail::select_licenses(sql, "connection = :c AND status = 'active'", connection);
  record_license_changes(sql, out.retired, license_change_kind::retired, connection_removed,
                         std::nullopt);
  const std::string now = now_utc_iso();
  const std::string reason = connection_removed;
  sql << "UPDATE licenses SET status = 'retired', retired_reason = :why, retired_at = :t "
         "WHERE connection = :c AND status = 'active'",
      soci::use(reason), soci::use(now), soci::use(connection);
  sql << "DELETE FROM superseded_connections WHERE connection = :c", soci::use(connection);

  if (delete_retired) {
    for (auto& l :
         detail::select_licenses(sql, "connection = :c AND status = 'retired'", connection)) {
      std::string why = local_records(sql, l.license_id);
      if (why.empty()) {
        delete_license_rows(sql, l);
        out.deleted.push_back(std::move(l));
      } else {
        out.kept.push_back({std::move(l), std::move(why)});
      }
    }
    // What no license of the connection refers to any more: its users and applications, and
    // the consumption no license took.
    if (out.kept.empty()) {
      sql << "DELETE FROM consumption WHERE connection = :c", soci::use(connection);
      sql << "DELETE FROM accessing_users WHERE connection = :c", soci::use(connection);
      sql << "DELETE FROM applications WHERE connection = :c", soci::use(connection);
      sql << "DELETE FROM unallocated_positions WHERE connection = :c", soci::use(connection);
    }
  }
  tr.commit();
  return out;
}

}  // namespace invhost::inventory
