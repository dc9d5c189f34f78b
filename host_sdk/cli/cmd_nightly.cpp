// invhost nightly [--as-of DATE], invhost runs apply RUN_ID [--override], and the host lock and
// merge report that `invhost run` shares. The work is the pipeline library's; this renders it.
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
#include <invhost/pipeline/host_lock.hpp>
#include <invhost/pipeline/pipeline.hpp>
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

inventory::run_lock hold_host_lock(cli_context& ctx, const std::string& purpose, bool wait) {
  auto h = ctx.pipeline_host();
  try {
    return pipeline::take_host_lock(h, purpose, wait);
  } catch (const pipeline::host_busy& e) {
    throw cli_error(e.what(), "wait for it, or pass --wait", exit_busy);
  }
}

int report_merge(std::int64_t run_id, const inventory::merge_result& m) {
  print(fmt::format("run {} {}\n", run_id, pipeline::describe(m)));
  if (m.status == inventory::merge_status::held) {
    print_error(
        fmt::format("invhost: run {} held: nothing merged. Check the source, then "
                    "`invhost runs apply {} --override` to apply it.\n",
                    run_id, run_id));
    return exit_incomplete;
  }
  return m.status == inventory::merge_status::merged ? exit_ok : exit_failure;
}

namespace {

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

std::string nightly_text(soci::session& sql, const pipeline::nightly_result& night) {
  std::string out = fmt::format(
      "nightly as of {}: reconciliation {} ({} licenses, {} active "
      "non-compliant)\n",
      night.as_of, night.reconciliation.reconciliation_id, night.reconciliation.licenses,
      night.reconciliation.non_compliant);
  for (const auto& s : night.connections) {
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
  for (const auto& c : night.supersession) {
    out += describe(c);
    // Changes no run made (a supersession ended) are listed here or nowhere.
    if (c.event == inventory::supersession_event::ended)
      out += license_changes_text(
          c.changed, "      ", nightly_names_per_group,
          "`invhost licenses list --connection " + c.superseded_connection + "`");
  }
  return out;
}

int nightly(cli_context& ctx, const std::string& as_of_option, bool wait,
            const std::vector<std::string>& override_supersession) {
  install_cancel_signals();
  pipeline::nightly_options options;
  options.as_of = as_of_option;
  options.wait = wait;
  options.override_supersession = override_supersession;
  options.cancel = &cancel_requested();
  options.watch = progress_observer(ctx.log_format_option == "json");
  auto h = ctx.pipeline_host();
  pipeline::nightly_result night;
  try {
    night = pipeline::run_nightly(h, options);
  } catch (const pipeline::refused& e) {
    throw cli_error(e.what(), e.hint());
  } catch (const pipeline::host_busy& e) {
    throw cli_error(e.what(), "wait for it, or pass --wait", exit_busy);
  }
  print(nightly_text(ctx.db().sql(), night));
  write_metrics_if_configured(ctx);
  if (night.failed) return exit_failure;
  return night.partial ? exit_incomplete : exit_ok;
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
      auto h = ctx.pipeline_host();
      try {
        ctx.exit_code =
            report_merge(a->run_id, pipeline::apply_run(h, a->run_id, a->override_guard, a->wait));
      } catch (const pipeline::host_busy& e) {
        throw cli_error(e.what(), "wait for it, or pass --wait", exit_busy);
      }
    }));
  }
}

}  // namespace invhost::cli
