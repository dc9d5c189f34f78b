#include "positions.hpp"

#include <invhost/inventory/csv_text.hpp>
#include <invhost/pipeline/host_lock.hpp>
#include <invhost/views/applications.hpp>
#include <invhost/views/positions.hpp>

namespace invhost::console {

shared_positions load_positions(page_context& ctx) {
  auto& db = ctx.db();
  const auto rules = pipeline::people_rules_of(ctx.host->config);
  pipeline::host h{db, ctx.host->config, ctx.host->catalog, ctx.state.settings.home};
  const auto rid = views::positions_of(db.sql(), ctx.as_of, rules, [&h] {
    return pipeline::take_host_lock(h, "console view", true);
  });
  // The version is read after the reconciliation is known: a write committed in between makes
  // the next request rebuild, never this one keep a set older than what it read.
  const auto version = data_version_of(db);
  return shared_positions(ctx.state.positions.get(ctx.host, ctx.as_of, rid, version, [&] {
    inventory::report_options options;
    options.internal_domains = ctx.host->config.internal_domains;
    options.people = rules;
    options.top_bar_link = ctx.host->top_bar;
    return views::load_licenses(db.sql(), rid, options);
  }));
}

const std::vector<views::application_row>& shared_positions::applications(page_context& ctx) const {
  return held_->applications(
      [&ctx](const views::license_set& set) { return views::applications(ctx.db().sql(), set); });
}

std::string shown(const boost::json::value& v) {
  if (v.is_null()) return "—";
  return cell_text(v);
}

std::string_view query_part(const http::request& req) {
  const auto q = req.target.find('?');
  return q == std::string::npos ? std::string_view{} : std::string_view(req.target).substr(q + 1);
}

}  // namespace invhost::console
