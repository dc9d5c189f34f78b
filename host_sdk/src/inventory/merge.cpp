// The merge is set-based SQL: every step is one statement over the run's staged rows, so its
// cost grows with the database's work, not with round trips (1M consumption rows stay cheap).
#include "invhost/inventory/merge.hpp"

#include <soci/soci.h>

#include <array>
#include <chrono>
#include <stdexcept>
#include <vector>

#include "invhost/inventory/dates.hpp"
#include "invhost/inventory/supersession.hpp"
#include "select_licenses.hpp"

namespace invhost::inventory {
namespace {

struct stream_table {
  const char* kind;
  const char* staged_table;
};
// Fixed names, never input: safe to place in SQL text.
constexpr std::array<stream_table, 5> streams{{
    {"applications", "staged_applications"},
    {"licenses", "staged_licenses"},
    {"entitlements", "staged_entitlements"},
    {"accessing_users", "staged_accessing_users"},
    {"consumption", "staged_consumption"},
}};

struct run_row {
  std::string connection;
  std::string adapter;
  std::string outcome;
  std::string merge_status;
};

// The merge's transaction, holding the write lock from its first statement: the checks read in
// it (already merged, newer run, completeness, guard) stay true until it commits. SQLite takes
// the database's write lock with BEGIN IMMEDIATE (a deferred one would read a snapshot it then
// cannot write from); PostgreSQL locks the run's row, so a second merge of the run waits and
// then reads the first one's outcome.
class write_transaction {
 public:
  write_transaction(soci::session& sql, long long run_id) : sql_(sql) {
    if (sql.get_backend_name() == "sqlite3") {
      sql << "BEGIN IMMEDIATE";
    } else {
      sql.begin();
      long long id = 0;
      soci::indicator ind = soci::i_null;
      sql << "SELECT id FROM runs WHERE id = :r FOR UPDATE", soci::use(run_id), soci::into(id, ind);
    }
  }
  write_transaction(const write_transaction&) = delete;
  write_transaction& operator=(const write_transaction&) = delete;
  ~write_transaction() {
    if (open_) try {
        sql_.rollback();
      } catch (const std::exception&) {  // NOLINT(bugprone-empty-catch): already failing
      }
  }
  void commit() {
    sql_.commit();
    open_ = false;
  }

 private:
  soci::session& sql_;
  bool open_ = true;
};

run_row load_run(soci::session& sql, std::int64_t run_id) {
  run_row r;
  soci::indicator ms_ind = soci::i_null;
  long long id = run_id;
  long long found = 0;
  sql << "SELECT COUNT(*) FROM runs WHERE id = :id", soci::use(id), soci::into(found);
  if (found == 0) throw std::runtime_error("no run " + std::to_string(run_id));
  sql << "SELECT connection, adapter, outcome, merge_status FROM runs WHERE id = :id",
      soci::use(id), soci::into(r.connection), soci::into(r.adapter), soci::into(r.outcome),
      soci::into(r.merge_status, ms_ind);
  if (ms_ind != soci::i_ok) r.merge_status.clear();
  return r;
}

void record_status(soci::session& sql, std::int64_t run_id, merge_status status,
                   const std::string& reason) {
  const std::string s{to_string(status)};
  long long id = run_id;
  soci::indicator reason_ind = reason.empty() ? soci::i_null : soci::i_ok;
  sql << "UPDATE runs SET merge_status = :s, merge_reason = :r WHERE id = :id", soci::use(s),
      soci::use(reason, reason_ind), soci::use(id);
}

merge_result not_merged(soci::session& sql, std::int64_t run_id, merge_status status,
                        std::string reason, merge_result result) {
  result.status = status;
  result.reason = std::move(reason);
  record_status(sql, run_id, status, result.reason);
  return result;
}

// Once a run is merged, no older run of its connection can be (a newer one is): their staged
// rows would only grow the database by a whole import every night. Their runs and run_streams
// rows stay as the history; the merged run keeps its rows, what the source last said.
void drop_older_staging(soci::session& sql, const std::string& connection, long long run_id) {
  for (const char* table : {"staged_applications", "staged_licenses", "staged_license_applications",
                            "staged_entitlements", "staged_accessing_users", "staged_consumption"})
    sql << std::string("DELETE FROM ") + table +
               " WHERE run_id < :r AND run_id IN (SELECT id FROM runs WHERE connection = :c)",
        soci::use(run_id), soci::use(connection);
}

// The guard: nothing merged when a run would retire too much or a stream came back empty.
std::string guard_reason(soci::session& sql, long long run_id, const std::string& connection,
                         const merge_result& counts, bool licenses_delivered) {
  if (licenses_delivered) {
    long long active = 0;
    long long would_retire = 0;
    sql << "SELECT COUNT(*) FROM licenses WHERE connection = :c AND status = 'active'",
        soci::use(connection), soci::into(active);
    sql << "SELECT COUNT(*) FROM licenses l WHERE l.connection = :c AND l.status = 'active' "
           "AND NOT EXISTS (SELECT 1 FROM staged_licenses s WHERE s.run_id = :r "
           "AND s.external_id = l.external_id)",
        soci::use(connection), soci::use(run_id), soci::into(would_retire);
    if (would_retire >= guard_retire_minimum && would_retire * 100 > active * guard_retire_percent)
      return "would retire " + std::to_string(would_retire) + " of " + std::to_string(active) +
             " active licenses (more than " + std::to_string(guard_retire_percent) + " %)";
  }
  long long last_merged = 0;
  soci::indicator last_ind = soci::i_null;
  sql << "SELECT MAX(run_id) FROM merged_streams WHERE connection = :c", soci::use(connection),
      soci::into(last_merged, last_ind);
  if (last_ind != soci::i_ok) return {};
  std::string empty_streams;
  for (const auto& [kind, records] : counts.stream_records) {
    if (records != 0) continue;
    long long before = 0;
    soci::indicator before_ind = soci::i_null;
    sql << "SELECT records FROM merged_streams WHERE run_id = :r AND kind = :k",
        soci::use(last_merged), soci::use(kind), soci::into(before, before_ind);
    if (before_ind == soci::i_ok && before > 0)
      empty_streams += (empty_streams.empty() ? "" : ", ") + kind + " (" + std::to_string(before) +
                       " in run " + std::to_string(last_merged) + ")";
  }
  if (!empty_streams.empty()) return "streams came back empty: " + empty_streams;
  return {};
}

// Licenses of the connection that this run did not deliver while it delivered a licenses
// stream: retired ones whose last known terms, applications and users stay as they were.
constexpr const char* frozen_licenses =
    "(SELECT f.external_id FROM licenses f WHERE f.connection = :fc AND f.external_id IS NOT NULL "
    "AND f.last_seen_run <> :fr)";

// `moves` names a table whose rows are keyed by their own id alone (terms): a row the run
// delivers under another license leaves its old license, even a frozen one, before it is
// inserted under the new one.
void replace_license_children(soci::session& sql, const char* table, const char* columns,
                              const char* staged_table, const std::string& connection,
                              long long run_id, bool freeze_missing, bool unallocated_too,
                              bool moves = false) {
  std::string del = std::string("DELETE FROM ") + table + " WHERE connection = :c";
  std::string ins = std::string("INSERT INTO ") + table + " (connection, " + columns +
                    ") SELECT connection, " + columns + " FROM " + staged_table +
                    " WHERE run_id = :r";
  if (freeze_missing) {
    del += std::string(" AND (license_external_id NOT IN ") + frozen_licenses +
           (unallocated_too ? " OR license_external_id = ''" : "") +
           (moves ? std::string(" OR external_id IN (SELECT m.external_id FROM ") + staged_table +
                        " m WHERE m.run_id = :mr)"
                  : std::string()) +
           ")";
    ins += std::string(" AND license_external_id NOT IN ") + frozen_licenses;
    if (moves)
      sql << del, soci::use(connection), soci::use(connection), soci::use(run_id),
          soci::use(run_id);
    else
      sql << del, soci::use(connection), soci::use(connection), soci::use(run_id);
    sql << ins, soci::use(run_id), soci::use(connection), soci::use(run_id);
  } else {
    sql << del, soci::use(connection);
    sql << ins, soci::use(run_id);
  }
}

// A merge that throws has rolled back; the run says so (the error columns are free: a run
// reaches the merge only when its import had no error). A failure to write that is secondary:
// the original error is what the caller sees.
void record_failure(soci::session& sql, long long run_id, const std::exception& e) {
  const std::string cls =
      dynamic_cast<const soci::soci_error*>(&e) != nullptr ? "database" : "internal";
  const std::string message = std::string("merge failed: ") + e.what();
  try {
    sql << "UPDATE runs SET merge_status = 'failed', merge_reason = NULL, error_class = :c, "
           "error_message = :m WHERE id = :r",
        soci::use(cls), soci::use(message), soci::use(run_id);
  } catch (const std::exception&) {  // NOLINT(bugprone-empty-catch): the first error wins
  }
}

}  // namespace

std::string_view to_string(merge_status s) {
  switch (s) {
    case merge_status::merged:
      return "merged";
    case merge_status::held:
      return "held";
    case merge_status::skipped:
      return "skipped";
  }
  return "skipped";
}

namespace {

merge_result merge_steps(soci::session& sql, long long run_id, const merge_options& options) {
  merge_result result;
  write_transaction tr(sql, run_id);
  // Held or skipped: the reason is recorded and committed like a merge.
  const auto stop = [&](merge_status status, std::string reason) {
    auto r = not_merged(sql, run_id, status, std::move(reason), result);
    tr.commit();
    return r;
  };
  const run_row run = load_run(sql, run_id);
  const auto step = [&](std::string_view name) {
    if (options.on_step) options.on_step(name);
  };

  if (run.merge_status == "merged") {
    result.status = merge_status::skipped;
    result.reason = "already merged";
    return result;
  }
  if (run.outcome != "staged")
    return stop(merge_status::skipped,
                "run is " + run.outcome + ": only a run whose every stream is complete is merged");
  long long newer = 0;
  sql << "SELECT COUNT(*) FROM runs WHERE connection = :c AND merge_status = 'merged' AND id > :r",
      soci::use(run.connection), soci::use(run_id), soci::into(newer);
  if (newer > 0)
    return stop(merge_status::skipped, "a newer run of this connection is already merged");

  // Which streams the run delivered, and how many staged records each holds.
  long long incomplete = 0;
  sql << "SELECT COUNT(*) FROM run_streams WHERE run_id = :r AND completeness <> 'complete'",
      soci::use(run_id), soci::into(incomplete);
  if (incomplete > 0) return stop(merge_status::skipped, "a stream of this run is not complete");
  for (const auto& s : streams) {
    long long delivered = 0;
    // A named string: a temporary passed to soci::use dies before the statement runs.
    const std::string kind(s.kind);
    sql << "SELECT COUNT(*) FROM run_streams WHERE run_id = :r AND kind = :k", soci::use(run_id),
        soci::use(kind), soci::into(delivered);
    if (delivered == 0) continue;
    long long n = 0;
    sql << std::string("SELECT COUNT(*) FROM ") + s.staged_table + " WHERE run_id = :r",
        soci::use(run_id), soci::into(n);
    result.stream_records[s.kind] = n;
  }
  const auto delivered = [&](const char* kind) { return result.stream_records.contains(kind); };

  if (!options.override_guard) {
    std::string why = guard_reason(sql, run_id, run.connection, result, delivered("licenses"));
    if (!why.empty()) return stop(merge_status::held, why);
  }

  const std::string now = now_utc_iso();
  step("begin");

  if (delivered("applications")) {
    sql << "INSERT INTO applications (connection, external_id, name, product, publisher, "
           "activity_threshold_days, is_active, source_url, status, first_seen_run, last_seen_run) "
           "SELECT connection, external_id, name, product, publisher, activity_threshold_days, "
           "is_active, source_url, 'active', run_id, run_id FROM staged_applications "
           "WHERE run_id = :r "
           "ON CONFLICT (connection, external_id) DO UPDATE SET name = excluded.name, "
           "product = excluded.product, publisher = excluded.publisher, "
           "activity_threshold_days = excluded.activity_threshold_days, "
           "is_active = excluded.is_active, source_url = excluded.source_url, status = 'active', "
           "retired_at = NULL, last_seen_run = excluded.last_seen_run",
        soci::use(run_id);
    sql << "UPDATE applications SET status = 'retired', retired_at = :t WHERE connection = :c "
           "AND status = 'active' AND last_seen_run <> :r",
        soci::use(now), soci::use(run.connection), soci::use(run_id);
    step("applications");
  }

  if (delivered("licenses")) {
    long long known = 0;
    sql << "SELECT COUNT(*) FROM licenses l WHERE l.connection = :c AND EXISTS (SELECT 1 FROM "
           "staged_licenses s WHERE s.run_id = :r AND s.external_id = l.external_id)",
        soci::use(run.connection), soci::use(run_id), soci::into(known);
    auto returning = detail::select_licenses(
        sql,
        "connection = :c AND status = 'retired' AND superseded_by IS NULL AND EXISTS (SELECT 1 "
        "FROM staged_licenses s WHERE s.run_id = :r AND s.external_id = licenses.external_id)",
        run.connection, run_id);
    record_license_changes(sql, returning, license_change_kind::returned, "", run_id);
    // A returning license is counted as returned only, not also as updated.
    result.licenses_returned = static_cast<std::int64_t>(returning.size());
    result.licenses_updated = known - result.licenses_returned;
    result.licenses_new = result.stream_records["licenses"] - known;

    // Source-owned columns only: local columns are not named here, so they cannot change.
    // A license retired because its adapter is superseded stays retired.
    sql << "INSERT INTO licenses (connection, external_id, created_by_adapter, imported_name, "
           "license_type, currency, source_url, source_created_at, source_modified_at, "
           "imported_notes, status, first_seen_run, last_seen_run) "
           "SELECT connection, external_id, :a, name, license_type, currency, source_url, "
           "created_at, modified_at, notes, 'active', run_id, run_id FROM staged_licenses "
           "WHERE run_id = :r "
           "ON CONFLICT (connection, external_id) DO UPDATE SET "
           "imported_name = excluded.imported_name, license_type = excluded.license_type, "
           "currency = excluded.currency, source_url = excluded.source_url, "
           "source_created_at = excluded.source_created_at, "
           "source_modified_at = excluded.source_modified_at, "
           "imported_notes = excluded.imported_notes, last_seen_run = excluded.last_seen_run, "
           "status = CASE WHEN licenses.superseded_by IS NULL THEN 'active' "
           "  ELSE licenses.status END, "
           "retired_reason = CASE WHEN licenses.superseded_by IS NULL THEN NULL "
           "  ELSE licenses.retired_reason END, "
           "retired_at = CASE WHEN licenses.superseded_by IS NULL THEN NULL "
           "  ELSE licenses.retired_at END",
        soci::use(run.adapter), soci::use(run_id);
    auto added = detail::select_licenses(sql, "connection = :c AND first_seen_run = :r",
                                         run.connection, run_id);
    record_license_changes(sql, added, license_change_kind::added, "", run_id);
    step("licenses");

    // A complete licenses stream: whatever it lacks was removed at the source.
    auto retiring = detail::select_licenses(
        sql, "connection = :c AND status = 'active' AND last_seen_run <> :r", run.connection,
        run_id);
    record_license_changes(sql, retiring, license_change_kind::retired, removed_from_source,
                           run_id);
    const std::string reason = removed_from_source;
    sql << "UPDATE licenses SET status = 'retired', retired_reason = :why, retired_at = :t "
           "WHERE connection = :c AND status = 'active' AND last_seen_run <> :r",
        soci::use(reason), soci::use(now), soci::use(run.connection), soci::use(run_id);
    result.licenses_retired = static_cast<std::int64_t>(retiring.size());
    step("retire");

    replace_license_children(sql, "license_applications",
                             "license_external_id, application_external_id",
                             "staged_license_applications", run.connection, run_id, true, false);
    step("license_applications");
  }
  const bool freeze = delivered("licenses");

  if (delivered("entitlements")) {
    replace_license_children(
        sql, "entitlements",
        "external_id, license_external_id, position, name, sku, term_type, items_allowed, "
        "is_unlimited, is_active, hidden, effective_at, ends_at, annual_cost, per_user_cost, "
        "currency",
        "staged_entitlements", run.connection, run_id, freeze, false, true);
    step("entitlements");
  }

  if (delivered("accessing_users")) {
    sql << "DELETE FROM accessing_users WHERE connection = :c", soci::use(run.connection);
    sql << "INSERT INTO accessing_users (connection, external_id, email, first_name, last_name, "
           "user_name, domain) SELECT connection, external_id, email, first_name, last_name, "
           "user_name, domain FROM staged_accessing_users WHERE run_id = :r",
        soci::use(run_id);
    step("accessing_users");
  }

  if (delivered("consumption")) {
    replace_license_children(sql, "consumption",
                             "external_id, license_external_id, application_external_id, "
                             "accessing_user_external_id, activated_at, deactivated_at, "
                             "last_activity_at",
                             "staged_consumption", run.connection, run_id, freeze, true);
    step("consumption");
  }

  for (const auto& [kind, records] : result.stream_records) {
    long long n = records;
    sql << "INSERT INTO merged_streams (run_id, connection, kind, records) "
           "VALUES (:r, :c, :k, :n)",
        soci::use(run_id), soci::use(run.connection), soci::use(kind), soci::use(n);
  }
  result.superseded = retire_superseded_on_arrival(sql, run.connection, run_id);
  drop_older_staging(sql, run.connection, run_id);
  step("staging");
  sql << "UPDATE runs SET merge_status = 'merged', merge_reason = NULL, merged_at = :t, "
         "error_class = NULL, error_message = NULL WHERE id = :r",
      soci::use(now), soci::use(run_id);
  record_merge_counts(sql, run_id, result);
  step("commit");
  tr.commit();
  result.status = merge_status::merged;
  return result;
}

}  // namespace

merge_result merge_run(soci::session& sql, std::int64_t run_id, const merge_options& options) {
  try {
    const auto started = std::chrono::steady_clock::now();
    merge_result result = merge_steps(sql, run_id, options);
    // Recorded for the metrics' per-phase durations; a merge that failed has no duration.
    const long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - started)
                             .count();
    const long long id = run_id;
    sql << "UPDATE runs SET merge_ms = :ms WHERE id = :id", soci::use(ms), soci::use(id);
    return result;
  } catch (const std::exception& e) {
    record_failure(sql, run_id, e);
    throw;
  }
}

}  // namespace invhost::inventory
