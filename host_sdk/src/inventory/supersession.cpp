// Supersession (docs/data-mapping.md, "Supersession"): decided per superseded connection, held
// when it would lose seats, reported as events, undone when the superseding connection goes.
#include "invhost/inventory/supersession.hpp"

#include <soci/soci.h>

#include "invhost/inventory/dates.hpp"
#include "invhost/inventory/license_changes.hpp"
#include "select_licenses.hpp"

namespace invhost::inventory {
namespace {

constexpr const char* in_force_state = "in_force";
constexpr const char* held_state = "held";

void record_event(soci::session& sql, const supersession_change& c,
                  std::optional<std::int64_t> run_id) {
  const std::string now = now_utc_iso();
  const std::string event(to_string(c.event));
  const long long n = c.licenses;
  long long run = run_id.value_or(0);
  soci::indicator run_ind = run_id ? soci::i_ok : soci::i_null;
  std::string reason = c.reason;
  soci::indicator reason_ind = reason.empty() ? soci::i_null : soci::i_ok;
  sql << "INSERT INTO supersession_events (at, superseded_connection, by_connection, event, "
         "licenses, reason, run_id) VALUES (:t, :s, :b, :e, :n, :r, :run)",
      soci::use(now), soci::use(c.superseded_connection), soci::use(c.by_connection),
      soci::use(event), soci::use(n), soci::use(reason, reason_ind), soci::use(run, run_ind);
}

// The newest merged run of `by` brought at least one license, and a reconciliation followed it:
// an empty or never-reconciled import must not retire anything.
bool superseding_import_qualifies(soci::session& sql, const std::string& by) {
  long long run = 0;
  soci::indicator run_ind = soci::i_null;
  sql << "SELECT MAX(id) FROM runs WHERE connection = :c AND merge_status = 'merged'",
      soci::use(by), soci::into(run, run_ind);
  if (run_ind != soci::i_ok) return false;
  long long licenses = 0;
  soci::indicator lic_ind = soci::i_null;
  sql << "SELECT records FROM merged_streams WHERE run_id = :r AND kind = 'licenses'",
      soci::use(run), soci::into(licenses, lic_ind);
  if (lic_ind != soci::i_ok || licenses <= 0) return false;
  std::string merged_at;
  sql << "SELECT merged_at FROM runs WHERE id = :r", soci::use(run), soci::into(merged_at);
  long long reconciled = 0;
  sql << "SELECT COUNT(*) FROM reconciliations WHERE created_at >= :m", soci::use(merged_at),
      soci::into(reconciled);
  return reconciled > 0;
}

// Publishers of a superseded connection's applications, as its source names them.
std::vector<std::string> publishers_of(soci::session& sql, const std::string& connection) {
  std::vector<std::string> out;
  std::string p;
  soci::statement st = (sql.prepare << "SELECT DISTINCT publisher FROM applications WHERE "
                                       "connection = :c AND publisher <> '' ORDER BY publisher",
                        soci::use(connection), soci::into(p));
  st.execute();
  while (st.fetch()) out.push_back(p);
  return out;
}

// Whether `by` holds an active license of one of `connection`'s publishers. Case is ignored and
// a longer legal name counts ("Microsoft Corporation" covers "Microsoft").
bool holds_publisher(soci::session& sql, const std::string& by, const std::string& connection) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM licenses n JOIN license_applications la ON la.connection = "
         "n.connection AND la.license_external_id = n.external_id JOIN applications a ON "
         "a.connection = la.connection AND a.external_id = la.application_external_id "
         "WHERE n.connection = :by AND n.status = 'active' AND EXISTS (SELECT 1 FROM "
         "applications p WHERE p.connection = :c AND p.publisher <> '' AND ("
         "LOWER(a.publisher) = LOWER(p.publisher) OR "
         "LOWER(a.publisher) LIKE LOWER(p.publisher) || ' %'))",
      soci::use(by), soci::use(connection), soci::into(n);
  return n > 0;
}

std::vector<license_change> retire_connection(soci::session& sql, const std::string& connection,
                                              const std::string& by,
                                              std::optional<std::int64_t> run_id) {
  const std::string now = now_utc_iso();
  const std::string reason = superseded_by_prefix + by;
  auto retiring = detail::select_licenses(
      sql, "connection = :c AND status = 'active' AND superseded_by IS NULL", connection);
  record_license_changes(sql, retiring, license_change_kind::retired, reason, run_id);
  // Only active licenses: one already removed from source keeps that reason.
  sql << "UPDATE licenses SET superseded_by = :b, retired_reason = :r, status = 'retired', "
         "retired_at = :t WHERE connection = :c AND status = 'active' AND superseded_by IS NULL",
      soci::use(by), soci::use(reason), soci::use(now), soci::use(connection);
  return retiring;
}

// Licenses superseded by `by` return: active when their connection's last merged licenses
// stream still had them, else retired as removed from source (they vanished meanwhile).
std::vector<license_change> restore_connection(soci::session& sql, const std::string& connection,
                                               const std::string& by) {
  const std::string now = now_utc_iso();
  constexpr const char* last_licenses_run =
      "(SELECT MAX(m.run_id) FROM merged_streams m WHERE m.connection = licenses.connection "
      "AND m.kind = 'licenses')";
  auto returning = detail::select_licenses(
      sql,
      std::string("connection = :c AND superseded_by = :b AND last_seen_run = ") +
          last_licenses_run,
      connection, by);
  record_license_changes(sql, returning, license_change_kind::returned, "", std::nullopt);
  sql << std::string(
             "UPDATE licenses SET status = 'active', retired_reason = NULL, retired_at = "
             "NULL, superseded_by = NULL WHERE connection = :c AND superseded_by = :b "
             "AND last_seen_run = ") +
             last_licenses_run,
      soci::use(connection), soci::use(by);
  const std::string reason = removed_from_source;
  sql << "UPDATE licenses SET status = 'retired', retired_reason = :why, retired_at = :t, "
         "superseded_by = NULL WHERE connection = :c AND superseded_by = :b",
      soci::use(reason), soci::use(now), soci::use(connection), soci::use(by);
  return returning;
}

struct row_state {
  bool present = false;
  std::string by;
  std::string state;
  std::string reason;
  std::string decided_at;
};

row_state load_state(soci::session& sql, const std::string& connection) {
  row_state s;
  soci::indicator reason_ind = soci::i_null;
  long long n = 0;
  sql << "SELECT COUNT(*) FROM superseded_connections WHERE connection = :c", soci::use(connection),
      soci::into(n);
  if (n == 0) return s;
  s.present = true;
  sql << "SELECT by_connection, state, reason, decided_at FROM superseded_connections WHERE "
         "connection = :c",
      soci::use(connection), soci::into(s.by), soci::into(s.state),
      soci::into(s.reason, reason_ind), soci::into(s.decided_at);
  if (reason_ind != soci::i_ok) s.reason.clear();
  return s;
}

void save_state(soci::session& sql, const std::string& connection, const std::string& by,
                const std::string& state, const std::string& reason) {
  const std::string now = now_utc_iso();
  std::string r = reason;
  soci::indicator r_ind = r.empty() ? soci::i_null : soci::i_ok;
  sql << "DELETE FROM superseded_connections WHERE connection = :c", soci::use(connection);
  sql << "INSERT INTO superseded_connections (connection, by_connection, state, reason, "
         "decided_at) VALUES (:c, :b, :s, :r, :t)",
      soci::use(connection), soci::use(by), soci::use(state), soci::use(r, r_ind), soci::use(now);
}

std::vector<std::string> connections_of_adapters(soci::session& sql,
                                                 const std::vector<std::string>& adapters,
                                                 const std::string& by) {
  std::vector<std::string> out;
  for (const std::string& adapter : adapters) {
    std::string c;
    soci::statement st =
        (sql.prepare << "SELECT DISTINCT connection FROM licenses WHERE created_by_adapter = :a "
                        "AND connection IS NOT NULL AND connection <> :b ORDER BY connection",
         soci::use(adapter), soci::use(by), soci::into(c));
    st.execute();
    while (st.fetch()) out.push_back(c);
  }
  return out;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::vector<supersession_change> end_where(
    soci::session& sql, const std::vector<std::pair<std::string, std::string>>& rows) {
  std::vector<supersession_change> out;
  for (const auto& [connection, by] : rows) {
    supersession_change c;
    c.superseded_connection = connection;
    c.by_connection = by;
    c.event = supersession_event::ended;
    c.changed = restore_connection(sql, connection, by);
    c.licenses = static_cast<std::int64_t>(c.changed.size());
    sql << "DELETE FROM superseded_connections WHERE connection = :c", soci::use(connection);
    record_event(sql, c, std::nullopt);
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> all_rows(soci::session& sql) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string c, b;
  soci::statement st = (sql.prepare << "SELECT connection, by_connection FROM "
                                       "superseded_connections ORDER BY connection",
                        soci::into(c), soci::into(b));
  st.execute();
  while (st.fetch()) out.emplace_back(c, b);
  return out;
}

}  // namespace

std::string_view to_string(supersession_event e) {
  switch (e) {
    case supersession_event::in_force:
      return "in force";
    case supersession_event::held:
      return "held";
    case supersession_event::retired_on_arrival:
      return "retired on arrival";
    case supersession_event::ended:
      return "ended";
  }
  return "held";
}

std::vector<supersession_change> decide_supersessions(
    soci::session& sql, const std::string& by, const std::vector<std::string>& superseded_adapters,
    const std::set<std::string>& overrides, std::optional<std::int64_t> run_id) {
  std::vector<supersession_change> out;
  if (superseded_adapters.empty()) return out;
  soci::transaction tr(sql);
  if (!superseding_import_qualifies(sql, by)) {
    tr.commit();
    return out;
  }
  for (const std::string& connection : connections_of_adapters(sql, superseded_adapters, by)) {
    const row_state now = load_state(sql, connection);
    // In force already (by this or another connection: one source, one connection): nothing new.
    if (now.present && now.state == in_force_state) continue;
    supersession_change c;
    c.superseded_connection = connection;
    c.by_connection = by;
    const bool overridden = overrides.contains(connection);
    if (!overridden && !holds_publisher(sql, by, connection)) {
      const auto publishers = publishers_of(sql, connection);
      c.event = supersession_event::held;
      c.reason = publishers.empty() ? "the publisher of " + connection + " is unknown"
                                    : by + " holds no active license of " + join(publishers);
      if (now.present && now.by == by && now.reason == c.reason) continue;  // held, unchanged
      save_state(sql, connection, by, held_state, c.reason);
    } else {
      c.event = supersession_event::in_force;
      c.reason = overridden ? "override" : "";
      c.changed = retire_connection(sql, connection, by, run_id);
      c.licenses = static_cast<std::int64_t>(c.changed.size());
      save_state(sql, connection, by, in_force_state, c.reason);
    }
    record_event(sql, c, run_id);
    out.push_back(std::move(c));
  }
  tr.commit();
  return out;
}

std::vector<supersession_change> end_supersessions_except(soci::session& sql,
                                                          const std::set<std::string>& live) {
  soci::transaction tr(sql);
  std::vector<std::pair<std::string, std::string>> gone;
  for (auto& row : all_rows(sql))
    if (!live.contains(row.second)) gone.push_back(std::move(row));
  auto out = end_where(sql, gone);
  tr.commit();
  return out;
}

std::vector<supersession_change> end_supersessions_by(soci::session& sql, const std::string& by) {
  soci::transaction tr(sql);
  std::vector<std::pair<std::string, std::string>> gone;
  for (auto& row : all_rows(sql))
    if (row.second == by) gone.push_back(std::move(row));
  auto out = end_where(sql, gone);
  tr.commit();
  return out;
}

std::int64_t retire_superseded_on_arrival(soci::session& sql, const std::string& connection,
                                          std::int64_t run_id) {
  const row_state s = load_state(sql, connection);
  if (!s.present || s.state != in_force_state) return 0;
  supersession_change c;
  c.superseded_connection = connection;
  c.by_connection = s.by;
  c.event = supersession_event::retired_on_arrival;
  c.changed = retire_connection(sql, connection, s.by, run_id);
  c.licenses = static_cast<std::int64_t>(c.changed.size());
  if (c.licenses > 0) record_event(sql, c, run_id);
  return c.licenses;
}

std::vector<supersession_state> list_supersessions(soci::session& sql) {
  std::vector<supersession_state> out;
  for (const auto& [connection, by] : all_rows(sql)) {
    const row_state s = load_state(sql, connection);
    supersession_state st;
    st.superseded_connection = connection;
    st.by_connection = by;
    st.state = s.state == in_force_state ? "in force" : "held";
    if (s.state == held_state) st.reason = s.reason;
    st.since = s.decided_at;
    long long n = 0;
    sql << "SELECT COUNT(*) FROM licenses WHERE connection = :c AND superseded_by = :b",
        soci::use(connection), soci::use(by), soci::into(n);
    st.licenses = n;
    out.push_back(std::move(st));
  }
  return out;
}

}  // namespace invhost::inventory
