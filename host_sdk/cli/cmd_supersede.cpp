// invhost supersede preview|match|plan|apply|undo: switching from the connectors a newer adapter
// supersedes (docs/switching-to-fsm.md). The library does the work; this file picks the
// superseding connection, names the person, and renders.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <invhost/inventory/csv_text.hpp>
#include <invhost/inventory/license_records.hpp>
#include <invhost/inventory/supersede.hpp>

#include "inventory_commands.hpp"
#include "list_output.hpp"
#include "os_user.hpp"
#include "output_table.hpp"

namespace invhost::cli {
namespace {

// The superseding connection: --by, else the only enabled connection of an adapter whose
// manifest supersedes others.
inventory::supersede_scope scope_of(cli_context& ctx, const std::string& by) {
  auto supersedes = [&ctx](const connector_entry& c) -> const manifest* {
    const manifest* m = ctx.catalog().find(c.adapter);
    return m != nullptr && !m->supersedes.empty() ? m : nullptr;
  };
  if (!by.empty()) {
    const connector_entry& c = ctx.connector(by);
    const manifest* m = supersedes(c);
    if (m == nullptr)
      throw cli_error(
          fmt::format("connection '{}' (adapter {}) supersedes no adapter", by, c.adapter),
          "give a connection of an adapter whose manifest lists `supersedes`, such "
          "as flexera-saas-manager");
    return {c.id, m->supersedes};
  }
  std::vector<const connector_entry*> found;
  for (const connector_entry& c : ctx.config().connectors)
    if (c.enabled && supersedes(c) != nullptr) found.push_back(&c);
  if (found.empty())
    throw cli_error("no enabled connection supersedes the old connectors",
                    "add the FSM connection first: invhost connectors add ID --adapter "
                    "flexera-saas-manager ...");
  if (found.size() > 1) {
    std::string names;
    for (const auto* c : found) names += (names.empty() ? "" : ", ") + c->id;
    throw cli_error(
        fmt::format("several enabled connections supersede the old connectors: {}", names),
        "choose one with --by CONNECTION", exit_usage);
  }
  return {found.front()->id, supersedes(*found.front())->supersedes};
}

// Who acts, for the audit log.
std::string who() {
  return os_user();
}

std::string cell(const boost::json::value& v) {
  return cell_text(v);
}

// "10 / 12": the legacy value beside the replacement's.
std::string pair_text(const boost::json::object& row, const char* what) {
  auto side = [&](const std::string& s) {
    const auto& v = row.at(s + "_" + what);
    return v.is_null() ? std::string("-") : cell(v);
  };
  return side("legacy") + " / " + side("fsm");
}

std::string cost_text(const boost::json::object& row, const std::string& side) {
  const auto& c = row.at(side + "_per_user_cost");
  return c.is_null() ? "-" : cell(c) + " " + cell(row.at(side + "_currency"));
}

void print_totals(std::string& out, const boost::json::object& totals) {
  for (const char* when : {"before", "after"}) {
    out += fmt::format("Totals {} ({}):\n", when,
                       std::string_view(when) == "before" ? "legacy licenses counted"
                                                          : "legacy retired, replacements counted");
    const auto& t = totals.at(when).as_object();
    if (t.empty()) out += "  no license with a known cost\n";
    for (const auto& [currency, v] : t)
      out += fmt::format("  {}: {} licenses, unused {}, true-up {}\n", std::string(currency),
                         cell(v.at("licenses")), cell(v.at("unused_cost")),
                         cell(v.at("true_up_cost")));
  }
}

void preview(cli_context& ctx, const std::string& by, const std::string& format) {
  const auto scope = scope_of(ctx, by);
  const auto p = refusal_as_cli_error<inventory::refused>(
      [&] { return inventory::supersede_preview(ctx.db().sql(), scope); });
  if (format == "json") {
    print_exact(boost::json::serialize(p) + "\n");
    return;
  }
  if (format == "csv") {
    static const std::vector<list_column> columns = {{"legacy_id", ""},
                                                     {"legacy_connection", ""},
                                                     {"legacy_name", ""},
                                                     {"legacy_status", ""},
                                                     {"fsm_id", ""},
                                                     {"fsm_external_id", ""},
                                                     {"fsm_name", ""},
                                                     {"confidence", ""},
                                                     {"reason", ""},
                                                     {"legacy_entitled", ""},
                                                     {"fsm_entitled", ""},
                                                     {"legacy_consumed", ""},
                                                     {"fsm_consumed", ""},
                                                     {"legacy_currency", ""},
                                                     {"legacy_per_user_cost", ""},
                                                     {"legacy_unused_cost", ""},
                                                     {"legacy_true_up_cost", ""},
                                                     {"fsm_currency", ""},
                                                     {"fsm_per_user_cost", ""},
                                                     {"fsm_unused_cost", ""},
                                                     {"fsm_true_up_cost", ""}};
    print_rows("csv", columns, p.at("licenses").as_array());
    return;
  }
  std::vector<std::vector<std::string>> table;
  std::string reasons;
  for (const auto& v : p.at("licenses").as_array()) {
    const auto& r = v.as_object();
    const std::string fsm = !r.at("fsm_id").is_null()            ? cell(r.at("fsm_id"))
                            : !r.at("fsm_external_id").is_null() ? cell(r.at("fsm_external_id"))
                                                                 : "-";
    table.push_back({cell(r.at("legacy_id")), cell(r.at("legacy_name")), fsm,
                     r.at("fsm_name").is_null() ? "-" : cell(r.at("fsm_name")),
                     r.at("confidence").is_null() ? "-" : cell(r.at("confidence")),
                     pair_text(r, "entitled"), pair_text(r, "consumed"),
                     cost_text(r, "legacy") + " / " + cost_text(r, "fsm")});
    reasons += fmt::format("  {} {} ({}): {}\n", cell(r.at("legacy_id")), cell(r.at("legacy_name")),
                           cell(r.at("legacy_connection")), cell(r.at("reason")));
  }
  std::string out =
      fmt::format("Replacements by {} (positions as of {}; {} side: {})\n", scope.by,
                  cell(p.at("as_of")), scope.by,
                  cell(p.at("fsm_source")) == "staged"
                      ? fmt::format("staged run {}, not merged yet", cell(p.at("staged_run")))
                      : std::string("inventory"));
  out += format_table({"LEGACY", "NAME", "FSM", "FSM NAME", "CONFIDENCE", "ENTITLED", "CONSUMED",
                       "COST/USER (legacy / FSM)"},
                      table);
  if (!reasons.empty()) out += "Why:\n" + reasons;
  const auto& unmatched = p.at("unmatched").as_array();
  if (!unmatched.empty()) {
    std::string ids;
    for (const auto& u : unmatched) ids += (ids.empty() ? "" : ", ") + cell(u);
    out += fmt::format(
        "Unmatched legacy licenses: {} (`invhost supersede match ID FSM_ID` sets "
        "one by hand)\n",
        ids);
  }
  print_totals(out, p.at("totals").as_object());
  for (const auto& n : p.at("notes").as_array()) out += "Note: " + cell(n) + "\n";
  print(out);
}

std::string plan_text(const boost::json::object& d) {
  std::string out =
      fmt::format("Plan {} by {} ({}; made {} by {})\n", cell(d.at("id")), cell(d.at("by")),
                  cell(d.at("state")), cell(d.at("created_at")), cell(d.at("created_by")));
  out += "Licenses:\n";
  for (const auto& v : d.at("licenses").as_array()) {
    const auto& l = v.as_object();
    out += fmt::format("  {} {} ({}) -> {} [{}]\n", cell(l.at("legacy_id")),
                       cell(l.at("legacy_name")), cell(l.at("legacy_connection")),
                       l.at("fsm_id").is_null()
                           ? std::string("none")
                           : fmt::format("{} {}", cell(l.at("fsm_id")), cell(l.at("fsm_name"))),
                       l.at("confidence").is_null()
                           ? cell(l.at("reason"))
                           : cell(l.at("confidence")) + ": " + cell(l.at("reason")));
  }
  const auto& moves = d.at("moves").as_array();
  out += moves.empty() ? "Moves: none\n" : "Moves:\n";
  for (const auto& m : moves)
    out += fmt::format("  {}. {}\n", cell(m.at("seq")), cell(m.at("text")));
  out += "Manual allocations: " + cell(d.at("manual_allocations")) + "\n";
  const auto& surplus = d.at("surplus_applications").as_array();
  out += surplus.empty() ? "Surplus applications: none\n"
                         : "Surplus applications (no license active after the switch references "
                           "them; the plan does not move them):\n";
  for (const auto& a : surplus)
    out +=
        fmt::format("  {} / {} ({}): {} unallocated users\n", cell(a.at("connection")),
                    cell(a.at("name")), cell(a.at("application")), cell(a.at("unallocated_users")));
  return out;
}

void render_plan(const boost::json::object& d, const std::string& format,
                 const std::string& headline) {
  if (format == "json") {
    print_exact(boost::json::serialize(d) + "\n");
    return;
  }
  print(headline + plan_text(d));
}

void add_format(CLI::App* cmd, std::string& format) {
  cmd->add_option("--format", format, "table | json (default table)")
      ->check(CLI::IsMember({"table", "json"}));
}

}  // namespace

void register_supersede_commands(CLI::App& app, cli_context& ctx) {
  auto* group = app.add_subcommand(
      "supersede", "Switch from the old connectors: preview, match, plan, apply, undo");
  group->require_subcommand(1);
  {
    struct options {
      std::string by, format = "table";
    };
    auto o = std::make_shared<options>();
    auto* cmd = group->add_subcommand(
        "preview", "Each legacy license beside its proposed replacement, and the totals");
    cmd->add_option("--by", o->by, "The superseding connection (default: the only one)");
    add_list_format_option(cmd, o->format);
    cmd->callback(ctx.command([&ctx, o] { preview(ctx, o->by, o->format); }));
  }
  {
    struct options {
      std::int64_t legacy = 0;
      std::string fsm, by;
      bool none = false;
    };
    auto o = std::make_shared<options>();
    auto* cmd = group->add_subcommand("match", "Set a legacy license's replacement by hand");
    cmd->add_option("legacy_id", o->legacy, "Legacy license id")->required();
    auto* fsm = cmd->add_option("fsm_id", o->fsm, "Replacement: its license id or external id");
    auto* none = cmd->add_flag("--none", o->none, "No replacement");
    fsm->excludes(none);
    cmd->add_option("--by", o->by, "The superseding connection (default: the only one)");
    cmd->callback(ctx.command([&ctx, o, fsm] {
      if (fsm->count() == 0 && !o->none)
        throw cli_error("give the replacement (FSM_ID) or --none", "", exit_usage);
      const auto scope = scope_of(ctx, o->by);
      auto lock = hold_host_lock(ctx, "supersede match", false);
      const auto name = refusal_as_cli_error<inventory::refused>([&] {
        return inventory::set_supersede_match(
            ctx.db().sql(), scope, o->legacy,
            o->none ? std::nullopt : std::optional<std::string>(o->fsm), who());
      });
      print(o->none ? fmt::format("license {}: no replacement (set by hand)\n", o->legacy)
                    : fmt::format("license {}: replaced by {} {} (set by hand)\n", o->legacy,
                                  o->fsm, name));
    }));
  }
  {
    struct options {
      std::string by, format = "table";
    };
    auto o = std::make_shared<options>();
    auto* cmd = group->add_subcommand(
        "plan", "Make and store a numbered plan of the moves to the replacements");
    cmd->add_option("--by", o->by, "The superseding connection (default: the only one)");
    add_format(cmd, o->format);
    cmd->callback(ctx.command([&ctx, o] {
      const auto scope = scope_of(ctx, o->by);
      auto lock = hold_host_lock(ctx, "supersede plan", false);
      auto& sql = ctx.db().sql();
      const auto d = refusal_as_cli_error<inventory::refused>([&] {
        const auto id = inventory::make_supersede_plan(sql, scope, who());
        return inventory::supersede_plan_details(sql, id);
      });
      render_plan(d, o->format, "");
    }));
  }
  for (const bool undo : {false, true}) {
    struct options {
      std::int64_t plan = 0;
      bool dry_run = false;
      std::string format = "table";
    };
    auto o = std::make_shared<options>();
    auto* cmd = group->add_subcommand(
        undo ? "undo" : "apply",
        undo ? "Reverse an applied plan exactly" : "Make a plan's moves in one transaction");
    cmd->add_option("plan", o->plan, "Plan id")->required();
    if (!undo) cmd->add_flag("--dry-run", o->dry_run, "Say what would happen; change nothing");
    add_format(cmd, o->format);
    cmd->callback(ctx.command([&ctx, o, undo] {
      auto lock = hold_host_lock(ctx, undo ? "supersede undo" : "supersede apply", false);
      auto& sql = ctx.db().sql();
      const auto d = refusal_as_cli_error<inventory::refused>([&] {
        return undo ? inventory::undo_supersede_plan(sql, o->plan, who())
                    : inventory::apply_supersede_plan(sql, o->plan, who(), o->dry_run);
      });
      const auto n = d.at("moves").as_array().size();
      render_plan(d, o->format,
                  undo         ? fmt::format("plan {} undone: {} moves reversed\n", o->plan, n)
                  : o->dry_run ? fmt::format("plan {} dry run: {} moves would be made, nothing "
                                             "changed\n",
                                             o->plan, n)
                               : fmt::format("plan {} applied: {} moves made\n", o->plan, n));
    }));
  }
}

}  // namespace invhost::cli
