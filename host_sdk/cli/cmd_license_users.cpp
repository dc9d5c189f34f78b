// invhost licenses users ID [--inactive] [--as-of DATE] [--format table|json|csv]: who consumes a
// license, most inactive first; the library computes the rows, this only renders them.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <invhost/inventory/dates.hpp>
#include <invhost/inventory/license_records.hpp>
#include <invhost/inventory/license_users.hpp>
#include <invhost/inventory/reconcile.hpp>
#include <iostream>

#include "inventory_commands.hpp"
#include "list_output.hpp"
#include "people_rules.hpp"

namespace invhost::cli {
namespace {

// JSON keeps the types (booleans, null for no activity); a table or a spreadsheet reads words.
boost::json::object row_of(const inventory::license_user& u, bool for_people) {
  const auto yes_no = [&](bool b) -> boost::json::value {
    if (for_people) return boost::json::string(b ? "yes" : "no");
    return b;
  };
  boost::json::object row;
  // A source that knows a person by an id only still lets the list name them.
  row["user"] = u.email.empty() ? u.user_id : u.email;
  row["email"] = u.email.empty() ? boost::json::value(nullptr) : boost::json::value(u.email);
  row["user_id"] = u.user_id;
  row["domain"] = u.domain;
  row["external"] = yes_no(u.external);
  row["last_activity"] =
      u.last_activity ? boost::json::value(*u.last_activity) : boost::json::value(nullptr);
  if (u.days_inactive)
    row["days_inactive"] = *u.days_inactive;
  else
    row["days_inactive"] = for_people ? boost::json::value("never") : boost::json::value(nullptr);
  row["inactive"] = yes_no(u.inactive);
  return row;
}

}  // namespace

void add_license_users_command(CLI::App& licenses, cli_context& ctx) {
  struct options {
    std::int64_t id = 0;
    bool inactive_only = false;
    std::string as_of, format = "table";
  };
  auto o = std::make_shared<options>();
  auto* cmd = licenses.add_subcommand(
      "users", "Who consumes a license, most days inactive first: the list to reclaim seats from");
  cmd->add_option("id", o->id, "License id")->required();
  cmd->add_flag("--inactive", o->inactive_only, "Only the users the position counts as inactive");
  cmd->add_option("--as-of", o->as_of, "Date YYYY-MM-DD (UTC); default today");
  add_list_format_option(cmd, o->format);
  cmd->callback(ctx.command([&ctx, o] {
    const std::string day = o->as_of.empty() ? inventory::today_utc() : o->as_of;
    if (!inventory::is_valid_date(day))
      throw cli_error(fmt::format("--as-of '{}' is not a date", day), "use YYYY-MM-DD");
    const auto rid = positions_of(ctx, day, "licenses users");
    std::vector<inventory::license_user> users;
    try {
      users = inventory::license_users(ctx.db().sql(), rid, o->id, ctx.config().internal_domains,
                                       people_rules_of(ctx.config()));
    } catch (const inventory::refused& e) {
      throw cli_error(e.what(), "see `invhost licenses list` for the ids");
    }
    // The rows are read from the inventory as it is now; positions computed before a later merge
    // may count otherwise, and the person comparing the two should know.
    if (const auto stale = inventory::staleness(ctx.db().sql(), rid))
      std::cerr << "invhost: warning: the report of " << day << " is stale (" << *stale
                << "); this list reflects the inventory as it is now\n";
    boost::json::array rows;
    for (const auto& u : users)
      if (!o->inactive_only || u.inactive) rows.emplace_back(row_of(u, o->format != "json"));
    static const std::vector<list_column> columns = {{"user", "USER"},
                                                     {"domain", "DOMAIN"},
                                                     {"external", "EXTERNAL"},
                                                     {"last_activity", "LAST ACTIVITY"},
                                                     {"days_inactive", "DAYS INACTIVE"},
                                                     {"inactive", "INACTIVE"}};
    print_rows(o->format, columns, rows);
  }));
}

}  // namespace invhost::cli
