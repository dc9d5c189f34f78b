#include "invhost/inventory/supersession.hpp"

#include <soci/soci.h>

#include "invhost/inventory/dates.hpp"

namespace invhost::inventory {

std::int64_t apply_supersessions(soci::session& sql) {
  const std::string now = now_utc_iso();
  long long count = 0;
  sql << "SELECT COUNT(*) FROM licenses WHERE superseded_by IS NULL AND created_by_adapter IN "
         "(SELECT superseded_adapter FROM supersessions)",
      soci::into(count);
  if (count == 0) return 0;
  sql << "UPDATE licenses SET "
         "superseded_by = (SELECT s.by_connection FROM supersessions s "
         "  WHERE s.superseded_adapter = licenses.created_by_adapter), "
         "retired_reason = 'superseded by ' || (SELECT s.by_connection FROM supersessions s "
         "  WHERE s.superseded_adapter = licenses.created_by_adapter), "
         "status = 'retired', retired_at = :now "
         "WHERE superseded_by IS NULL AND created_by_adapter IN "
         "(SELECT superseded_adapter FROM supersessions)",
      soci::use(now);
  return count;
}

bool activate_supersession(soci::session& sql, const std::string& connection,
                           const std::vector<std::string>& superseded_adapters) {
  if (superseded_adapters.empty()) return false;
  // First successful merge of this connection, and a reconciliation made after it.
  std::string merged_at;
  soci::indicator merged_ind = soci::i_null;
  sql << "SELECT MIN(merged_at) FROM runs WHERE connection = :c AND merge_status = 'merged'",
      soci::use(connection), soci::into(merged_at, merged_ind);
  if (merged_ind != soci::i_ok) return false;
  long long reconciled = 0;
  sql << "SELECT COUNT(*) FROM reconciliations WHERE created_at >= :m", soci::use(merged_at),
      soci::into(reconciled);
  if (reconciled == 0) return false;

  soci::transaction tr(sql);
  const std::string now = now_utc_iso();
  for (const std::string& adapter : superseded_adapters) {
    long long existing = 0;
    sql << "SELECT COUNT(*) FROM supersessions WHERE superseded_adapter = :a", soci::use(adapter),
        soci::into(existing);
    if (existing == 0) {
      sql << "INSERT INTO supersessions (superseded_adapter, by_connection, activated_at) "
             "VALUES (:a, :c, :t)",
          soci::use(adapter), soci::use(connection), soci::use(now);
    }
  }
  apply_supersessions(sql);
  tr.commit();
  return true;
}

}  // namespace invhost::inventory
