// invhost nightly [--as-of DATE], invhost runs apply RUN_ID [--override], and the host lock and
// merge step that `invhost run` shares.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <invhost/cancellation.hpp>
#include <invhost/host_log.hpp>
#include <invhost/import_run.hpp>
#include <invhost/inventory/dates.hpp>
#include <invhost/inventory/reconcile.hpp>
#include <invhost/inventory/supersession.hpp>
#include <invhost/run_history.hpp>
#include <invhost/source_identity.hpp>
#include <map>
#include <optional>
#include <set>

#include "inventory_commands.hpp"
#include "license_change_view.hpp"
#include "metrics_textfile.hpp"
#include "people_rules.hpp"
#include "progress_printer.hpp"

namespace invhost::cli {

namespace {

// Whoever holds the host lock knows no run of this host is in progress: a run still marked
// running was left by a process that died.
void abandon_ghost_runs(cli_context& ctx) {
  if (const auto n = abandon_running_runs(ctx.db()); n > 0)
    print_error(
        fmt::format("invhost: {} run(s) left running by a process that ended are now "
                    "failed (abandoned); see `invhost runs`\n",
                    n));
}

}  // namespace

inventory::run_lock hold_host_lock(cli_context& ctx, const std::string& purpose, bool wait) {
  const auto file = ctx.home() / "invhost.lock";
  if (wait) {
    auto lock = inventory::run_lock::acquire_waiting(file, purpose);
    abandon_ghost_runs(ctx);
    return lock;
  }
  auto lock = inventory::run_lock::try_acquire(file, purpose);
  if (!lock)
    throw cli_error(
        fmt::format("another invhost holds the host lock: {}", inventory::run_lock::holder(file)),
        "wait for it, or pass --wait", exit_busy);
  abandon_ghost_runs(ctx);
  return std::move(*lock);
}

namespace {

inventory::merge_result merge_quietly(cli_context& ctx, std::int64_t run_id, bool override_guard) {
  inventory::merge_options options;
  options.override_guard = override_guard;
  return inventory::merge_run(ctx.db().sql(), run_id, options);
}

std::string describe(const inventory::merge_result& m) {
  if (m.status != inventory::merge_status::merged)
    return fmt::format("{}: {}", inventory::to_string(m.status), m.reason);
  return fmt::format("merged: {} new, {} updated, {} retired, {} returned{}", m.licenses_new,
                     m.licenses_updated, m.licenses_retired, m.licenses_returned,
                     m.superseded > 0 ? fmt::format(", {} superseded", m.superseded) : "");
}

}  // namespace

int merge_and_report(cli_context& ctx, std::int64_t run_id, bool override_guard) {
  const auto m = merge_quietly(ctx, run_id, override_guard);
  print(fmt::format("run {} {}\n", run_id, describe(m)));
  if (m.status == inventory::merge_status::held)
    print_error(
        fmt::format("invhost: run {} held: nothing merged. Check the source, then "
                    "`invhost runs apply {} --override` to apply it.\n",
                    run_id, run_id));
  if (m.status == inventory::merge_status::held) return exit_incomplete;
  return m.status == inventory::merge_status::merged ? exit_ok : exit_failure;
}

namespace {

struct connection_summary {
  std::string id;
  std::int64_t run_id = 0;
  std::string outcome;
  std::map<std::string, std::int64_t> records;
  std::string merge;
  std::int64_t retired = 0;
  bool held = false;
  std::string error;
};

std::string describe(const inventory::supersession_change& c) {
  using inventory::supersession_event;
  switch (c.event) {
    case supersession_event::in_force:
      return fmt::format("  supersession of {} by {}: in force{}, {} licenses retired\n",
                         c.superseded_connection, c.by_connection,
                         c.reason == "override" ? " (override)" : "", c.licenses);
    case supersession_event::held:
      return fmt::format(
          "  supersession of {} by {}: HELD, 0 licenses retired: {}; apply it with "
          "`invhost nightly --override-supersession {}`\n",
          c.superseded_connection, c.by_connection, c.reason, c.superseded_connection);
    case supersession_event::ended:
      return fmt::format(
          "  supersession of {} by {}: ended ({} is disabled or removed), {} "
          "licenses returned\n",
          c.superseded_connection, c.by_connection, c.by_connection, c.licenses);
    case supersession_event::retired_on_arrival:
      break;
  }
  return fmt::format("  supersession of {} by {}: {} licenses retired on arrival\n",
                     c.superseded_connection, c.by_connection, c.licenses);
}

// The summary names this many licenses per connection and change; `runs show` names them all.
constexpr std::size_t nightly_names_per_group = 10;

// The licenses run `run_id` retired or brought back (its own and, for a superseding
// connection, those of the connections it superseded), by connection. Added ones are counted
// in the merge line.
std::string retired_and_returned(soci::session& sql, std::int64_t run_id) {
  auto changes = inventory::license_changes_of_run(sql, run_id);
  std::erase_if(changes, [](const inventory::license_change& c) {
    return c.kind == inventory::license_change_kind::added;
  });
  return license_changes_text(changes, "      ", nightly_names_per_group,
                              fmt::format("`invhost runs show {}`", run_id));
}

int nightly(cli_context& ctx, const std::string& as_of_option, bool wait,
            const std::vector<std::string>& override_supersession) {
  const std::string day = as_of_option.empty() ? inventory::today_utc() : as_of_option;
  if (!inventory::is_valid_date(day))
    throw cli_error(fmt::format("--as-of '{}' is not a date", day), "use YYYY-MM-DD");
  auto lock = hold_host_lock(ctx, "nightly", wait);
  install_cancel_signals();
  std::vector<connection_summary> summaries;
  // Connections a newer one supersedes: not imported unless a person keeps them. Only while the
  // superseding connection is enabled: a supersession by one that is gone ends tonight.
  std::map<std::string, inventory::supersession_state> superseded;
  for (auto& st : inventory::list_supersessions(ctx.db().sql())) {
    const connector_entry* by = ctx.config().find(st.by_connection);
    if (st.state == "in force" && by != nullptr && by->enabled)
      superseded.emplace(st.superseded_connection, std::move(st));
  }
  bool failed = false;   // a run or a merge failed, or was cancelled
  bool partial = false;  // a run was incomplete, or a merge or a supersession is held
  for (const connector_entry& c : ctx.config().connectors) {
    if (!c.enabled) continue;
    connection_summary s;
    s.id = c.id;
    const log_scope scope(c.id);
    if (const auto it = superseded.find(c.id); it != superseded.end() && !c.keep_when_superseded) {
      s.outcome = "skipped";
      s.merge = fmt::format(
          "superseded by {} since {}; 'invhost connectors keep {}' imports it "
          "anyway",
          it->second.by_connection, it->second.since, c.id);
      print_error(fmt::format("{}: not imported: {}\n", s.id, s.merge));
      summaries.push_back(std::move(s));
      continue;
    }
    // A second connection to one source, written into invhost.toml by hand: the first one
    // imports, this one does not, and the night fails so that a person looks.
    if (const auto problem = same_source_problem(ctx.config(), ctx.catalog(), c);
        !problem.empty()) {
      s.outcome = "refused";
      s.merge = "not imported";
      s.error = problem;
      failed = true;
      print_error(fmt::format("{}: not imported: {}\n", s.id, problem));
      summaries.push_back(std::move(s));
      continue;
    }
    progress_printer progress(c.id, ctx.log_format_option == "json");
    run_options options;
    options.cancel_flag = &cancel_requested();
    options.limits = limits_for(ctx.config(), c);
    options.on_progress = [&progress](const invsdk_progress& p) { progress(p); };
    try {
      const run_result r = stage_connection(ctx.db(), c, ctx.catalog(), options);
      {
        const log_scope run_scope(c.id, r.run_id);  // the closing lines name the run too
        progress.finish();
      }
      s.run_id = r.run_id;
      s.outcome = r.outcome;
      for (const auto& st : r.streams) s.records[st.kind] = st.records;
      if (!r.error_class.empty()) s.error = r.error_class + ": " + r.error_message;
      if (r.outcome == "staged") {
        const auto m = merge_quietly(ctx, r.run_id, false);
        s.merge = describe(m);
        s.retired = m.licenses_retired;
        s.held = m.status == inventory::merge_status::held;
        if (s.held)
          partial = true;
        else if (m.status != inventory::merge_status::merged)
          failed = true;
      } else {
        // An incomplete, failed or cancelled run merges nothing: the inventory stays as it was.
        s.merge = "not merged (run " + r.outcome + ")";
        (r.outcome == "incomplete" ? partial : failed) = true;
      }
    } catch (const std::exception& e) {
      progress.finish();
      if (s.run_id != 0) s.merge = "failed (recorded on the run)";
      s.outcome = "failed";
      s.error = e.what();
      failed = true;
    }
    print_error(fmt::format("{}: run {} {}; {}\n", s.id, s.run_id, s.outcome, s.merge));
    summaries.push_back(std::move(s));
    if (cancel_requested().load()) break;
  }

  auto& sql = ctx.db().sql();
  // Supersession by a connection that is disabled or gone ends before the positions are
  // computed, so the returned licenses count tonight.
  std::set<std::string> superseding;
  for (const connector_entry& c : ctx.config().connectors) {
    const manifest* m = ctx.catalog().find(c.adapter);
    if (c.enabled && m != nullptr && !m->supersedes.empty()) superseding.insert(c.id);
  }
  std::vector<inventory::supersession_change> changes =
      inventory::end_supersessions_except(sql, superseding);
  // One reconciliation per night. Supersession needs its successor's import reconciled, so it
  // is decided after; it changes statuses only, which are restated in that reconciliation.
  const auto rec = inventory::reconcile(sql, day, people_rules_of(ctx.config()));
  const std::set<std::string> overrides(override_supersession.begin(), override_supersession.end());
  bool statuses_changed = false;
  for (const connector_entry& c : ctx.config().connectors) {
    if (!superseding.contains(c.id)) continue;
    std::optional<std::int64_t> run_id;
    for (const auto& s : summaries)
      if (s.id == c.id && s.run_id != 0) run_id = s.run_id;
    for (auto& change : inventory::decide_supersessions(
             sql, c.id, ctx.catalog().find(c.adapter)->supersedes, overrides, run_id)) {
      if (change.event == inventory::supersession_event::held)
        partial = true;
      else
        statuses_changed = true;
      changes.push_back(std::move(change));
    }
  }
  if (statuses_changed) inventory::restate_license_statuses(sql, rec.reconciliation_id);
  const auto& final_rec = rec;

  std::string out = fmt::format(
      "nightly as of {}: reconciliation {} ({} licenses, {} active "
      "non-compliant)\n",
      day, final_rec.reconciliation_id, final_rec.licenses, final_rec.non_compliant);
  for (const auto& s : summaries) {
    out += fmt::format("  {:<20} run {:<6} {}\n", s.id,
                       s.run_id != 0 ? std::to_string(s.run_id) : std::string("-"), s.outcome);
    std::string streams;
    for (const auto& [kind, n] : s.records) streams += fmt::format(" {}={}", kind, n);
    if (!streams.empty()) out += "      records:" + streams + "\n";
    out += fmt::format("      merge: {}; retired {}{}\n", s.merge.empty() ? "-" : s.merge,
                       s.retired, s.held ? "; HELD" : "");
    if (!s.error.empty()) out += "      error: " + s.error + "\n";
    if (s.run_id != 0) out += retired_and_returned(sql, s.run_id);
  }
  for (const auto& c : changes) {
    out += describe(c);
    // Changes no run made (a supersession ended) are listed here or nowhere.
    if (c.event == inventory::supersession_event::ended)
      out += license_changes_text(
          c.changed, "      ", nightly_names_per_group,
          "`invhost licenses list --connection " + c.superseded_connection + "`");
  }
  print(out);
  write_metrics_if_configured(ctx);
  if (failed) return exit_failure;
  return partial ? exit_incomplete : exit_ok;
}

}  // namespace

void register_nightly_commands(CLI::App& app, cli_context& ctx) {
  struct options {
    std::string as_of;
    bool wait = false;
    std::vector<std::string> override_supersession;
  };
  auto o = std::make_shared<options>();
  auto* cmd = app.add_subcommand(
      "nightly", "Import every enabled connection, merge, reconcile, retire superseded adapters");
  cmd->add_option("--as-of", o->as_of, "Reconciliation date YYYY-MM-DD (UTC); default today");
  cmd->add_flag("--wait", o->wait, "Wait for another run holding the host lock");
  cmd->add_option("--override-supersession", o->override_supersession,
                  "Apply the held supersession of this connection (repeatable)");
  cmd->callback(ctx.command(
      [&ctx, o] { ctx.exit_code = nightly(ctx, o->as_of, o->wait, o->override_supersession); }));

  if (CLI::App* runs = app.get_subcommand("runs")) {
    struct apply_options {
      std::int64_t run_id = 0;
      bool override_guard = false;
      bool wait = false;
    };
    auto a = std::make_shared<apply_options>();
    auto* apply = runs->add_subcommand("apply", "Merge a staged run (a held one with --override)");
    apply->add_option("run_id", a->run_id, "Run id")->required();
    apply->add_flag("--override", a->override_guard,
                    "Apply a run the guard held (mass retirement or an empty stream)");
    apply->add_flag("--wait", a->wait, "Wait for another run holding the host lock");
    apply->callback(ctx.command([&ctx, a] {
      auto lock = hold_host_lock(ctx, "runs apply", a->wait);
      ctx.exit_code = merge_and_report(ctx, a->run_id, a->override_guard);
    }));
  }
}

}  // namespace invhost::cli
