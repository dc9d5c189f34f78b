#include "renewal_dates.hpp"

#include <soci/soci.h>

#include <invhost/inventory/dates.hpp>
#include <invhost/inventory/position.hpp>

#include "row_values.hpp"

namespace invhost::views::detail {
namespace {

using inventory::detail::as_int;
using inventory::detail::as_text;
using inventory::detail::opt_int;

std::optional<bool> flag(const soci::row& r, std::size_t i) {
  const auto v = opt_int(r, i);
  if (!v) return std::nullopt;
  return *v != 0;
}

void keep_earliest(std::map<std::int64_t, std::string>& out, std::int64_t license,
                   const inventory::term& t, const std::string& day) {
  if (t.ends_at.empty() || !inventory::in_effect(t, day)) return;
  const auto end = inventory::utc_date_of(t.ends_at);
  if (!end) return;
  auto [it, added] = out.emplace(license, *end);
  if (!added && *end < it->second) it->second = *end;
}

}  // namespace

std::map<std::int64_t, std::string> renewal_dates(soci::session& sql, const std::string& day) {
  std::map<std::int64_t, std::string> out;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT l.id, e.term_type, e.is_unlimited, e.is_active, e.hidden, "
                        "e.effective_at, e.ends_at FROM entitlements e JOIN licenses l ON "
                        "l.connection = e.connection AND l.external_id = e.license_external_id "
                        "WHERE e.ends_at <> ''");
    for (const soci::row& r : rows) {
      inventory::term t;
      t.term_type = as_text(r, 1);
      t.is_unlimited = flag(r, 2);
      t.is_active = flag(r, 3);
      t.hidden = flag(r, 4);
      t.effective_at = as_text(r, 5);
      t.ends_at = as_text(r, 6);
      keep_earliest(out, as_int(r, 0), t, day);
    }
  }
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT lp.license_id, p.effective_at, p.ends_at FROM license_purchases lp "
                      "JOIN purchases p ON p.id = lp.purchase_id JOIN licenses l ON l.id = "
                      "lp.license_id WHERE l.connection IS NULL AND p.ends_at <> ''");
  for (const soci::row& r : rows) {
    inventory::term t;
    t.effective_at = as_text(r, 1);
    t.ends_at = as_text(r, 2);
    keep_earliest(out, as_int(r, 0), t, day);
  }
  return out;
}

}  // namespace invhost::views::detail
