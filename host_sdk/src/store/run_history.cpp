// The runs and run_streams tables.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <invhost/run_history.hpp>

namespace invhost {

int64_t begin_run(store& db, const std::string& connection, const std::string& adapter,
                  const std::string& adapter_version) {
  auto& sql = db.sql();
  const std::string now = utc_now_iso();
  long long id = 0;
  const std::string insert =
      "INSERT INTO runs (connection, adapter, adapter_version, started_at, outcome) "
      "VALUES (:c, :a, :v, :t, 'running')";
  if (db.backend() == db_backend::postgresql) {
    sql << insert + " RETURNING id", soci::use(connection), soci::use(adapter),
        soci::use(adapter_version), soci::use(now), soci::into(id);
  } else {
    sql << insert, soci::use(connection), soci::use(adapter), soci::use(adapter_version),
        soci::use(now);
    sql << "SELECT last_insert_rowid()", soci::into(id);
  }
  return static_cast<int64_t>(id);
}

void finish_run(store& db, int64_t run_id, const std::string& outcome,
                const std::string& error_class, const std::string& error_message, int http_status,
                int64_t requests) {
  const std::string now = utc_now_iso();
  const long long id = run_id;
  const long long req = requests;
  // SOCI binds indicators and values by reference: keep mutable copies.
  std::string cls = error_class, msg = error_message;
  int http = http_status;
  soci::indicator cls_ind = cls.empty() ? soci::i_null : soci::i_ok;
  soci::indicator msg_ind = msg.empty() ? soci::i_null : soci::i_ok;
  soci::indicator http_ind = http == 0 ? soci::i_null : soci::i_ok;
  db.sql()
      << "UPDATE runs SET finished_at = :f, outcome = :o, error_class = :c, error_message = :m, "
         "http_status = :h, requests = :r WHERE id = :id",
      soci::use(now), soci::use(outcome), soci::use(cls, cls_ind), soci::use(msg, msg_ind),
      soci::use(http, http_ind), soci::use(req), soci::use(id);
}

int64_t abandon_running_runs(store& db) {
  const std::string now = utc_now_iso();
  long long n = 0;
  db.sql() << "SELECT COUNT(*) FROM runs WHERE outcome = 'running'", soci::into(n);
  if (n == 0) return 0;
  db.sql() << "UPDATE runs SET outcome = 'failed', error_class = 'abandoned', error_message = "
              "'abandoned: the process running it ended before it finished (found by the next "
              "holder of the host lock)', finished_at = :t WHERE outcome = 'running'",
      soci::use(now);
  return n;
}

void record_run_timing(store& db, int64_t run_id, int64_t staging_ms, int64_t source_ms) {
  const long long id = run_id, staging = staging_ms, source = source_ms;
  db.sql() << "UPDATE runs SET staging_ms = :s, source_ms = :o WHERE id = :id", soci::use(staging),
      soci::use(source), soci::use(id);
}

void record_run_retries(store& db, int64_t run_id, int64_t retries, int64_t throttled) {
  const long long id = run_id, r = retries, t = throttled;
  db.sql() << "UPDATE runs SET retries = :r, throttled = :t WHERE id = :id", soci::use(r),
      soci::use(t), soci::use(id);
}

namespace {

std::vector<stream_record> streams_of(store& db, long long run_id) {
  std::vector<stream_record> out;
  std::string kind, completeness, reason;
  long long records = 0, pages = 0;
  soci::indicator reason_ind = soci::i_ok;
  soci::statement st =
      (db.sql().prepare << "SELECT kind, records, pages, completeness, reason FROM run_streams "
                           "WHERE run_id = :id ORDER BY kind",
       soci::into(kind), soci::into(records), soci::into(pages), soci::into(completeness),
       soci::into(reason, reason_ind), soci::use(run_id));
  st.execute();
  while (st.fetch()) {
    out.push_back(
        {kind, records, pages, completeness, reason_ind == soci::i_ok ? reason : std::string{}});
  }
  return out;
}

std::vector<run_supersession> supersession_of(store& db, long long run_id) {
  std::vector<run_supersession> out;
  run_supersession e;
  long long licenses = 0;
  soci::indicator reason_ind = soci::i_ok;
  soci::statement st =
      (db.sql().prepare << "SELECT superseded_connection, by_connection, event, licenses, reason "
                           "FROM supersession_events WHERE run_id = :id ORDER BY id",
       soci::into(e.superseded_connection), soci::into(e.by_connection), soci::into(e.event),
       soci::into(licenses), soci::into(e.reason, reason_ind), soci::use(run_id));
  st.execute();
  while (st.fetch()) {
    run_supersession row = e;
    row.licenses = licenses;
    if (reason_ind != soci::i_ok) row.reason.clear();
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace

namespace {

// Runs newest first: of one connection, or the one run with that id, or all; at most limit.
std::vector<run_record> select_runs(store& db, const std::optional<std::string>& connection,
                                    std::optional<long long> run_id, int limit) {
  std::vector<run_record> out;
  run_record r;
  long long id = 0, requests = 0, retries = 0, throttled = 0;
  int http = 0;
  soci::indicator retries_ind = soci::i_ok, throttled_ind = soci::i_ok;
  soci::indicator fin_ind = soci::i_ok, cls_ind = soci::i_ok, msg_ind = soci::i_ok,
                  http_ind = soci::i_ok;
  soci::indicator merge_ind = soci::i_ok, merge_reason_ind = soci::i_ok;
  const std::string filter = connection ? "WHERE connection = :c " : run_id ? "WHERE id = :i " : "";
  const std::string conn = connection.value_or("");
  const std::string query =
      "SELECT id, connection, adapter, adapter_version, started_at, finished_at, outcome, "
      "error_class, "
      "error_message, http_status, requests, merge_status, merge_reason, retries, throttled "
      "FROM runs " +
      filter + "ORDER BY id DESC LIMIT :lim";
  soci::statement st(db.sql());
  st.exchange(soci::into(id));
  st.exchange(soci::into(r.connection));
  st.exchange(soci::into(r.adapter));
  st.exchange(soci::into(r.adapter_version));
  st.exchange(soci::into(r.started_at));
  st.exchange(soci::into(r.finished_at, fin_ind));
  st.exchange(soci::into(r.outcome));
  st.exchange(soci::into(r.error_class, cls_ind));
  st.exchange(soci::into(r.error_message, msg_ind));
  st.exchange(soci::into(http, http_ind));
  st.exchange(soci::into(requests));
  st.exchange(soci::into(r.merge_status, merge_ind));
  st.exchange(soci::into(r.merge_reason, merge_reason_ind));
  st.exchange(soci::into(retries, retries_ind));
  st.exchange(soci::into(throttled, throttled_ind));
  const long long wanted = run_id.value_or(0);
  if (connection) st.exchange(soci::use(conn));
  if (run_id) st.exchange(soci::use(wanted));
  st.exchange(soci::use(limit));
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    run_record row = r;
    row.id = id;
    row.requests = requests;
    row.retries = retries_ind == soci::i_ok ? retries : 0;
    row.throttled = throttled_ind == soci::i_ok ? throttled : 0;
    if (fin_ind != soci::i_ok) row.finished_at.clear();
    if (cls_ind != soci::i_ok) row.error_class.clear();
    if (msg_ind != soci::i_ok) row.error_message.clear();
    row.http_status = http_ind == soci::i_ok ? http : 0;
    if (merge_ind != soci::i_ok) row.merge_status.clear();
    if (merge_reason_ind != soci::i_ok) row.merge_reason.clear();
    out.push_back(std::move(row));
  }
  for (auto& row : out) {
    row.streams = streams_of(db, row.id);
    row.supersession = supersession_of(db, row.id);
  }
  return out;
}

}  // namespace

std::vector<run_record> list_runs(store& db, const std::optional<std::string>& connection,
                                  int limit) {
  return select_runs(db, connection, std::nullopt, std::clamp(limit, 1, 10000));
}

std::optional<run_record> find_run(store& db, int64_t run_id) {
  auto runs = select_runs(db, std::nullopt, run_id, 1);
  if (runs.empty()) return std::nullopt;
  return std::move(runs.front());
}

std::optional<run_record> last_run(store& db, const std::string& connection) {
  auto runs = list_runs(db, connection, 1);
  if (runs.empty()) return std::nullopt;
  return std::move(runs.front());
}

}  // namespace invhost
