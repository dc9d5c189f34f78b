// Reading both sides of a switch (supersede_sources.hpp).
#include "supersede_sources.hpp"

#include <soci/soci.h>

#include <algorithm>

#include "invhost/inventory/dates.hpp"
#include "invhost/inventory/reconcile.hpp"
#include "row_values.hpp"

namespace invhost::inventory::detail {
namespace {

// The inventory's and the staging area's tables have the same shape; staged rows belong to a run.
struct license_tables {
  const char* license_applications;
  const char* applications;
  const char* entitlements;
  const char* key;  // the column that picks one connection's (or one run's) rows
};
constexpr license_tables inventory_tables{"license_applications", "applications", "entitlements",
                                          "connection"};
constexpr license_tables staged_tables{"staged_license_applications", "staged_applications",
                                       "staged_entitlements", "run_id"};

template <typename Key>
void fill_attributes(soci::session& sql, std::vector<match_license>& licenses,
                     const license_tables& t, const Key& key, const std::string& connection) {
  std::map<std::string, match_license*> by_external;
  for (auto& l : licenses)
    if (l.connection == connection) by_external[l.external_id] = &l;
  if (by_external.empty()) return;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string("SELECT la.license_external_id, a.product, a.publisher FROM ") +
                            t.license_applications + " la JOIN " + t.applications +
                            " a ON a.external_id = la.application_external_id AND a." + t.key +
                            " = :k1 WHERE la." + t.key +
                            " = :k2 ORDER BY la.license_external_id, a.product",
         soci::use(key, "k1"), soci::use(key, "k2"));
    for (const soci::row& r : rows) {
      auto it = by_external.find(as_text(r, 0));
      if (it == by_external.end()) continue;
      auto& l = *it->second;
      const std::string product = as_text(r, 1), publisher = as_text(r, 2);
      if (std::find(l.products.begin(), l.products.end(), product) == l.products.end())
        l.products.push_back(product);
      if (!publisher.empty() &&
          std::find(l.publishers.begin(), l.publishers.end(), publisher) == l.publishers.end())
        l.publishers.push_back(publisher);
    }
  }
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT license_external_id, sku FROM ") + t.entitlements +
                          " WHERE " + t.key + " = :k AND sku <> '' ORDER BY license_external_id, " +
                          "position, external_id",
       soci::use(key, "k"));
  for (const soci::row& r : rows) {
    auto it = by_external.find(as_text(r, 0));
    if (it == by_external.end()) continue;
    auto& skus = it->second->skus;
    const std::string sku = as_text(r, 1);
    if (std::find(skus.begin(), skus.end(), sku) == skus.end()) skus.push_back(sku);
  }
}

std::string shown_name(const std::optional<std::string>& display, const std::string& imported) {
  return display && !display->empty() ? *display : imported;
}

}  // namespace

bool ever_merged(soci::session& sql, const std::string& by) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM runs WHERE connection = :c AND merge_status = 'merged'",
      soci::use(by), soci::into(n);
  return n > 0;
}

std::optional<std::int64_t> newest_complete_staged_run(soci::session& sql, const std::string& by) {
  long long run = 0;
  soci::indicator ind = soci::i_null;
  // 'staged' is the outcome of a run whose every stream ended complete.
  sql << "SELECT MAX(id) FROM runs WHERE connection = :c AND outcome = 'staged'", soci::use(by),
      soci::into(run, ind);
  if (ind != soci::i_ok) return std::nullopt;
  return run;
}

supersede_sources load_supersede_sources(soci::session& sql, const supersede_scope& scope,
                                         bool staged_allowed) {
  supersede_sources s;
  std::vector<std::tuple<std::int64_t, match_license, std::string, std::string>> legacy;
  for (const std::string& adapter : scope.superseded_adapters) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, connection, external_id, imported_name, display_name, status "
                        "FROM licenses WHERE created_by_adapter = :a AND connection IS NOT NULL "
                        "AND connection <> :b AND (status = 'active' OR superseded_by IS NOT "
                        "NULL) ORDER BY id",
         soci::use(adapter), soci::use(scope.by));
    for (const soci::row& r : rows) {
      match_license l;
      l.id = as_int(r, 0);
      l.connection = as_text(r, 1);
      l.external_id = as_text(r, 2);
      l.name = as_text(r, 3);
      legacy.emplace_back(l.id, l, shown_name(opt_text(r, 4), l.name), as_text(r, 5));
    }
  }
  std::sort(legacy.begin(), legacy.end(),
            [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
  std::vector<std::string> connections;
  for (auto& [id, l, display, status] : legacy) {
    if (std::find(connections.begin(), connections.end(), l.connection) == connections.end())
      connections.push_back(l.connection);
    s.legacy.push_back(std::move(l));
    s.legacy_display.push_back(std::move(display));
    s.legacy_status.push_back(std::move(status));
  }
  for (const auto& c : connections) fill_attributes(sql, s.legacy, inventory_tables, c, c);

  if (staged_allowed && !ever_merged(sql, scope.by))
    s.staged_run = newest_complete_staged_run(sql, scope.by);
  if (s.staged_run) {
    const long long run = *s.staged_run;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT external_id, name FROM staged_licenses WHERE run_id = :r "
                        "ORDER BY external_id",
         soci::use(run));
    for (const soci::row& r : rows) {
      match_license l;
      l.connection = scope.by;
      l.external_id = as_text(r, 0);
      l.name = as_text(r, 1);
      s.fsm.push_back(std::move(l));
      s.fsm_display.push_back(s.fsm.back().name);
    }
    fill_attributes(sql, s.fsm, staged_tables, run, scope.by);
  } else {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, external_id, imported_name, display_name FROM licenses "
                        "WHERE connection = :c AND status = 'active' ORDER BY id",
         soci::use(scope.by));
    for (const soci::row& r : rows) {
      match_license l;
      l.id = as_int(r, 0);
      l.connection = scope.by;
      l.external_id = as_text(r, 1);
      l.name = as_text(r, 2);
      s.fsm_display.push_back(shown_name(opt_text(r, 3), l.name));
      s.fsm.push_back(std::move(l));
    }
    fill_attributes(sql, s.fsm, inventory_tables, scope.by, scope.by);
  }

  manual_matches manual;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT legacy_license_id, fsm_external_id FROM supersede_matches "
                        "WHERE by_connection = :b",
         soci::use(scope.by));
    for (const soci::row& r : rows) {
      const auto legacy_id = as_int(r, 0);
      const auto fsm_external = opt_text(r, 1);
      auto li = std::find_if(s.legacy.begin(), s.legacy.end(),
                             [&](const match_license& l) { return l.id == legacy_id; });
      if (li == s.legacy.end()) continue;
      const auto index = static_cast<std::size_t>(li - s.legacy.begin());
      if (!fsm_external) {
        manual[index] = std::nullopt;
        continue;
      }
      auto fi = std::find_if(s.fsm.begin(), s.fsm.end(), [&](const match_license& l) {
        return l.external_id == *fsm_external;
      });
      // A choice naming a license the source no longer has falls back to the proposals.
      if (fi != s.fsm.end()) manual[index] = static_cast<std::size_t>(fi - s.fsm.begin());
    }
  }
  s.proposals = propose_matches(s.legacy, s.fsm, manual);
  return s;
}

std::map<std::string, position> staged_positions(soci::session& sql, std::int64_t run_id,
                                                 const std::string& day) {
  const long long run = run_id;
  std::map<std::string, std::string> cutoff;  // application -> first active day
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT external_id, activity_threshold_days FROM staged_applications "
                        "WHERE run_id = :r",
         soci::use(run));
    for (const soci::row& r : rows) {
      cutoff[as_text(r, 0)] = activity_cutoff(day, as_int(r, 1));
    }
  }
  const std::string default_cutoff = activity_cutoff(day, 0);
  struct usage {
    std::int64_t consumed = 0, inactive = 0;
  };
  std::map<std::string, usage> used;
  {
    // Each person's newest activity per license and application, on the reconciliation's rules:
    // deactivated on or before D consumes nothing; no allocation (or one naming no license of
    // the run) counts against the application's only license.
    soci::rowset<soci::row> rows =
        (sql.prepare << "WITH single_license AS (SELECT application_external_id AS app, "
                        "MIN(license_external_id) AS lic FROM staged_license_applications WHERE "
                        "run_id = :r1 GROUP BY application_external_id HAVING COUNT(*) = 1), "
                        "counted AS (SELECT CASE WHEN l.external_id IS NOT NULL THEN "
                        "l.external_id ELSE s.lic END AS lic, c.accessing_user_external_id AS usr, "
                        "c.application_external_id AS app, CASE WHEN c.last_activity_at <> '' "
                        "THEN substr(c.last_activity_at, 1, 10) END AS last FROM "
                        "staged_consumption c LEFT JOIN staged_licenses l ON l.run_id = c.run_id "
                        "AND l.external_id = c.license_external_id AND c.license_external_id <> "
                        "'' LEFT JOIN single_license s ON s.app = c.application_external_id "
                        "WHERE c.run_id = :r2 AND (c.deactivated_at = '' OR "
                        "substr(c.deactivated_at, 1, 10) > :d)) "
                        "SELECT lic, usr, app, MAX(last) FROM counted WHERE lic IS NOT NULL "
                        "GROUP BY lic, usr, app ORDER BY lic, usr",
         soci::use(run, "r1"), soci::use(run, "r2"), soci::use(day, "d"));
    std::string lic, usr;
    bool any_active = false, open = false;
    auto close = [&] {
      if (!open) return;
      auto& u = used[lic];
      ++u.consumed;
      if (!any_active) ++u.inactive;
    };
    for (const soci::row& r : rows) {
      const std::string l = as_text(r, 0), p = as_text(r, 1);
      if (!open || l != lic || p != usr) {
        close();
        lic = l;
        usr = p;
        any_active = false;
        open = true;
      }
      const auto last = opt_text(r, 3);
      const auto c = cutoff.find(as_text(r, 2));
      const std::string& first_active = c == cutoff.end() ? default_cutoff : c->second;
      if (last && *last >= first_active) any_active = true;
    }
    close();
  }
  std::map<std::string, std::vector<term>> terms;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT license_external_id, term_type, items_allowed, is_unlimited, "
                        "is_active, hidden, effective_at, ends_at, annual_cost, per_user_cost, "
                        "currency FROM staged_entitlements WHERE run_id = :r "
                        "ORDER BY license_external_id, position, external_id",
         soci::use(run));
    auto flag = [](const soci::row& r, std::size_t i) -> std::optional<bool> {
      auto v = opt_int(r, i);
      if (!v) return std::nullopt;
      return *v != 0;
    };
    for (const soci::row& r : rows) {
      term t;
      t.term_type = as_text(r, 1);
      t.items_allowed = as_int(r, 2);
      t.is_unlimited = flag(r, 3);
      t.is_active = flag(r, 4);
      t.hidden = flag(r, 5);
      t.effective_at = as_text(r, 6);
      t.ends_at = as_text(r, 7);
      t.annual_cost = as_text(r, 8);
      t.per_user_cost = as_text(r, 9);
      t.currency = as_text(r, 10);
      terms[as_text(r, 0)].push_back(std::move(t));
    }
  }
  std::map<std::string, position> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT external_id, currency FROM staged_licenses WHERE run_id = :r",
       soci::use(run));
  const std::vector<term> none;
  for (const soci::row& r : rows) {
    const std::string id = as_text(r, 0);
    const auto t = terms.find(id);
    const auto u = used.find(id);
    const usage use = u == used.end() ? usage{} : u->second;
    out[id] = compute_position(t == terms.end() ? none : t->second, day, use.consumed, use.inactive,
                               as_text(r, 1));
  }
  return out;
}

}  // namespace invhost::inventory::detail
