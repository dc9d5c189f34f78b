#include "invhost/views/overview.hpp"

#include <soci/soci.h>

#include <boost/json.hpp>
#include <invhost/inventory/csv_text.hpp>
#include <invhost/inventory/money.hpp>
#include <invhost/inventory/reconcile.hpp>
#include <invhost/inventory/report.hpp>
#include <set>

#include "row_values.hpp"

namespace invhost::views {
namespace {

using inventory::detail::as_int;
using inventory::detail::as_text;

constexpr std::int64_t renewal_windows[] = {30, 60, 90};

std::int64_t sum_of(const std::vector<const license_row*>& rows, const char* field) {
  std::int64_t total = 0;
  for (const auto* row : rows)
    total = inventory::checked_add(total, row->report.at(field).as_int64());
  return total;
}

// The licenses `q` selects, in no particular order: a count or a sum does not need the order the
// figure's link asks for.
std::vector<const license_row*> unordered(const license_set& set, const license_query& q) {
  license_query any_order = q;
  any_order.sort.clear();
  return select_rows(set.rows, any_order);
}

figure count_of(const license_set& set, const license_query& q) {
  return {std::to_string(unordered(set, q).size()), q};
}

// A money total of the licenses `q` selects, as the report's totals add it up.
figure money_of(const license_set& set, const license_query& q, const std::string& currency,
                const char* field) {
  inventory::report_totals totals;
  for (const auto* row : unordered(set, q)) totals.add(row->report);
  const auto by_currency = totals.totals_json();
  const auto* t = by_currency.if_contains(currency);
  return {t ? std::string(t->at(field).as_string()) : inventory::format_money(0, currency), q};
}

// part / whole in percent with one decimal, half up.
std::string percent_of(std::int64_t part, std::int64_t whole) {
  const inventory::wide_int tenths =
      (inventory::wide_int(part) * 2000 + whole) / (2 * inventory::wide_int(whole));
  const auto t = static_cast<std::int64_t>(tenths);
  return std::to_string(t / 10) + "." + std::to_string(t % 10);
}

boost::json::object figure_json(const figure& f) {
  return {{"value", f.value}, {"licenses", to_query_string(f.licenses)}};
}

}  // namespace

std::vector<connection_import> last_imports(soci::session& sql, std::int64_t reconciliation_id) {
  const auto later = inventory::runs_merged_after(sql, reconciliation_id);
  std::vector<connection_import> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT r.id, r.connection, r.started_at, r.finished_at, r.outcome, "
                      "r.merge_status FROM runs r WHERE r.id IN (SELECT MAX(id) FROM runs GROUP "
                      "BY connection) ORDER BY r.connection");
  for (const soci::row& r : rows) {
    connection_import c;
    c.run_id = as_int(r, 0);
    c.connection = as_text(r, 1);
    c.started_at = as_text(r, 2);
    c.finished_at = as_text(r, 3);
    c.outcome = as_text(r, 4);
    c.merge_status = as_text(r, 5);
    if (auto it = later.find(c.connection); it != later.end()) {
      c.stale = true;
      c.newer_merged_run = it->second;
    }
    out.push_back(std::move(c));
  }
  return out;
}

overview overview_figures(const license_set& set, const std::string& link_as_of) {
  overview o;
  o.as_of = std::string(set.report.at("as_of").as_string());
  o.reconciliation_id = set.report.at("reconciliation_id").as_int64();
  if (const auto& reason = set.report.at("stale_reason"); reason.is_string())
    o.stale_reason = std::string(reason.as_string());

  license_query active;
  active.status = "active";
  active.as_of = link_as_of;

  std::set<std::string> codes;
  bool without_cost = false;
  for (const auto* row : select_rows(set.rows, active)) {
    const auto& c = row->report.at("currency");
    if (c.is_string())
      codes.emplace(c.as_string());
    else
      without_cost = true;
  }
  for (const auto& code : codes) {
    currency_figures f;
    f.currency = code;
    license_query q = active;
    q.currency = code;
    f.active_licenses = count_of(set, q);
    license_query short_of = q;
    short_of.compliance = "non-compliant";
    f.non_compliant = count_of(set, short_of);
    short_of.sort = "true_up_cost";
    short_of.descending = true;
    f.true_up_exposure = money_of(set, short_of, code, "true_up_cost");
    license_query unused = q;
    unused.unused = true;
    unused.sort = "unused_cost";
    unused.descending = true;
    f.unused_cost = money_of(set, unused, code, "unused_cost");
    o.currencies.push_back(std::move(f));
  }
  if (without_cost) {
    currency_figures f;
    license_query q = active;
    q.currency = "none";
    f.active_licenses = count_of(set, q);
    q.compliance = "non-compliant";
    f.non_compliant = count_of(set, q);
    o.currencies.push_back(std::move(f));
  }

  o.consumed_seats = sum_of(select_rows(set.rows, active), "consumed");
  license_query unused = active;
  unused.unused = true;
  unused.sort = "inactive";
  unused.descending = true;
  o.unused_seats = {std::to_string(sum_of(unordered(set, unused), "inactive")), unused};
  if (o.consumed_seats > 0)
    o.unused_share_percent = percent_of(std::stoll(o.unused_seats.value), o.consumed_seats);

  for (const std::int64_t days : renewal_windows) {
    license_query q = active;
    q.renewal_within = days;
    q.sort = "days_to_renewal";
    o.renewals.push_back({days, count_of(set, q)});
  }
  return o;
}

overview build_overview(soci::session& sql, const license_set& set, const std::string& link_as_of) {
  overview o = overview_figures(set, link_as_of);
  o.connections = last_imports(sql, o.reconciliation_id);
  return o;
}

boost::json::object overview_json(const overview& o) {
  boost::json::array currencies;
  for (const auto& c : o.currencies) {
    boost::json::object f{{"currency", c.currency.empty() ? boost::json::value(nullptr)
                                                          : boost::json::value(c.currency)},
                          {"active_licenses", figure_json(c.active_licenses)},
                          {"non_compliant", figure_json(c.non_compliant)}};
    f["true_up_exposure"] =
        c.true_up_exposure ? boost::json::value(figure_json(*c.true_up_exposure)) : nullptr;
    f["unused_cost"] = c.unused_cost ? boost::json::value(figure_json(*c.unused_cost)) : nullptr;
    currencies.emplace_back(std::move(f));
  }
  boost::json::array renewals;
  for (const auto& r : o.renewals)
    renewals.emplace_back(
        boost::json::object{{"days", r.days}, {"licenses", figure_json(r.licenses)}});
  boost::json::array connections;
  for (const auto& c : o.connections) {
    boost::json::object j{{"connection", c.connection},
                          {"run_id", c.run_id},
                          {"started_at", c.started_at},
                          {"finished_at", c.finished_at},
                          {"outcome", c.outcome},
                          {"merge_status", c.merge_status},
                          {"stale", c.stale}};
    j["newer_merged_run"] =
        c.newer_merged_run ? boost::json::value(*c.newer_merged_run) : boost::json::value(nullptr);
    connections.emplace_back(std::move(j));
  }
  boost::json::object out{{"as_of", o.as_of},
                          {"reconciliation_id", o.reconciliation_id},
                          {"stale", o.stale_reason.has_value()}};
  out["stale_reason"] =
      o.stale_reason ? boost::json::value(*o.stale_reason) : boost::json::value(nullptr);
  out["currencies"] = std::move(currencies);
  out["consumed_seats"] = o.consumed_seats;
  out["unused_seats"] = figure_json(o.unused_seats);
  out["unused_share_percent"] = o.unused_share_percent ? boost::json::value(*o.unused_share_percent)
                                                       : boost::json::value(nullptr);
  out["renewals"] = std::move(renewals);
  out["connections"] = std::move(connections);
  return out;
}

std::string overview_csv(const overview& o) {
  std::string out =
      csv_row({{"figure", true}, {"currency", true}, {"value", true}, {"licenses", true}});
  auto line = [&out](const std::string& name, const std::string& currency, const figure& f) {
    out += csv_row(
        {{name, true}, {currency, true}, {f.value, false}, {to_query_string(f.licenses), true}});
  };
  for (const auto& c : o.currencies) {
    line("active_licenses", c.currency, c.active_licenses);
    line("non_compliant", c.currency, c.non_compliant);
    if (c.true_up_exposure) line("true_up_exposure", c.currency, *c.true_up_exposure);
    if (c.unused_cost) line("unused_cost", c.currency, *c.unused_cost);
  }
  line("unused_seats", "", o.unused_seats);
  for (const auto& r : o.renewals)
    line("renewals_within_" + std::to_string(r.days) + "_days", "", r.licenses);
  return out;
}

}  // namespace invhost::views
