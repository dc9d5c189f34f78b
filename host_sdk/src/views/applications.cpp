#include "invhost/views/applications.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <boost/json.hpp>
#include <invhost/inventory/csv_text.hpp>
#include <invhost/inventory/money.hpp>
#include <map>
#include <set>

#include "row_values.hpp"

namespace invhost::views {
namespace {

using inventory::detail::as_int;
using inventory::detail::as_text;
using inventory::detail::opt_int;

using record_key = std::pair<std::string, std::string>;  // connection, external id

// Unallocated people per application record, as the report (the reconciliation) has them.
std::map<record_key, std::int64_t> unallocated_of(const license_set& set) {
  std::map<record_key, std::int64_t> out;
  for (const auto& v : set.report.at("unallocated").as_array()) {
    const auto& u = v.as_object();
    out[{std::string(u.at("connection").as_string()),
         std::string(u.at("application").as_string())}] = u.at("users").as_int64();
  }
  return out;
}

std::vector<application_row> collect(soci::session& sql, const license_set& set,
                                     const std::optional<std::string>& only) {
  std::set<std::int64_t> known;
  for (const auto& row : set.rows) known.insert(row.report.at("id").as_int64());
  const auto unallocated = unallocated_of(set);
  std::map<std::string, application_row> by_name;
  std::map<std::string, std::set<record_key>> seen;
  const std::string name_filter = only.value_or("");
  const int filtered = only ? 1 : 0;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT a.name, a.connection, a.external_id, a.publisher, l.id FROM "
                      "applications a LEFT JOIN license_applications la ON la.connection = "
                      "a.connection AND la.application_external_id = a.external_id LEFT JOIN "
                      "licenses l ON l.connection = la.connection AND l.external_id = "
                      "la.license_external_id WHERE (:f = 0 OR a.name = :n) "
                      "ORDER BY a.name, a.connection, a.external_id, l.id",
       soci::use(filtered), soci::use(name_filter));
  for (const soci::row& r : rows) {
    const std::string name = as_text(r, 0);
    auto& app = by_name[name];
    app.name = name;
    record_key key{as_text(r, 1), as_text(r, 2)};
    if (seen[name].insert(key).second) {
      application_record rec{key.first, key.second, as_text(r, 3), 0};
      if (auto it = unallocated.find(key); it != unallocated.end())
        rec.unallocated_users = it->second;
      app.unallocated_users = inventory::checked_add(app.unallocated_users, rec.unallocated_users);
      if (!rec.publisher.empty() && std::find(app.publishers.begin(), app.publishers.end(),
                                              rec.publisher) == app.publishers.end())
        app.publishers.push_back(rec.publisher);
      app.records.push_back(std::move(rec));
    }
    if (const auto id = opt_int(r, 4);
        id && known.contains(*id) &&
        std::find(app.license_ids.begin(), app.license_ids.end(), *id) == app.license_ids.end())
      app.license_ids.push_back(*id);
  }
  std::vector<application_row> out;
  for (auto& [name, app] : by_name) {
    std::sort(app.publishers.begin(), app.publishers.end());
    std::sort(app.license_ids.begin(), app.license_ids.end());
    out.push_back(std::move(app));
  }
  return out;
}

boost::json::object row_json(const application_row& a) {
  boost::json::array publishers, licenses, records;
  for (const auto& p : a.publishers) publishers.emplace_back(p);
  for (const auto id : a.license_ids) licenses.emplace_back(id);
  for (const auto& r : a.records)
    records.emplace_back(boost::json::object{{"connection", r.connection},
                                             {"application", r.external_id},
                                             {"publisher", r.publisher},
                                             {"unallocated_users", r.unallocated_users}});
  return {{"name", a.name},
          {"publishers", std::move(publishers)},
          {"licenses", std::move(licenses)},
          {"unallocated_users", a.unallocated_users},
          {"records", std::move(records)}};
}

}  // namespace

std::vector<application_row> applications(soci::session& sql, const license_set& set) {
  return collect(sql, set, std::nullopt);
}

std::optional<application_detail> find_application(soci::session& sql, const license_set& set,
                                                   const std::string& name) {
  auto rows = collect(sql, set, name);
  if (rows.empty()) return std::nullopt;
  application_detail d;
  d.application = std::move(rows.front());
  const std::set<std::int64_t> ids(d.application.license_ids.begin(),
                                   d.application.license_ids.end());
  for (const auto& row : set.rows)
    if (ids.contains(row.report.at("id").as_int64())) d.licenses.push_back(row);
  return d;
}

boost::json::object applications_json(const license_set& set,
                                      const std::vector<application_row>& rows) {
  boost::json::array apps;
  for (const auto& a : rows) apps.emplace_back(row_json(a));
  return {{"as_of", set.report.at("as_of")},
          {"reconciliation_id", set.report.at("reconciliation_id")},
          {"stale", set.report.at("stale")},
          {"stale_reason", set.report.at("stale_reason")},
          {"applications", std::move(apps)}};
}

boost::json::object application_detail_json(const license_set& set, const application_detail& d) {
  boost::json::object out = row_json(d.application);
  boost::json::array licenses;
  for (const auto& row : d.licenses) licenses.emplace_back(license_json(row));
  out["licenses"] = std::move(licenses);
  out["as_of"] = set.report.at("as_of");
  out["stale"] = set.report.at("stale");
  out["stale_reason"] = set.report.at("stale_reason");
  return out;
}

std::string applications_csv(const std::vector<application_row>& rows) {
  std::string out = csv_row(
      {{"name", true}, {"publishers", true}, {"licenses", true}, {"unallocated_users", true}});
  for (const auto& a : rows) {
    std::string publishers, licenses;
    for (const auto& p : a.publishers) publishers += (publishers.empty() ? "" : "; ") + p;
    for (const auto id : a.license_ids)
      licenses += (licenses.empty() ? "" : "; ") + std::to_string(id);
    out += csv_row({{a.name, true},
                    {publishers, true},
                    {licenses, false},
                    {std::to_string(a.unallocated_users), false}});
  }
  return out;
}

}  // namespace invhost::views
