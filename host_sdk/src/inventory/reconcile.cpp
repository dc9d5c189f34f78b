#include "invhost/inventory/reconcile.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "effective_consumption.hpp"
#include "invhost/inventory/dates.hpp"
#include "invhost/inventory/position.hpp"
#include "row_values.hpp"

namespace invhost::inventory {
namespace {

constexpr int default_threshold_days = 90;

using detail::as_int;
using detail::as_text;

std::optional<bool> flag(const soci::row& r, std::size_t i) {
  auto v = detail::opt_int(r, i);
  if (!v) return std::nullopt;
  return *v != 0;
}

// Rows of consumption as they count on D: deactivated users and excluded accounts dropped, an
// unallocated row moved to its application's only license, the person of a row of a Named User
// license, and an "active" mark against the application's own cut-off.
constexpr const char* effective_consumption_head =
    "WITH single_license AS ("
    "  SELECT la.connection, la.application_external_id, "
    "         MIN(la.license_external_id) AS license_external_id, "
    "         MIN(l2.license_type) AS license_type "
    "  FROM license_applications la JOIN licenses l2 ON l2.connection = la.connection "
    "   AND l2.external_id = la.license_external_id "
    "  WHERE l2.status = 'active' OR l2.superseded_by IS NOT NULL "
    "  GROUP BY la.connection, la.application_external_id HAVING COUNT(*) = 1), "
    "counted AS ("
    "  SELECT c.connection AS connection, c.application_external_id AS app, "
    "    CASE WHEN l.external_id IS NOT NULL THEN l.external_id "
    "         ELSE s.license_external_id END AS lic, "
    "    c.accessing_user_external_id AS usr, ";
// (the person column goes here)
constexpr const char* effective_consumption_middle =
    "    CASE WHEN c.last_activity_at <> '' AND substr(c.last_activity_at, 1, 10) >= "
    "         COALESCE(co.cutoff_date, :dcut) THEN 1 ELSE 0 END AS active, "
    "    c.last_activity_at AS last_at "
    "  FROM ";
// (the consumption rows read, as `c`, go here)
constexpr const char* effective_consumption_tail =
    "  LEFT JOIN licenses l ON l.connection = c.connection "
    "   AND l.external_id = c.license_external_id AND c.license_external_id <> '' "
    "  LEFT JOIN single_license s ON s.connection = c.connection "
    "   AND s.application_external_id = c.application_external_id "
    "  LEFT JOIN reconciliation_cutoffs co ON co.reconciliation_id = :rid "
    "   AND co.connection = c.connection AND co.application_external_id = "
    "c.application_external_id ";
// (the joins to accounts go here)
constexpr const char* effective_consumption_where =
    "  WHERE (c.deactivated_at = '' OR substr(c.deactivated_at, 1, 10) > :day)";

// The connections a supersession in force replaces: their unallocated users leave the report
// with their licenses (the superseding connection counts those people now).
constexpr const char* in_force_connections =
    "(SELECT connection FROM superseded_connections WHERE state = 'in_force')";

struct usage {
  long long consumed = 0;
  long long inactive = 0;
};

}  // namespace

namespace detail {

std::string effective_consumption(soci::session& sql, const people_rules& rules, scope of) {
  // Over the tenant every row of consumption is read once. SQLite would otherwise walk
  // consumption_by_license and fetch each row through it; reading the table in its own order is
  // faster (about 10 % of the pass on a million rows). PostgreSQL's planner picks a sequential
  // scan by itself. For one license the indexes find its few rows.
  const bool sqlite = sql.get_backend_name() == "sqlite3";
  const bool whole = of == scope::tenant;
  const std::string n = normalised_email_sql(sql, "au.email", rules.strip_plus_addressing);
  // The person of a Named User row. SQLite looks it up in a subquery that CASE evaluates for
  // those rows alone: joining every row to its account made the pass a third slower there.
  // PostgreSQL joins (hash joins in parallel workers); a subquery would keep the grouping out of
  // its workers, which costs more than the join.
  const std::string named = "COALESCE(l.license_type, s.license_type) = 'Named User'";
  std::string person, joins;
  if (sqlite) {
    person = "CASE WHEN " + named + " THEN (SELECT CASE WHEN " + n +
             " <> '' THEN COALESCE(pa.person_email, " + n +
             ") END FROM accessing_users au LEFT JOIN person_aliases pa ON pa.alias = " + n +
             " WHERE au.connection = c.connection AND au.external_id = "
             "c.accessing_user_external_id) END AS person, ";
  } else {
    person = "CASE WHEN " + named + " AND " + n + " <> '' THEN COALESCE(pa.person_email, " + n +
             ") END AS person, ";
    joins =
        " LEFT JOIN accessing_users au ON au.connection = c.connection AND au.external_id = "
        "c.accessing_user_external_id LEFT JOIN person_aliases pa ON pa.alias = " +
        n;
  }
  // One license's rows: those allocated to it, then those of its applications allocated to
  // anything else (each row once); each part is one index range.
  const std::string rows =
      !whole   ? "(SELECT * FROM consumption WHERE connection = :fc AND license_external_id = :fl "
                 "UNION ALL SELECT * FROM consumption WHERE connection = :fc2 AND "
                 "license_external_id <> :fl2 AND application_external_id IN (SELECT "
                 "application_external_id FROM license_applications WHERE connection = :fc3 AND "
                 "license_external_id = :fl3)) c "
      : sqlite ? "consumption c NOT INDEXED "
               : "consumption c ";
  std::string out = std::string(effective_consumption_head) + person +
                    effective_consumption_middle + rows + effective_consumption_tail + joins +
                    effective_consumption_where;

  // An excluded account counts nowhere.
  if (!rules.exclude_accounts.empty())
    out +=
        " AND NOT EXISTS (SELECT 1 FROM accessing_users au WHERE au.connection = c.connection "
        "AND au.external_id = c.accessing_user_external_id AND " +
        n + " <> '' AND " + excluded_sql(n) + ")";
  return out + ") ";
}

std::string default_cutoff(const std::string& as_of) {
  return activity_cutoff(as_of, 0);
}

}  // namespace detail

std::string activity_cutoff(const std::string& as_of, long long threshold_days) {
  const long long days =
      threshold_days <= 0 || threshold_days > 36500 ? default_threshold_days : threshold_days;
  return minus_days(as_of, static_cast<int>(days));
}

std::map<std::string, std::int64_t> runs_merged_after(soci::session& sql,
                                                      std::int64_t reconciliation_id) {
  const long long rid = reconciliation_id;
  std::string created_at;
  long long seen = 0;
  soci::indicator seen_ind = soci::i_null;
  sql << "SELECT created_at, last_merged_run FROM reconciliations WHERE id = :r", soci::use(rid),
      soci::into(created_at), soci::into(seen, seen_ind);
  // Merged runs the reconciliation did not see: by id when it recorded the newest it saw, by
  // time for one made before it did.
  std::map<std::string, std::int64_t> out;
  auto keep = [&out](soci::rowset<soci::row>& rows) {
    for (const soci::row& r : rows) out[detail::as_text(r, 0)] = detail::as_int(r, 1);
  };
  if (seen_ind == soci::i_ok) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT connection, MAX(id) FROM runs WHERE merge_status = 'merged' AND "
                        "id > :s GROUP BY connection",
         soci::use(seen));
    keep(rows);
  } else {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT connection, MAX(id) FROM runs WHERE merge_status = 'merged' AND "
                        "merged_at > :t GROUP BY connection",
         soci::use(created_at));
    keep(rows);
  }
  return out;
}

std::optional<std::string> staleness(soci::session& sql, std::int64_t reconciliation_id) {
  const auto later = runs_merged_after(sql, reconciliation_id);
  if (later.empty()) return std::nullopt;
  const auto newest = std::max_element(
      later.begin(), later.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  const long long rid = reconciliation_id;
  std::string as_of;
  sql << "SELECT as_of FROM reconciliations WHERE id = :r", soci::use(rid), soci::into(as_of);
  return "run " + std::to_string(newest->second) + " of " + newest->first +
         " was merged after these positions were computed; `invhost reconcile --as-of " + as_of +
         "` brings them up to date";
}

std::optional<std::int64_t> latest_reconciliation(soci::session& sql, const std::string& as_of) {
  long long id = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(id) FROM reconciliations WHERE as_of = :d", soci::use(as_of),
      soci::into(id, ind);
  if (ind != soci::i_ok) return std::nullopt;
  return id;
}

void restate_license_statuses(soci::session& sql, std::int64_t reconciliation_id) {
  const long long rid = reconciliation_id;
  sql << "UPDATE license_positions SET status = (SELECT l.status FROM licenses l WHERE l.id = "
         "license_positions.license_id) WHERE reconciliation_id = :r AND license_id IN "
         "(SELECT id FROM licenses)",
      soci::use(rid);
  sql << std::string(
             "DELETE FROM unallocated_positions WHERE reconciliation_id = :r AND "
             "connection IN ") +
             in_force_connections,
      soci::use(rid);
}

reconcile_summary reconcile(soci::session& sql, const std::string& as_of,
                            const people_rules& rules) {
  if (!is_valid_date(as_of)) throw std::invalid_argument("not a date (YYYY-MM-DD): " + as_of);
  reconcile_summary summary;
  summary.as_of = as_of;
  const auto started = std::chrono::steady_clock::now();
  // PostgreSQL plans the pass from its table statistics. Right after a merge rewrote a million
  // rows they still describe the tables as they were (autovacuum analyses them later), and the
  // join to each account's person is then planned badly: on the large benchmark tenant the pass
  // took 27 s right after its merge against 3.9 s once analysed. Fresh statistics cost well under
  // a second.
  if (sql.get_backend_name() == "postgresql")
    sql << "ANALYZE consumption, accessing_users, licenses, license_applications, applications, "
           "person_aliases";
  soci::transaction tr(sql);

  const std::string created_at = now_utc_iso();
  long long rid = 0;
  // The id from the insert itself: MAX(id) may be another session's reconciliation.
  long long last_merged = 0;
  soci::indicator last_ind = soci::i_null;
  sql << "SELECT MAX(id) FROM runs WHERE merge_status = 'merged'",
      soci::into(last_merged, last_ind);
  sql << "INSERT INTO reconciliations (as_of, created_at, last_merged_run) VALUES (:d, :t, :m) "
         "RETURNING id",
      soci::use(as_of), soci::use(created_at), soci::use(last_merged, last_ind), soci::into(rid);
  summary.reconciliation_id = rid;

  // Per-application inactivity cut-offs for this date, kept with the reconciliation.
  {
    std::vector<std::string> conns, apps, cutoffs;
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT connection, external_id, "
                                                   "activity_threshold_days FROM applications");
    for (const soci::row& r : rows) {
      conns.push_back(as_text(r, 0));
      apps.push_back(as_text(r, 1));
      cutoffs.push_back(activity_cutoff(as_of, as_int(r, 2)));
    }
    if (!conns.empty()) {
      std::vector<long long> ids(conns.size(), rid);
      sql << "INSERT INTO reconciliation_cutoffs (reconciliation_id, connection, "
             "application_external_id, cutoff_date) VALUES (:r, :c, :a, :d)",
          soci::use(ids), soci::use(conns), soci::use(apps), soci::use(cutoffs);
    }
  }
  const std::string default_cutoff = detail::default_cutoff(as_of);
  record_exclusions(sql, rid, rules);

  // Heavy part in SQL, in one pass over consumption: distinct users per license and how many of
  // them are inactive; for rows no license takes (lic NULL), distinct users per application.
  std::map<std::pair<std::string, std::string>, usage> used;
  {
    std::vector<std::string> unallocated_conns, unallocated_apps;
    std::vector<long long> unallocated_users;
    // A Named User license counts people: the accounts of one person are one, active when any
    // of them is. Every other license, and an account without email, counts accounts (by id: an
    // id that is another account's email is taken as that email, as FSM keys users by email).
    soci::rowset<soci::row> rows =
        (sql.prepare << detail::effective_consumption(sql, rules) +
                            "SELECT connection, lic, unallocated_app, COUNT(*), "
                            "CAST(SUM(1 - any_active) AS BIGINT) FROM ("
                            "  SELECT connection, lic, "
                            "    CASE WHEN lic IS NULL THEN app END AS unallocated_app, "
                            "    MAX(active) AS any_active FROM counted "
                            "  GROUP BY connection, lic, unallocated_app, COALESCE(person, usr)) "
                            "per_user "
                            "GROUP BY connection, lic, unallocated_app",
         soci::use(default_cutoff), soci::use(rid), soci::use(as_of));
    for (const soci::row& r : rows) {
      if (r.get_indicator(1) == soci::i_ok) {
        used[{as_text(r, 0), as_text(r, 1)}] = usage{as_int(r, 3), as_int(r, 4)};
      } else {
        unallocated_conns.push_back(as_text(r, 0));
        unallocated_apps.push_back(as_text(r, 2));
        unallocated_users.push_back(as_int(r, 3));
      }
    }
    std::set<std::string> superseded;
    {
      std::string c;
      soci::statement st = (sql.prepare << std::string("SELECT connection FROM ") +
                                               "superseded_connections WHERE state = 'in_force'",
                            soci::into(c));
      st.execute();
      while (st.fetch()) superseded.insert(c);
    }
    for (std::size_t i = unallocated_conns.size(); i-- > 0;)
      if (superseded.contains(unallocated_conns[i])) {
        unallocated_conns.erase(unallocated_conns.begin() + static_cast<std::ptrdiff_t>(i));
        unallocated_apps.erase(unallocated_apps.begin() + static_cast<std::ptrdiff_t>(i));
        unallocated_users.erase(unallocated_users.begin() + static_cast<std::ptrdiff_t>(i));
      }
    if (!unallocated_conns.empty()) {
      std::vector<long long> rids(unallocated_conns.size(), rid);
      sql << "INSERT INTO unallocated_positions (reconciliation_id, connection, "
             "application_external_id, users) VALUES (:r, :c, :a, :n)",
          soci::use(rids), soci::use(unallocated_conns), soci::use(unallocated_apps),
          soci::use(unallocated_users);
    }
  }

  // Terms per license, in the source's order; linked purchases for local-only licenses.
  std::map<std::pair<std::string, std::string>, std::vector<term>> terms;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT connection, license_external_id, term_type, items_allowed, "
                        "is_unlimited, is_active, hidden, effective_at, ends_at, annual_cost, "
                        "per_user_cost, currency FROM entitlements "
                        "ORDER BY connection, license_external_id, position, external_id");
    for (const soci::row& r : rows) {
      term t;
      t.term_type = as_text(r, 2);
      t.items_allowed = as_int(r, 3);
      t.is_unlimited = flag(r, 4);
      t.is_active = flag(r, 5);
      t.hidden = flag(r, 6);
      t.effective_at = as_text(r, 7);
      t.ends_at = as_text(r, 8);
      t.annual_cost = as_text(r, 9);
      t.per_user_cost = as_text(r, 10);
      t.currency = as_text(r, 11);
      terms[{as_text(r, 0), as_text(r, 1)}].push_back(std::move(t));
    }
  }
  std::map<long long, std::vector<term>> purchase_terms;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT lp.license_id, p.quantity, p.amount, p.currency, p.effective_at, "
                        "p.ends_at FROM license_purchases lp JOIN purchases p ON p.id = "
                        "lp.purchase_id JOIN licenses l ON l.id = lp.license_id "
                        "WHERE l.connection IS NULL ORDER BY lp.license_id, p.id");
    for (const soci::row& r : rows) {
      term t;
      t.items_allowed = as_int(r, 1);
      t.annual_cost = as_text(r, 2);  // the purchase's total, spread over its quantity
      t.currency = as_text(r, 3);
      t.effective_at = as_text(r, 4);
      t.ends_at = as_text(r, 5);
      purchase_terms[as_int(r, 0)].push_back(std::move(t));
    }
  }

  // One position per license, written back in one batch.
  std::vector<long long> ids, unlimited, entitled, consumed, available, shortfall, inactive;
  std::vector<long long> puc, unused, trueup;
  std::vector<soci::indicator> cost_ind;
  std::vector<std::string> status, compliance_text, currency;
  {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT id, connection, external_id, status, "
                                                   "currency FROM licenses ORDER BY id");
    const std::vector<term> none;
    for (const soci::row& r : rows) {
      const long long id = as_int(r, 0);
      const bool local = r.get_indicator(1) != soci::i_ok;
      position p;
      try {
        if (local) {
          auto it = purchase_terms.find(id);
          p = compute_position(it == purchase_terms.end() ? none : it->second, as_of, 0, 0, "");
        } else {
          const std::pair<std::string, std::string> key{as_text(r, 1), as_text(r, 2)};
          auto t = terms.find(key);
          auto u = used.find(key);
          const usage use = u == used.end() ? usage{} : u->second;
          p = compute_position(t == terms.end() ? none : t->second, as_of, use.consumed,
                               use.inactive, as_text(r, 4));
        }
      } catch (const std::overflow_error& e) {
        // Checked arithmetic refused a number no 64-bit position can hold: say whose it is
        // rather than store a wrapped one.
        throw std::overflow_error(
            "license " + std::to_string(id) +
            (local ? std::string(" (local)") : " (" + as_text(r, 1) + " " + as_text(r, 2) + ")") +
            ": its position cannot be computed: " + e.what());
      }
      ids.push_back(id);
      status.push_back(as_text(r, 3));
      unlimited.push_back(p.unlimited ? 1 : 0);
      entitled.push_back(p.entitled);
      consumed.push_back(p.consumed);
      available.push_back(p.available);
      shortfall.push_back(p.shortfall);
      inactive.push_back(p.inactive);
      compliance_text.push_back(to_string(p.state));
      const bool known = p.per_user_cost.has_value();
      cost_ind.push_back(known ? soci::i_ok : soci::i_null);
      currency.push_back(known ? *p.currency : std::string());
      puc.push_back(known ? *p.per_user_cost : 0);
      unused.push_back(known ? *p.unused_cost : 0);
      trueup.push_back(known ? *p.true_up_cost : 0);
      if (status.back() == "active" && p.state == compliance::non_compliant)
        ++summary.non_compliant;
    }
  }
  summary.licenses = static_cast<std::int64_t>(ids.size());
  if (!ids.empty()) {
    std::vector<long long> rids(ids.size(), rid);
    std::vector<soci::indicator> ind2 = cost_ind, ind3 = cost_ind, ind4 = cost_ind;
    sql << "INSERT INTO license_positions (reconciliation_id, license_id, status, unlimited, "
           "entitled, consumed, available, shortfall, inactive, compliance, currency, "
           "per_user_cost_minor, unused_cost_minor, true_up_cost_minor) VALUES (:rid, :id, :st, "
           ":u, :e, :c, :a, :s, :i, :co, :cur, :puc, :uc, :tc)",
        soci::use(rids), soci::use(ids), soci::use(status), soci::use(unlimited),
        soci::use(entitled), soci::use(consumed), soci::use(available), soci::use(shortfall),
        soci::use(inactive), soci::use(compliance_text), soci::use(currency, cost_ind),
        soci::use(puc, ind2), soci::use(unused, ind3), soci::use(trueup, ind4);
  }
  // Recorded for the metrics' per-phase durations.
  const long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
  sql << "UPDATE reconciliations SET duration_ms = :ms WHERE id = :id", soci::use(ms),
      soci::use(rid);
  tr.commit();
  return summary;
}

}  // namespace invhost::inventory
