// /: the figures a license manager reads first (each links to the licenses behind it), the last
// import of each connection, and the charts, each with its data as a table.
#include <fmt/format.h>

#include <invhost/inventory/money.hpp>
#include <invhost/views/applications.hpp>
#include <invhost/views/license_query.hpp>
#include <invhost/views/overview.hpp>
#include <invhost/views/svg_chart.hpp>
#include <map>

#include "layout.hpp"
#include "pages.hpp"
#include "positions.hpp"

namespace invhost::console {

namespace {

std::string list_link(const views::license_query& q) {
  const auto qs = views::to_query_string(q);
  return qs.empty() ? "/licenses" : "/licenses?" + qs;
}

std::string figure_item(std::string_view label, const views::figure& f,
                        std::string_view unit = {}) {
  return fmt::format(R"(<li><a href="{}"><span class="figure">{}{}</span>{}</a></li>)",
                     esc(list_link(f.licenses)), esc(f.value), unit.empty() ? "" : " " + esc(unit),
                     esc(label));
}

// Minor units of an amount written as decimal text at its currency's scale ("432.00").
std::int64_t minor_units(const boost::json::value& amount, std::string_view currency) {
  if (!amount.is_string()) return 0;
  const auto d = inventory::parse_decimal(amount.as_string());
  if (!d) return 0;
  return inventory::to_minor_divided(*d, 1, inventory::stored_scale(currency));
}

std::string chart_section(const std::string& heading, const views::rendered_chart& chart) {
  return fmt::format(
      R"(<section class="chart-block"><h2>{}</h2>{}<details><summary>The data as a table</summary>{}</details></section>)",
      esc(heading), chart.svg, chart.table);
}

std::string compliance_chart(const views::license_set& set) {
  std::map<std::string, std::int64_t> by;
  for (const auto& row : set.rows)
    if (row.report.at("status") == "active")
      ++by[std::string(row.report.at("compliance").as_string())];
  views::chart_spec spec{
      "compliance", "Active licenses by compliance", "Compliance", "Licenses", {}};
  for (const auto& name : {"compliant", "non-compliant", "not-applicable"})
    spec.data.push_back({name, by[name], std::to_string(by[name]), name});
  return chart_section("Compliance", views::segmented_bar_chart(spec));
}

// Per currency with unused cost, the applications whose licenses leave the most unused.
std::string unused_by_application_charts(page_context& ctx, const shared_positions& set) {
  std::map<std::int64_t, const views::license_row*> by_id;
  for (const auto& row : set.rows) by_id[row.report.at("id").as_int64()] = &row;
  std::map<std::string, std::vector<views::chart_datum>> by_currency;
  for (const auto& app : set.applications(ctx)) {
    std::map<std::string, std::int64_t> unused;
    for (const auto id : app.license_ids) {
      const auto it = by_id.find(id);
      if (it == by_id.end() || it->second->report.at("status") != "active") continue;
      const auto& r = it->second->report;
      if (!r.at("currency").is_string() || r.at("unused_cost").is_null()) continue;
      const std::string currency(r.at("currency").as_string());
      unused[currency] =
          inventory::checked_add(unused[currency], minor_units(r.at("unused_cost"), currency));
    }
    for (const auto& [currency, amount] : unused)
      if (amount > 0)
        by_currency[currency].push_back(
            {app.name, amount, inventory::format_money(amount, currency) + " " + currency, ""});
  }
  std::string out;
  for (auto& [currency, data] : by_currency) {
    std::stable_sort(data.begin(), data.end(),
                     [](const auto& a, const auto& b) { return a.amount > b.amount; });
    if (data.size() > 10) data.resize(10);
    std::string id = "unused-" + currency;
    std::transform(id.begin(), id.end(), id.begin(),
                   [](unsigned char c) { return std::isalnum(c) ? std::tolower(c) : '-'; });
    out += chart_section(
        fmt::format("Top applications by unused cost ({})", currency),
        views::horizontal_bar_chart({id, fmt::format("Unused cost by application, {}", currency),
                                     "Application", "Unused cost", data}));
  }
  return out;
}

// Active licenses whose term in effect ends in each of the next 12 months.
std::string renewals_chart(const views::license_set& set, const std::string& as_of) {
  const int year = std::stoi(as_of.substr(0, 4));
  const int month = std::stoi(as_of.substr(5, 2));
  views::chart_spec spec{"renewals", "Renewals over the next 12 months", "Month", "Licenses", {}};
  std::map<std::string, std::int64_t> counts;
  for (const auto& row : set.rows)
    if (row.report.at("status") == "active" && row.renewal_date)
      ++counts[row.renewal_date->substr(0, 7)];
  for (int i = 0; i < 12; ++i) {
    const int m = (month - 1 + i) % 12 + 1;
    const int y = year + (month - 1 + i) / 12;
    const auto key = fmt::format("{:04}-{:02}", y, m);
    spec.data.push_back({key, counts[key], std::to_string(counts[key]), ""});
  }
  return chart_section("Renewals", views::column_chart(spec));
}

std::string utilisation_chart(const views::license_set& set) {
  std::vector<views::chart_datum> data;
  for (const auto& row : set.rows)
    if (row.report.at("status") == "active" && row.utilisation_percent)
      data.push_back({std::string(row.report.at("name").as_string()), *row.utilisation_percent,
                      fmt::format("{} %", *row.utilisation_percent),
                      *row.utilisation_percent > 100 ? "over" : ""});
  std::stable_sort(data.begin(), data.end(),
                   [](const auto& a, const auto& b) { return a.amount > b.amount; });
  if (data.size() > 15) data.resize(15);
  if (data.empty()) return {};
  return chart_section("Utilisation", views::horizontal_bar_chart(
                                          {"utilisation", "Utilisation per license (highest 15)",
                                           "License", "Utilisation", data}));
}

std::string connections_table(page_context& ctx, const views::overview& o) {
  std::string out =
      R"(<h2>Last import of each connection</h2><div class="table-scroll"><table><caption>Connections and their last import</caption><thead><tr><th scope="col">Connection</th><th scope="col">Run</th><th scope="col">Finished</th><th scope="col">Outcome</th><th scope="col">Merge</th><th scope="col">Fresh</th></tr></thead><tbody>)";
  for (const auto& c : o.connections)
    out += fmt::format(
        R"(<tr><td><a href="{}">{}</a></td><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>)",
        esc(ctx.link("/connectors/" + c.connection)), esc(c.connection),
        esc(ctx.link(fmt::format("/runs/{}", c.run_id))), c.run_id,
        esc(c.finished_at.empty() ? "running" : c.finished_at), esc(c.outcome),
        esc(c.merge_status.empty() ? "—" : c.merge_status),
        c.stale
            ? R"(<span class="stale">Stale: a newer import was merged after these positions</span>)"
            : "Yes");
  return out + "</tbody></table></div>";
}

}  // namespace

void overview_page(page_context& ctx, args) {
  const auto set = load_positions(ctx);
  // The figures and charts read the kept set alone: computed once per data version. The last
  // imports are read on every visit, since a run that ends does not change the set.
  const std::string link_as_of = ctx.as_of_chosen ? ctx.as_of : "";
  views::overview o = *set.derived<views::overview>(
      "overview figures " + link_as_of, [&] { return views::overview_figures(set, link_as_of); });
  o.connections = views::last_imports(ctx.db().sql(), o.reconciliation_id);
  const auto charts = set.derived<std::string>("overview charts", [&] {
    return compliance_chart(set) + unused_by_application_charts(ctx, set) +
           renewals_chart(set, o.as_of) + utilisation_chart(set);
  });
  std::string body =
      fmt::format("<h1>Overview</h1><p>License positions as of {}.</p>", esc(o.as_of));
  if (o.stale_reason)
    body += fmt::format(R"(<p class="notice stale" role="status">{}</p>)", esc(*o.stale_reason));
  for (const auto& c : o.currencies) {
    body += fmt::format("<h2>{}</h2><ul class=\"figures\">",
                        c.currency.empty() ? "Licenses with no known cost" : esc(c.currency));
    body += figure_item("active licenses", c.active_licenses);
    body += figure_item("non-compliant", c.non_compliant);
    if (c.true_up_exposure)
      body += figure_item("true-up exposure", *c.true_up_exposure, c.currency);
    if (c.unused_cost) body += figure_item("unused cost", *c.unused_cost, c.currency);
    body += "</ul>";
  }
  body += R"(<h2>Seats and renewals</h2><ul class="figures">)";
  body +=
      figure_item(fmt::format("unused seats of {} consumed{}", o.consumed_seats,
                              o.unused_share_percent ? " (" + *o.unused_share_percent + " %)" : ""),
                  o.unused_seats);
  for (const auto& r : o.renewals)
    body += figure_item(fmt::format("renewing in the next {} days", r.days), r.licenses);
  body += "</ul>";
  body += connections_table(ctx, o);
  body += *charts;
  send_page(ctx, 200, "Overview", section::overview, body);
}

}  // namespace invhost::console
