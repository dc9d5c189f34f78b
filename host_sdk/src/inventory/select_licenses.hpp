// The licenses a predicate selects, read before a statement with the same predicate changes
// them, so that what changed can be recorded by license (license_changes.hpp).
#ifndef INVHOST_INVENTORY_SELECT_LICENSES_HPP
#define INVHOST_INVENTORY_SELECT_LICENSES_HPP

#include <soci/soci.h>

#include <string>
#include <vector>

#include "invhost/inventory/license_changes.hpp"

namespace invhost::inventory::detail {

// `where` is fixed SQL text over the licenses table, never input; `values` are bound to its
// placeholders in order.
template <typename... Values>
std::vector<license_change> select_licenses(soci::session& sql, const std::string& where,
                                            const Values&... values) {
  std::vector<license_change> out;
  license_change c;
  soci::details::prepare_temp_type prepared =
      (sql.prepare << "SELECT id, connection, external_id, COALESCE(display_name, "
                      "imported_name) FROM licenses WHERE " +
                          where);
  (prepared, ..., soci::use(values));
  prepared, soci::into(c.license_id), soci::into(c.connection), soci::into(c.external_id),
      soci::into(c.name);
  soci::statement st = prepared;
  st.execute();
  while (st.fetch()) out.push_back(c);
  return out;
}

}  // namespace invhost::inventory::detail

#endif
