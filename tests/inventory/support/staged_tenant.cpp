#include "staged_tenant.hpp"

namespace invtest {
namespace {

soci::indicator ind_of(const std::optional<bool>& b) {
  return b ? soci::i_ok : soci::i_null;
}
int val_of(const std::optional<bool>& b) {
  return b.value_or(false) ? 1 : 0;
}

}  // namespace

std::int64_t stage(soci::session& sql, const std::string& connection, const tenant& t,
                   const std::string& adapter) {
  soci::transaction tr(sql);
  sql << "INSERT INTO runs (connection, adapter, adapter_version, started_at, finished_at, "
         "outcome) VALUES (:c, :a, '1.0.0', '2024-01-01T00:00:00Z', '2024-01-01T00:01:00Z', :o)",
      soci::use(connection), soci::use(adapter), soci::use(t.outcome);
  long long run = 0;
  sql << "SELECT MAX(id) FROM runs", soci::into(run);
  const std::map<std::string, std::size_t> counts{{"applications", t.apps.size()},
                                                  {"licenses", t.licenses.size()},
                                                  {"entitlements", t.terms.size()},
                                                  {"accessing_users", 0},
                                                  {"consumption", t.uses.size()}};
  for (const auto& [kind, n] : counts) {
    if (t.absent_streams.contains(kind)) continue;
    long long records = static_cast<long long>(n);
    const std::string completeness = t.outcome == "staged" ? "complete" : "incomplete";
    sql << "INSERT INTO run_streams (run_id, kind, records, pages, completeness) "
           "VALUES (:r, :k, :n, 1, :c)",
        soci::use(run), soci::use(kind), soci::use(records), soci::use(completeness);
  }
  for (const app_row& a : t.apps) {
    const std::string url = "https://fsm.example/apps/" + a.id;
    sql << "INSERT INTO staged_applications (run_id, connection, external_id, name, product, "
           "publisher, activity_threshold_days, is_active, source_url) "
           "VALUES (:r, :c, :i, :n, :p, :v, :t, 1, :u)",
        soci::use(run), soci::use(connection), soci::use(a.id), soci::use(a.product),
        soci::use(a.product), soci::use(a.publisher), soci::use(a.threshold_days), soci::use(url);
  }
  for (const license_row& l : t.licenses) {
    const std::string url = "https://fsm.example/licenses/" + l.id;
    sql << "INSERT INTO staged_licenses (run_id, connection, external_id, name, license_type, "
           "currency, created_at, modified_at, notes, source_url) "
           "VALUES (:r, :c, :i, :n, :t, :cu, '2023-01-01T00:00:00Z', '2023-06-01T00:00:00Z', "
           "'', :u)",
        soci::use(run), soci::use(connection), soci::use(l.id), soci::use(l.name),
        soci::use(l.type), soci::use(l.currency), soci::use(url);
    for (const std::string& app : l.apps)
      sql << "INSERT INTO staged_license_applications (run_id, connection, license_external_id, "
             "application_external_id) VALUES (:r, :c, :l, :a)",
          soci::use(run), soci::use(connection), soci::use(l.id), soci::use(app);
  }
  std::map<std::string, int> positions;
  for (const term_row& e : t.terms) {
    int position = positions[e.license]++;
    long long items = e.items;
    int u = val_of(e.unlimited), a = val_of(e.active), h = val_of(e.hidden);
    soci::indicator ui = ind_of(e.unlimited), ai = ind_of(e.active), hi = ind_of(e.hidden);
    sql << "INSERT INTO staged_entitlements (run_id, connection, external_id, "
           "license_external_id, position, name, sku, term_type, items_allowed, is_unlimited, "
           "is_active, hidden, effective_at, ends_at, annual_cost, per_user_cost, currency) "
           "VALUES (:r, :c, :i, :l, :p, :n, :sku, :tt, :it, :u, :a, :h, :ef, :en, :ac, :pc, :cu)",
        soci::use(run), soci::use(connection), soci::use(e.id), soci::use(e.license),
        soci::use(position), soci::use(e.id), soci::use(e.sku), soci::use(e.term_type),
        soci::use(items), soci::use(u, ui), soci::use(a, ai), soci::use(h, hi),
        soci::use(e.effective_at), soci::use(e.ends_at), soci::use(e.annual_cost),
        soci::use(e.per_user_cost), soci::use(e.currency);
  }
  std::set<std::string> users;
  for (const use_row& c : t.uses) {
    if (users.insert(c.user).second) {
      const auto given = t.emails.find(c.user);
      const std::string& address = given == t.emails.end() ? c.user : given->second;
      const auto at = address.find('@');
      const std::string email = at == std::string::npos ? "" : address;
      const std::string domain = at == std::string::npos ? "" : address.substr(at + 1);
      sql << "INSERT INTO staged_accessing_users (run_id, connection, external_id, email, "
             "first_name, last_name, user_name, domain) VALUES (:r, :c, :i, :e, '', '', '', :d)",
          soci::use(run), soci::use(connection), soci::use(c.user), soci::use(email),
          soci::use(domain);
    }
    sql << "INSERT INTO staged_consumption (run_id, connection, external_id, license_external_id, "
           "application_external_id, accessing_user_external_id, activated_at, deactivated_at, "
           "last_activity_at) VALUES (:r, :c, :i, :l, :a, :u, '2023-01-01T00:00:00Z', :d, :la)",
        soci::use(run), soci::use(connection), soci::use(c.id), soci::use(c.license),
        soci::use(c.app), soci::use(c.user), soci::use(c.deactivated_at),
        soci::use(c.last_activity_at);
  }
  if (!t.absent_streams.contains("accessing_users")) {
    long long n = static_cast<long long>(users.size());
    sql << "UPDATE run_streams SET records = :n WHERE run_id = :r AND kind = 'accessing_users'",
        soci::use(n), soci::use(run);
  }
  tr.commit();
  return run;
}

tenant licenses_tenant(int n) {
  tenant t;
  t.apps.push_back({"A1", "Zoom"});
  for (int i = 1; i <= n; ++i) {
    const std::string id = "L" + std::to_string(i);
    t.licenses.push_back({id, "License " + std::to_string(i), {"A1"}});
    t.terms.push_back({"T" + std::to_string(i), id, 10});
  }
  return t;
}

}  // namespace invtest
