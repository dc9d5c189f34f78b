// The audit of local edits (docs/data-mapping.md, "Local fields").
#include "invhost/inventory/license_edits.hpp"

#include <soci/soci.h>

#include "invhost/inventory/dates.hpp"
#include "row_values.hpp"

namespace invhost::inventory {

void record_license_edit(soci::session& sql, const license_edit& edit) {
  const long long id = edit.license_id;
  const std::string now = now_utc_iso();
  soci::indicator old_ind = edit.old_value ? soci::i_ok : soci::i_null;
  soci::indicator new_ind = edit.new_value ? soci::i_ok : soci::i_null;
  const std::string old_value = edit.old_value.value_or("");
  const std::string new_value = edit.new_value.value_or("");
  sql << "INSERT INTO license_edits (license_id, field, old_value, new_value, actor, at) "
         "VALUES (:id, :f, :o, :n, :a, :at)",
      soci::use(id), soci::use(edit.field), soci::use(old_value, old_ind),
      soci::use(new_value, new_ind), soci::use(edit.actor), soci::use(now);
}

std::vector<license_edit> license_edits_of(soci::session& sql, std::int64_t license_id) {
  std::vector<license_edit> out;
  const long long id = license_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT field, old_value, new_value, actor, at FROM license_edits "
                      "WHERE license_id = :id ORDER BY id",
       soci::use(id));
  for (const soci::row& r : rows) {
    license_edit e;
    e.license_id = license_id;
    e.field = detail::as_text(r, 0);
    e.old_value = detail::opt_text(r, 1);
    e.new_value = detail::opt_text(r, 2);
    e.actor = detail::as_text(r, 3);
    e.at = detail::as_text(r, 4);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace invhost::inventory
