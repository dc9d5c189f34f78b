// Upserting a batch of staged rows into PostgreSQL in one round trip: every column travels as
// one array parameter and is unnested server-side. SOCI's vector binding on PostgreSQL executes
// the statement once per row (a round trip each), which made the database the bottleneck of
// large imports.
#ifndef INVHOST_STAGING_PG_BULK_UPSERT_HPP
#define INVHOST_STAGING_PG_BULK_UPSERT_HPP

#include <soci/soci.h>

#include <string>
#include <string_view>
#include <vector>

namespace invhost::detail {

// One column of a batch: exactly one of text / bigint / integer is set; nulls (optional) marks
// NULL rows with soci::i_null.
struct pg_column {
  std::string_view name;
  const std::vector<std::string>* text = nullptr;
  const std::vector<long long>* bigint = nullptr;
  const std::vector<int>* integer = nullptr;
  const std::vector<soci::indicator>* nulls = nullptr;
};

struct pg_upsert {
  std::string_view table;
  std::vector<std::string_view> key;  // conflict key after run_id
  bool update_on_conflict = true;     // false: DO NOTHING
};

// Inserts rows (run_id, connection, columns...) into the table of an open PostgreSQL session, in
// the caller's transaction. Rows sharing a key keep the last one, within the batch and against
// rows already staged (update_on_conflict), as the row-by-row upsert did. Text values stop at a
// NUL byte (PostgreSQL text cannot hold one). Throws soci::soci_error on a database error.
void pg_bulk_upsert(soci::session& sql, const pg_upsert& target, long long run_id,
                    const std::string& connection, const std::vector<pg_column>& columns);

}  // namespace invhost::detail

#endif
