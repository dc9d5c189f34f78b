// invhost report [--as-of DATE] [--format table|json|csv]
#include <fmt/format.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <invhost/inventory/dates.hpp>
#include <invhost/inventory/reconcile.hpp>
#include <invhost/inventory/report.hpp>
#include <invhost/views/license_list.hpp>
#include <invhost/views/positions.hpp>

#include "inventory_commands.hpp"
#include "output_table.hpp"
#include "people_rules.hpp"

namespace invhost::cli {

std::int64_t positions_of(cli_context& ctx, const std::string& day, const std::string& purpose) {
  // Nothing computed for that date yet: computed now, under the host lock.
  return views::positions_of(ctx.db().sql(), day, people_rules_of(ctx.config()),
                             [&] { return hold_host_lock(ctx, "reconcile for " + purpose, true); });
}

void register_report_commands(CLI::App& app, cli_context& ctx) {
  struct options {
    std::string as_of;
    std::string format;
  };
  auto o = std::make_shared<options>();
  auto* cmd = app.add_subcommand(
      "report", "License positions: a table on a terminal, JSON (the public contract) or CSV");
  cmd->add_option("--as-of", o->as_of, "Date YYYY-MM-DD (UTC); default today");
  cmd->add_option("--format", o->format,
                  "table | json | csv (default: table on a terminal, else json)")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->callback(ctx.command([&ctx, o] {
    const std::string day = o->as_of.empty() ? inventory::today_utc() : o->as_of;
    if (!inventory::is_valid_date(day))
      throw cli_error(fmt::format("--as-of '{}' is not a date", day), "use YYYY-MM-DD");
    auto& sql = ctx.db().sql();
    const auto rid = positions_of(ctx, day, "report");
    inventory::report_options options;
    options.internal_domains = ctx.config().internal_domains;
    options.people = people_rules_of(ctx.config());
    if (ctx.config().top_bar.enabled && !ctx.config().top_bar.url.empty())
      options.top_bar_link = ctx.config().top_bar.url;
    // The whole list in the report's order: the console's /licenses.json with no filter.
    views::license_query everything;
    everything.sort.clear();
    const auto set = views::load_licenses(sql, rid, options);
    std::string format = o->format;
    if (format.empty()) format = isatty(STDOUT_FILENO) ? "table" : "json";
    if (format == "json") {
      print_exact(boost::json::serialize(views::license_list_json(set, everything)) + "\n");
    } else if (format == "csv") {
      print_exact(views::license_list_csv(set, everything));
    } else {
      const auto report = views::license_list_json(set, everything);
      print(inventory::report_table(terminal_values(report).as_object()));
    }
  }));
}

}  // namespace invhost::cli
