#include "invhost/inventory/license_users.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <tuple>

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
constexpr const char* per_user_select =
    "SELECT cn.connection, cn.lic, COALESCE(cn.person, cn.usr), MAX(cn.active), "
    "  MAX(substr(cn.last_at, 1, 10)), MAX(COALESCE(au.email, '')), "
    "  MAX(COALESCE(au.domain, '')) "
    "FROM counted cn LEFT JOIN accessing_users au ON au.connection = cn.connection "
    "  AND au.external_id = cn.usr ";
constexpr const char* per_user_group =
    " GROUP BY cn.connection, cn.lic, COALESCE(cn.person, cn.usr)";

}  // namespace

bool is_external(std::string_view email, std::string_view domain,
                 const std::vector<std::string>& internal_domains) {
  if (internal_domains.empty()) return false;
  const std::string d = domain_of(email, domain);
  return d.empty() ||
         std::find(internal_domains.begin(), internal_domains.end(), d) == internal_domains.end();
}

std::vector<license_user> license_users(soci::session& sql, std::int64_t reconciliation_id,
                                        std::int64_t license_id,
                                        const std::vector<std::string>& internal_domains,
                                        const people_rules& rules) {
  const long long lid = license_id;
  std::string connection, external_id;
  soci::indicator conn_ind = soci::i_null, ext_ind = soci::i_null;
  sql << "SELECT connection, external_id FROM licenses WHERE id = :id", soci::use(lid),
      soci::into(connection, conn_ind), soci::into(external_id, ext_ind);
  if (!sql.got_data()) throw refused("no license " + std::to_string(lid));
  const std::string as_of = as_of_of(sql, reconciliation_id);
  std::vector<license_user> out;
  // A license recorded locally has no consumption to list.
  if (conn_ind != soci::i_ok || ext_ind != soci::i_ok) return out;

  const long long rid = reconciliation_id;
  const std::string dcut = detail::default_cutoff(as_of);
  detail::prepare_exclusion_rules(sql, rules);
  soci::rowset<soci::row> rows =
      (sql.prepare << detail::effective_consumption(sql, rules, detail::scope::one_license) +
                          per_user_select + "WHERE cn.connection = :c AND cn.lic = :l" +
                          per_user_group,
       soci::use(dcut), soci::use(connection), soci::use(external_id), soci::use(connection),
       soci::use(external_id), soci::use(connection), soci::use(external_id), soci::use(rid),
       soci::use(as_of), soci::use(connection), soci::use(external_id));
  for (const soci::row& r : rows) {
    license_user u;
    u.user_id = as_text(r, 2);
    u.inactive = as_int(r, 3) == 0;
    const std::string last = as_text(r, 4);
    u.email = as_text(r, 5);
    u.domain = domain_of(u.email, as_text(r, 6));
    u.external = is_external(u.email, u.domain, internal_domains);
    if (const auto days = days_between(last, as_of)) {
      u.last_activity = last;
      u.days_inactive = std::max<std::int64_t>(0, *days);
    }
    out.push_back(std::move(u));
  }
  // Most days inactive first; no activity at all is the most.
  const auto key = [](const license_user& u) {
    return std::make_tuple(u.days_inactive.has_value(), -u.days_inactive.value_or(0),
                           u.email.empty(), u.email, u.user_id);
  };
  std::sort(out.begin(), out.end(),
            [&](const license_user& a, const license_user& b) { return key(a) < key(b); });
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
