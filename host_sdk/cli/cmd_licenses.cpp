// invhost licenses list|show|edit|add|link-purchase|unlink-purchase|attach|delete,
// invhost purchases add
#include <fmt/format.h>

#include <boost/json.hpp>
#include <invhost/inventory/dates.hpp>
#include <invhost/inventory/license_records.hpp>
#include <invhost/terminal_text.hpp>
#include <iostream>

#include "inventory_commands.hpp"
#include "list_output.hpp"
#include "os_user.hpp"
#include "output_table.hpp"

namespace invhost::cli {
namespace {

// One value for the terminal, on one line whatever the source put in it.
std::string cell(const boost::json::value& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return terminal_text(v.as_string());
  return boost::json::serialize(v);
}

// Runs a library call, turning its refusals into a cli_error with the same words.
template <typename F>
void guarded(F&& f) {
  try {
    f();
  } catch (const inventory::refused& e) {
    throw cli_error(e.what());
  }
}

// A view's date is its caller's: today (UTC) unless --as-of names one.
std::string view_date(const std::string& as_of) {
  const std::string day = as_of.empty() ? inventory::today_utc() : as_of;
  if (!inventory::is_valid_date(day))
    throw cli_error(fmt::format("--as-of '{}' is not a date", day), "use YYYY-MM-DD");
  return day;
}

// A write waits for a writer in progress (a nightly's merge holds the database for seconds to
// minutes) up to `seconds`, then says why it gave up. SQLite waits on its busy handler;
// PostgreSQL on the row lock, bounded by lock_timeout (an integer, checked by the option).
template <typename F>
void bounded_write(cli_context& ctx, int seconds, F&& f) {
  auto& sql = ctx.db().sql();
  const bool sqlite = ctx.db().backend() == db_backend::sqlite;
  if (sqlite)
    sql << fmt::format("PRAGMA busy_timeout = {}", seconds * 1000);
  else
    sql << fmt::format("SET lock_timeout = '{}s'", seconds);
  try {
    f();
  } catch (const soci::soci_error& e) {
    const std::string what = e.get_error_message();
    const bool busy =
        sqlite ? what.find("locked") != std::string::npos || what.find("busy") != std::string::npos
               : what.find("lock timeout") != std::string::npos;
    if (!busy) throw;
    throw cli_error(fmt::format("the database is busy: another writer (a nightly's merge, or "
                                "`runs apply`) held it for more than the {} s this edit waits; "
                                "nothing was changed",
                                seconds),
                    "try again when it has finished (see `invhost runs`), or pass "
                    "--wait-seconds N",
                    exit_busy);
  }
}

void show(cli_context& ctx, std::int64_t id, bool json, const std::string& day) {
  boost::json::object d;
  guarded([&] { d = inventory::license_details(ctx.db().sql(), id, day); });
  if (json) {
    print_exact(boost::json::serialize(d) + "\n");
    return;
  }
  std::string out;
  const bool imported = d.at("source_owned").as_bool();
  out += fmt::format("License {}{}\n", id,
                     imported ? fmt::format(" (imported by connection '{}', source-owned fields "
                                            "change only at the source)",
                                            cell(d.at("connection")))
                              : " (recorded locally)");
  for (const char* k :
       {"connection", "external_id", "created_by_adapter", "imported_name", "display_name", "type",
        "status", "retired_reason", "retired_at", "superseded_by", "currency", "source_url",
        "source_created_at", "source_modified_at", "imported_notes", "owner", "cost_centre",
        "location", "notes"})
    out += fmt::format("  {:<20} {}\n", k, cell(d.at(k)));
  out += fmt::format("  {:<20} {}\n", "groups", cell(d.at("groups")));
  out += "Terms:\n";
  for (const auto& t : d.at("terms").as_array()) {
    const auto& o = t.as_object();
    out += fmt::format(
        "  {} {} {} x{} {} .. {} annual {} per-user {} {}{}{}\n", cell(o.at("external_id")),
        cell(o.at("sku")), cell(o.at("term_type")), cell(o.at("items_allowed")),
        cell(o.at("effective_at")), cell(o.at("ends_at")), cell(o.at("annual_cost")),
        cell(o.at("per_user_cost")), cell(o.at("currency")),
        o.at("hidden").is_bool() && o.at("hidden").as_bool() ? " hidden" : "",
        o.at("is_unlimited").is_bool() && o.at("is_unlimited").as_bool() ? " unlimited" : "");
  }
  out += "Purchases:\n";
  for (const auto& p : d.at("purchases").as_array()) {
    const auto& o = p.as_object();
    out += fmt::format("  #{} {} qty {} {} {}{}\n", cell(o.at("id")), cell(o.at("reference")),
                       cell(o.at("quantity")), cell(o.at("amount")), cell(o.at("currency")),
                       o.at("informational").as_bool()
                           ? "  [informational: adds no entitlement to an imported license]"
                           : "");
  }
  out += "Attachments:\n";
  for (const auto& a : d.at("attachments").as_array())
    out += fmt::format("  #{} {} -> {}\n", cell(a.at("id")), cell(a.at("name")),
                       cell(a.at("location")));
  if (d.at("position").is_null()) {
    out += fmt::format(
        "Position as of {}: not computed for that date (invhost reconcile --as-of "
        "{})\n",
        day, day);
  } else {
    const auto& p = d.at("position").as_object();
    out += fmt::format(
        "Position as of {}: entitled {}, consumed {}, available {}, shortfall {}, inactive {}, "
        "{}; per user {} {}, unused {}, true-up {}\n",
        cell(p.at("as_of")), cell(p.at("entitled")), cell(p.at("consumed")),
        cell(p.at("available")), cell(p.at("shortfall")), cell(p.at("inactive")),
        cell(p.at("compliance")), cell(p.at("per_user_cost")), cell(p.at("currency")),
        cell(p.at("unused_cost")), cell(p.at("true_up_cost")));
  }
  print(out);
}

}  // namespace

void register_licenses_commands(CLI::App& app, cli_context& ctx) {
  auto* licenses =
      app.add_subcommand("licenses", "Licenses in the inventory and their local fields");
  licenses->require_subcommand(1);

  {
    struct options {
      std::string connection, status, compliance, as_of, format = "table";
    };
    auto o = std::make_shared<options>();
    auto* cmd = licenses->add_subcommand("list", "List licenses");
    auto* conn = cmd->add_option("--connection", o->connection, "Only this connection's");
    auto* status = cmd->add_option("--status", o->status, "active | retired")
                       ->check(CLI::IsMember({"active", "retired"}));
    auto* comp = cmd->add_option("--compliance", o->compliance,
                                 "compliant | non-compliant | not-applicable (on the --as-of date)")
                     ->check(CLI::IsMember({"compliant", "non-compliant", "not-applicable"}));
    add_list_format_option(cmd, o->format);
    cmd->add_option("--as-of", o->as_of, "Positions on this date YYYY-MM-DD (UTC); default today");
    cmd->callback(ctx.command([&ctx, o, conn, status, comp] {
      inventory::license_filter f;
      f.as_of = view_date(o->as_of);
      if (conn->count() > 0) f.connection = o->connection;
      if (status->count() > 0) f.status = o->status;
      if (comp->count() > 0) f.compliance = o->compliance;
      static const std::vector<list_column> columns = {{"id", "ID"},
                                                       {"connection", "CONNECTION"},
                                                       {"external_id", "EXTERNAL ID"},
                                                       {"name", "NAME"},
                                                       {"type", "TYPE"},
                                                       {"status", "STATUS"},
                                                       {"entitled", "ENTITLED"},
                                                       {"consumed", "CONSUMED"},
                                                       {"compliance", "COMPLIANCE"}};
      print_rows(o->format, columns, inventory::list_licenses(ctx.db().sql(), f));
    }));
  }
  add_license_users_command(*licenses, ctx);
  {
    auto id = std::make_shared<std::int64_t>(0);
    auto json = std::make_shared<bool>(false);
    auto as_of = std::make_shared<std::string>();
    auto* cmd = licenses->add_subcommand("show", "Every field, terms, purchases, position");
    cmd->add_option("id", *id, "License id")->required();
    cmd->add_flag("--json", *json, "As JSON");
    cmd->add_option("--as-of", *as_of, "Position on this date YYYY-MM-DD (UTC); default today");
    cmd->callback(
        ctx.command([&ctx, id, json, as_of] { show(ctx, *id, *json, view_date(*as_of)); }));
  }
  {
    struct options {
      std::int64_t id = 0;
      std::string display_name, owner, cost_centre, location, notes, name, type, entitled;
      std::vector<std::string> groups, remove_groups;
      int wait_seconds = 120;
    };
    auto o = std::make_shared<options>();
    auto* cmd = licenses->add_subcommand(
        "edit", "Change local fields; source-owned fields of imported licenses are refused");
    cmd->add_option("id", o->id, "License id")->required();
    auto* dn = cmd->add_option("--display-name", o->display_name,
                               "Local name shown instead of the imported one ('' clears)");
    auto* ow = cmd->add_option("--owner", o->owner, "Owner");
    auto* cc = cmd->add_option("--cost-centre", o->cost_centre, "Cost centre");
    auto* lo = cmd->add_option("--location", o->location, "Location");
    auto* no = cmd->add_option("--notes", o->notes, "Notes");
    cmd->add_option("--group", o->groups, "Add to a group (repeatable)");
    cmd->add_option("--remove-group", o->remove_groups, "Remove from a group (repeatable)");
    auto* nm = cmd->add_option("--name", o->name, "Name (licenses recorded locally only)");
    auto* ty = cmd->add_option("--type", o->type, "Type (licenses recorded locally only)");
    auto* en = cmd->add_option("--entitled", o->entitled,
                               "Refused: entitlements come from terms or purchases");
    cmd->add_option("--wait-seconds", o->wait_seconds,
                    "Wait up to N seconds for a merge in progress (default 120)")
        ->check(CLI::Range(0, 3600));
    cmd->callback(ctx.command([&ctx, o, dn, ow, cc, lo, no, nm, ty, en] {
      const bool any_field = dn->count() + ow->count() + cc->count() + lo->count() + no->count() +
                                 nm->count() + ty->count() + en->count() >
                             0;
      if (!any_field && o->groups.empty() && o->remove_groups.empty())
        throw cli_error(fmt::format("nothing to change on license {}", o->id),
                        "give at least one of --display-name, --owner, --cost-centre, "
                        "--location, --notes, --group, --remove-group",
                        exit_usage);
      auto& sql = ctx.db().sql();
      bounded_write(ctx, o->wait_seconds, [&] {
        guarded([&] {
          const std::string actor = os_user();
          // Source-owned fields first: an edit that mixes both changes nothing.
          if (en->count() > 0)
            inventory::edit_source_field(sql, o->id, "entitled", o->entitled, actor);
          if (nm->count() > 0) inventory::edit_source_field(sql, o->id, "name", o->name, actor);
          if (ty->count() > 0) inventory::edit_source_field(sql, o->id, "type", o->type, actor);
          inventory::local_fields f;
          if (dn->count() > 0) f.display_name = o->display_name;
          if (ow->count() > 0) f.owner = o->owner;
          if (cc->count() > 0) f.cost_centre = o->cost_centre;
          if (lo->count() > 0) f.location = o->location;
          if (no->count() > 0) f.notes = o->notes;
          f.add_groups = o->groups;
          f.remove_groups = o->remove_groups;
          inventory::edit_local_fields(sql, o->id, f, actor);
        });
      });
      print(fmt::format("license {} updated\n", o->id));
    }));
  }
  {
    struct options {
      std::string name, type = "SaaS User", currency;
    };
    auto o = std::make_shared<options>();
    auto* cmd = licenses->add_subcommand(
        "add", "Record a license locally (no connection); its purchases add entitlements");
    cmd->add_option("--name", o->name, "Name")->required();
    cmd->add_option("--type", o->type, "SaaS User | Named User");
    cmd->add_option("--currency", o->currency, "ISO 4217 currency");
    cmd->callback(ctx.command([&ctx, o] {
      std::int64_t id = 0;
      guarded([&] {
        id = inventory::add_local_license(ctx.db().sql(), o->name, o->type, o->currency);
      });
      print(fmt::format("license {} recorded\n", id));
    }));
  }
  for (const bool link : {true, false}) {
    auto ids = std::make_shared<std::pair<std::int64_t, std::int64_t>>(0, 0);
    auto* cmd = licenses->add_subcommand(
        link ? "link-purchase" : "unlink-purchase",
        link ? "Link a purchase or contract (informational on imported licenses)"
             : "Unlink a purchase");
    cmd->add_option("id", ids->first, "License id")->required();
    cmd->add_option("--purchase", ids->second, "Purchase id")->required();
    cmd->callback(ctx.command([&ctx, ids, link] {
      guarded([&] {
        if (link) {
          inventory::link_purchase(ctx.db().sql(), ids->first, ids->second);
        } else {
          inventory::unlink_purchase(ctx.db().sql(), ids->first, ids->second);
        }
      });
      print(fmt::format("purchase {} {} license {}\n", ids->second,
                        link ? "linked to" : "unlinked from", ids->first));
    }));
  }
  {
    struct options {
      std::int64_t id = 0;
      std::string name, location;
    };
    auto o = std::make_shared<options>();
    auto* cmd = licenses->add_subcommand("attach", "Attach a document (path or URI)");
    cmd->add_option("id", o->id, "License id")->required();
    cmd->add_option("--name", o->name, "Name")->required();
    cmd->add_option("--location", o->location, "Path or URI")->required();
    cmd->callback(ctx.command([&ctx, o] {
      std::int64_t aid = 0;
      guarded(
          [&] { aid = inventory::add_attachment(ctx.db().sql(), o->id, o->name, o->location); });
      print(fmt::format("attachment {} added to license {}\n", aid, o->id));
    }));
  }
  {
    auto id = std::make_shared<std::int64_t>(0);
    auto yes = std::make_shared<bool>(false);
    auto* cmd =
        licenses->add_subcommand("delete", "Delete a license and what is kept locally against it");
    cmd->add_option("id", *id, "License id")->required();
    cmd->add_flag("--yes", *yes, "Confirm");
    cmd->callback(ctx.command([&ctx, id, yes] {
      auto& sql = ctx.db().sql();
      inventory::delete_outcome what;
      guarded([&] { what = inventory::describe_delete(sql, *id); });
      if (what.imported)
        std::cerr << fmt::format(
            "invhost: warning: license {} was imported by connection '{}': it comes back with the "
            "next import (without its local fields, groups, purchase links and attachments). "
            "Retire or remove it at the source instead.\n",
            *id, what.connection);
      if (!*yes) {
        std::cerr << "invhost: nothing deleted; add --yes to delete\n";
        ctx.exit_code = exit_failure;
        return;
      }
      guarded([&] { inventory::delete_license(sql, *id); });
      print(fmt::format("license {} deleted\n", *id));
    }));
  }

  auto* purchases = app.add_subcommand("purchases", "Purchases and contracts recorded locally");
  purchases->require_subcommand(1);
  {
    auto format = std::make_shared<std::string>("table");
    auto* cmd =
        purchases->add_subcommand("list", "List purchases and the licenses they are linked to");
    add_list_format_option(cmd, *format);
    cmd->callback(ctx.command([&ctx, format] {
      static const std::vector<list_column> columns = {{"id", "ID"},
                                                       {"reference", "REFERENCE"},
                                                       {"description", "DESCRIPTION"},
                                                       {"quantity", "QTY"},
                                                       {"amount", "AMOUNT"},
                                                       {"currency", "CURRENCY"},
                                                       {"purchased_at", "PURCHASED"},
                                                       {"effective_at", "FROM"},
                                                       {"ends_at", "TO"},
                                                       {"licenses", "LICENSES"}};
      print_rows(*format, columns, inventory::list_purchases(ctx.db().sql()));
    }));
  }
  {
    auto p = std::make_shared<inventory::purchase>();
    auto* cmd = purchases->add_subcommand("add", "Record a purchase or contract");
    cmd->add_option("--reference", p->reference, "PO, contract or invoice number")->required();
    cmd->add_option("--description", p->description, "Description");
    cmd->add_option("--quantity", p->quantity, "Seats bought")
        ->required()
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--amount", p->amount, "Total amount, decimal (e.g. 1200.00)");
    cmd->add_option("--currency", p->currency, "ISO 4217 currency");
    cmd->add_option("--purchased", p->purchased_at, "Purchase date");
    cmd->add_option("--effective", p->effective_at, "First day it covers (YYYY-MM-DD)");
    cmd->add_option("--ends", p->ends_at, "Last day it covers (YYYY-MM-DD)");
    cmd->callback(ctx.command([&ctx, p] {
      std::int64_t id = 0;
      guarded([&] { id = inventory::add_purchase(ctx.db().sql(), *p); });
      print(fmt::format("purchase {} recorded\n", id));
    }));
  }
}

}  // namespace invhost::cli
