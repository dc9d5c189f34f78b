#include "invhost/inventory/license_users.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <functional>

#include "effective_consumption.hpp"
#include "invhost/inventory/dates.hpp"
#include "invhost/inventory/license_records.hpp"
#include "row_values.hpp"

namespace invhost::inventory {
namespace {

using detail::as_int;
using detail::as_text;

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// The domain a user is judged by: the email's, else the source's domain field.
std::string domain_of(std::string_view email, std::string_view domain) {
  const auto at = email.rfind('@');
  if (at != std::string_view::npos && at + 1 < email.size()) return lower(email.substr(at + 1));
  return lower(domain);
}

std::string as_of_of(soci::session& sql, std::int64_t reconciliation_id) {
  const long long rid = reconciliation_id;
  std::string as_of;
  soci::indicator ind = soci::i_null;
  sql << "SELECT as_of FROM reconciliations WHERE id = :r", soci::use(rid), soci::into(as_of, ind);
  if (ind != soci::i_ok || !sql.got_data())
    throw refused("no reconciliation " + std::to_string(rid));
  return as_of;
}

// Per distinct consumer as the position counts them (a person on a Named User license, else an
// account): whether any record is active, the latest activity date, and the email and domain the
// source gave. A query narrows `counted` between the two parts.
const std::string user_id_sql = "COALESCE(cn.person, cn.usr)";
const std::string last_day_sql = "MAX(substr(cn.last_at, 1, 10))";
const std::string email_sql = "MAX(COALESCE(au.email, ''))";
const std::string per_user_select =
    "SELECT cn.connection, cn.lic, " + user_id_sql + ", MAX(cn.active), " + last_day_sql + ", " +
    email_sql +
    ", MAX(COALESCE(au.domain, '')) "
    "FROM counted cn LEFT JOIN accessing_users au ON au.connection = cn.connection "
    "  AND au.external_id = cn.usr ";
const std::string per_user_group = " GROUP BY cn.connection, cn.lic, " + user_id_sql;

// The reclaim list's order in SQL, so that rows can be written as the query yields them: no
// activity first, then most days inactive (the earliest activity; one on or after the date counts
// 0 days, so those tie), then by email (none last) and id, compared byte by byte as std::string
// does. Binds :asof, :asof2 (the reconciliation's date). A stored activity is an ISO 8601
// timestamp or '' (the connector's contract), so '' alone means "no activity".
std::string reclaim_order(soci::session& sql) {
  const std::string bytewise = sql.get_backend_name() == "postgresql" ? " COLLATE \"C\"" : "";
  return " ORDER BY CASE WHEN " + last_day_sql + " = '' THEN 0 ELSE 1 END, CASE WHEN " +
         last_day_sql + " < :asof THEN " + last_day_sql + " ELSE :asof2 END, CASE WHEN " +
         email_sql + " = '' THEN 1 ELSE 0 END, " + email_sql + bytewise + ", " + user_id_sql +
         bytewise;
}

}  // namespace

bool is_external(std::string_view email, std::string_view domain,
                 const std::vector<std::string>& internal_domains) {
  if (internal_domains.empty()) return false;
  const std::string d = domain_of(email, domain);
  return d.empty() ||
         std::find(internal_domains.begin(), internal_domains.end(), d) == internal_domains.end();
}

void for_each_license_user(soci::session& sql, std::int64_t reconciliation_id,
                           std::int64_t license_id,
                           const std::vector<std::string>& internal_domains,
                           const people_rules& rules,
                           const std::function<bool(const license_user&)>& each) {
  const long long lid = license_id;
  std::string connection, external_id;
  soci::indicator conn_ind = soci::i_null, ext_ind = soci::i_null;
  sql << "SELECT connection, external_id FROM licenses WHERE id = :id", soci::use(lid),
      soci::into(connection, conn_ind), soci::into(external_id, ext_ind);
  if (!sql.got_data()) throw refused("no license " + std::to_string(lid));
  const std::string as_of = as_of_of(sql, reconciliation_id);
  // A license recorded locally has no consumption to list.
  if (conn_ind != soci::i_ok || ext_ind != soci::i_ok) return;

  const long long rid = reconciliation_id;
  const std::string dcut = detail::default_cutoff(as_of);
  detail::prepare_exclusion_rules(sql, rules);
  soci::rowset<soci::row> rows =
      (sql.prepare << detail::effective_consumption(sql, rules, detail::scope::one_license) +
                          per_user_select + "WHERE cn.connection = :c AND cn.lic = :l" +
                          per_user_group + reclaim_order(sql),
       soci::use(dcut), soci::use(connection), soci::use(external_id), soci::use(connection),
       soci::use(external_id), soci::use(connection), soci::use(external_id), soci::use(rid),
       soci::use(as_of), soci::use(connection), soci::use(external_id), soci::use(as_of),
       soci::use(as_of));
  license_user u;
  for (const soci::row& r : rows) {
    u.user_id = as_text(r, 2);
    u.inactive = as_int(r, 3) == 0;
    const std::string last = as_text(r, 4);
    u.email = as_text(r, 5);
    u.domain = domain_of(u.email, as_text(r, 6));
    u.external = is_external(u.email, u.domain, internal_domains);
    u.last_activity.reset();
    u.days_inactive.reset();
    if (const auto days = days_between(last, as_of)) {
      u.last_activity = last;
      u.days_inactive = std::max<std::int64_t>(0, *days);
    }
    if (!each(u)) return;
  }
}

std::vector<license_user> license_users(soci::session& sql, std::int64_t reconciliation_id,
                                        std::int64_t license_id,
                                        const std::vector<std::string>& internal_domains,
                                        const people_rules& rules) {
  std::vector<license_user> out;
  for_each_license_user(sql, reconciliation_id, license_id, internal_domains, rules,
                        [&out](const license_user& u) {
                          out.push_back(u);
                          return true;
                        });
  return out;
}

std::map<std::pair<std::string, std::string>, std::int64_t> external_users_per_license(
    soci::session& sql, std::int64_t reconciliation_id,
    const std::vector<std::string>& internal_domains, const people_rules& rules) {
  std::map<std::pair<std::string, std::string>, std::int64_t> out;
  if (internal_domains.empty()) return out;
  const long long rid = reconciliation_id;
  const std::string as_of = as_of_of(sql, reconciliation_id);
  const std::string dcut = detail::default_cutoff(as_of);
  detail::prepare_exclusion_rules(sql, rules);
  soci::rowset<soci::row> rows =
      (sql.prepare << detail::effective_consumption(sql, rules) + per_user_select +
                          "WHERE cn.lic IS NOT NULL" + per_user_group,
       soci::use(dcut), soci::use(rid), soci::use(as_of));
  for (const soci::row& r : rows)
    if (is_external(as_text(r, 5), as_text(r, 6), internal_domains))
      ++out[{as_text(r, 0), as_text(r, 1)}];
  return out;
}

}  // namespace invhost::inventory
