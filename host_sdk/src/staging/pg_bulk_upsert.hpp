// Inserting a batch of staged rows into PostgreSQL in one round trip: every column travels as
// one array parameter and is unnested server-side. SOCI's vector binding on PostgreSQL executes
// the statement once per row (a round trip each), which made the database the bottleneck of
// large imports.
#ifndef INVHOST_STAGING_PG_BULK_UPSERT_HPP
#define INVHOST_STAGING_PG_BULK_UPSERT_HPP

#include <soci/soci.h>

#include <cstddef>
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

// A staging table and its key after run_id.
struct pg_upsert {
  std::string_view table;
  std::vector<std::string_view> key;
};

// Inserts rows (run_id, connection, columns...) into the table of an open PostgreSQL session, in
// the caller's transaction, in the batch's order. A row whose key is already staged (by an
// earlier batch or earlier in this one) is not inserted: ON CONFLICT DO NOTHING. Returns the
// number of rows inserted. Text values stop at a NUL byte (PostgreSQL text cannot hold one).
// Throws soci::soci_error on a database error.
std::size_t pg_bulk_insert(soci::session& sql, const pg_upsert& target, long long run_id,
                           const std::string& connection, const std::vector<pg_column>& columns);

}  // namespace invhost::detail

#endif
