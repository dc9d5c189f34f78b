// Per-license change records (docs/nightly.md, "What a run changed").
#include "invhost/inventory/license_changes.hpp"

#include <soci/soci.h>

#include "invhost/inventory/dates.hpp"
#include "row_values.hpp"

namespace invhost::inventory {
namespace {

license_change_kind kind_from(const std::string& s) {
  if (s == "retired") return license_change_kind::retired;
  if (s == "returned") return license_change_kind::returned;
  return license_change_kind::added;
}

}  // namespace

std::string_view to_string(license_change_kind k) {
  switch (k) {
    case license_change_kind::added:
      return "added";
    case license_change_kind::retired:
      return "retired";
    case license_change_kind::returned:
      return "returned";
  }
  return "added";
}

void record_license_changes(soci::session& sql, std::vector<license_change>& licenses,
                            license_change_kind kind, const std::string& reason,
                            std::optional<std::int64_t> run_id) {
  if (licenses.empty()) return;
  const std::string now = now_utc_iso();
  // One statement for all of them: a first import adds every license of a tenant at once.
  std::vector<long long> license_ids;
  std::vector<std::string> connections, external_ids, names;
  for (auto& c : licenses) {
    c.kind = kind;
    c.reason = reason;
    c.run_id = run_id;
    c.at = now;
    license_ids.push_back(c.license_id);
    connections.push_back(c.connection);
    external_ids.push_back(c.external_id);
    names.push_back(c.name);
  }
  const std::size_t n = licenses.size();
  std::vector<long long> runs(n, run_id.value_or(0));
  std::vector<soci::indicator> run_inds(n, run_id ? soci::i_ok : soci::i_null);
  std::vector<std::string> ats(n, now), kinds(n, std::string(to_string(kind))), reasons(n, reason);
  sql << "INSERT INTO license_changes (run_id, at, license_id, connection, external_id, name, "
         "kind, reason) VALUES (:r, :t, :l, :c, :e, :n, :k, :why)",
      soci::use(runs, run_inds), soci::use(ats), soci::use(license_ids), soci::use(connections),
      soci::use(external_ids), soci::use(names), soci::use(kinds), soci::use(reasons);
}

namespace {

license_change change_of(const soci::row& r) {
  license_change c;
  c.license_id = detail::as_int(r, 0);
  c.connection = detail::as_text(r, 1);
  c.external_id = detail::as_text(r, 2);
  c.name = detail::as_text(r, 3);
  c.kind = kind_from(detail::as_text(r, 4));
  c.reason = detail::as_text(r, 5);
  c.at = detail::as_text(r, 6);
  if (const auto run = detail::opt_int(r, 7)) c.run_id = *run;
  return c;
}

constexpr const char* change_columns =
    "SELECT license_id, connection, external_id, name, kind, reason, at, run_id "
    "FROM license_changes ";

}  // namespace

std::vector<license_change> license_changes_of_run(soci::session& sql, std::int64_t run_id) {
  std::vector<license_change> out;
  const long long run = run_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(change_columns) +
                          "WHERE run_id = :r ORDER BY connection, kind, name, external_id",
       soci::use(run));
  for (const soci::row& r : rows) out.push_back(change_of(r));
  return out;
}

std::vector<license_change> license_changes_of_license(soci::session& sql,
                                                       std::int64_t license_id) {
  std::vector<license_change> out;
  const long long id = license_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(change_columns) + "WHERE license_id = :id ORDER BY id",
       soci::use(id));
  for (const soci::row& r : rows) out.push_back(change_of(r));
  return out;
}

}  // namespace invhost::inventory
