// invhost run ID, invhost runs
#include <fmt/format.h>

#include <array>
#include <boost/json.hpp>
#include <invhost/cancellation.hpp>
#include <invhost/host_log.hpp>
#include <invhost/import_run.hpp>
#include <invhost/pipeline/host_lock.hpp>
#include <invhost/pipeline/pipeline.hpp>
#include <invhost/run_history.hpp>
#include <invhost/source_identity.hpp>
#include <invhost/views/run_detail.hpp>
#include <optional>

#include "commands.hpp"
#include "inventory_commands.hpp"
#include "license_change_view.hpp"
#include "list_output.hpp"
#include "metrics_textfile.hpp"
#include "output_table.hpp"
#include "progress_printer.hpp"

namespace invhost::cli {
namespace {

void run_one(cli_context& ctx, const std::string& id, bool stage_only, bool override_guard,
             bool wait) {
  ctx.connector(id);  // an unknown id is a cli_error with a suggestion
  install_cancel_signals();
  pipeline::single_run_options options;
  options.stage_only = stage_only;
  options.override_guard = override_guard;
  options.wait = wait;
  options.cancel = &cancel_requested();
  options.watch = progress_observer(ctx.log_format_option == "json");
  auto h = ctx.pipeline_host();
  pipeline::single_run_result result;
  try {
    result = pipeline::run_connection(h, id, options);
  } catch (const pipeline::refused& e) {
    throw cli_error(e.what(), e.hint());
  } catch (const pipeline::host_busy& e) {
    throw cli_error(e.what(), "wait for it, or pass --wait", exit_busy);
  }
  const run_result& r = result.run;

  std::string out = fmt::format("run {}: connector '{}': {}\n", r.run_id, id, r.outcome);
  for (const auto& s : r.streams)
    out += fmt::format("  {:<16} {:>9} records  {:>6} pages  {}{}\n", s.kind, s.records, s.pages,
                       s.completeness, s.reason.empty() ? "" : " (" + s.reason + ")");
  out += fmt::format("  duration {:.3f} s (staging {:.3f} s, fetch+parse+map {:.3f} s)\n",
                     static_cast<double>(r.duration.count()) / 1000.0,
                     static_cast<double>(r.staging_time.count()) / 1000.0,
                     static_cast<double>(r.source_time.count()) / 1000.0);
  print(out);
  if (!r.error_class.empty()) {
    const std::string http = r.http_status != 0 ? fmt::format(" (HTTP {})", r.http_status) : "";
    print_error(fmt::format("invhost: error: run {} {}: {}{}: {}\n", r.run_id, r.outcome,
                            r.error_class, http, r.error_message));
  }
  if (r.outcome == "staged")
    ctx.exit_code = exit_ok;
  else if (r.outcome == "incomplete")
    ctx.exit_code = exit_incomplete;
  else
    ctx.exit_code = exit_failure;
  if (result.merge) ctx.exit_code = report_merge(r.run_id, *result.merge);
  write_metrics_if_configured(ctx);
}

struct runs_options {
  std::string connection;
  int limit = 20;
  std::string format = "table";
};

// "supersession of legacy by fsm: in force, 5 retired", one clause per recorded change.
std::string supersession_text(const run_record& r) {
  std::string out;
  for (const auto& e : r.supersession)
    out += fmt::format("; supersession of {} by {}: {}, {} licenses{}", e.superseded_connection,
                       e.by_connection, e.event, e.licenses,
                       e.reason.empty() ? "" : " (" + e.reason + ")");
  return out;
}

// The whole run for a person: nothing shortened, one fact per line.
std::string run_text(const views::run_detail& d) {
  const run_record& r = d.run;
  std::string out = fmt::format("run {}: connection {} (adapter {} {})\n", r.id, r.connection,
                                r.adapter, r.adapter_version);
  out += fmt::format(
      "  started    {}\n  finished   {}\n  outcome    {}\n  requests   {} ({} retried, "
      "{} throttled)\n",
      r.started_at, r.finished_at.empty() ? "-" : r.finished_at, r.outcome, r.requests, r.retries,
      r.throttled);
  if (!r.error_class.empty())
    out += fmt::format("  error      {}{}: {}\n", r.error_class,
                       r.http_status != 0 ? fmt::format(" (HTTP {})", r.http_status) : "",
                       r.error_message);
  out += "  streams\n";
  for (const auto& s : r.streams)
    out += fmt::format("    {:<16} {:>9} records {:>6} pages  {}{}\n", s.kind, s.records, s.pages,
                       s.completeness, s.reason.empty() ? "" : " (" + s.reason + ")");
  out += fmt::format("  merge      {}{}\n", r.merge_status.empty() ? "-" : r.merge_status,
                     r.merge_reason.empty() ? "" : ": " + r.merge_reason);
  if (const std::string counts = views::merge_counts_text(d); !counts.empty())
    out += fmt::format("  licenses   {}\n", counts);
  for (const auto& e : r.supersession)
    out += fmt::format("  supersession of {} by {}: {}, {} licenses{}\n", e.superseded_connection,
                       e.by_connection, e.event, e.licenses,
                       e.reason.empty() ? "" : " (" + e.reason + ")");
  return out;
}

void list(cli_context& ctx, const runs_options& o) {
  const auto runs = list_runs(
      ctx.db(), o.connection.empty() ? std::nullopt : std::optional(o.connection), o.limit);
  if (o.format == "json") {
    boost::json::array arr;
    // One element per run, the same shape as `runs show RUN --format json`.
    for (const auto& r : runs)
      arr.push_back(views::run_detail_json(views::run_detail_of(ctx.db().sql(), r)));
    print_exact(boost::json::serialize(arr) + "\n");
    return;
  }
  boost::json::array rows;
  for (const auto& r : runs) {
    int64_t records = 0;
    for (const auto& s : r.streams) records += s.records;
    std::string merge = r.merge_status.empty()   ? "-"
                        : r.merge_reason.empty() ? r.merge_status
                                                 : r.merge_status + ": " + r.merge_reason;
    merge += supersession_text(r);
    rows.push_back(
        {{"id", r.id},
         {"connection", r.connection},
         {"started_at", r.started_at},
         {"outcome", r.outcome},
         {"records", records},
         {"merge", merge},
         {"error", r.error_class.empty() ? "" : r.error_class + ": " + r.error_message}});
  }
  print_rows(o.format,
             {{"id", "RUN"},
              {"connection", "CONNECTOR"},
              {"started_at", "STARTED"},
              {"outcome", "OUTCOME"},
              {"records", "RECORDS"},
              {"merge", "MERGE"},
              {"error", "ERROR"}},
             rows);
}

}  // namespace

void register_run_commands(CLI::App& app, cli_context& ctx) {
  auto id = std::make_shared<std::string>();
  auto* run = app.add_subcommand("run", "Import one connector into staging and record the run");
  run->add_option("id", *id, "Connector id")->required();
  auto flags = std::make_shared<std::array<bool, 3>>();
  run->add_flag("--stage-only", (*flags)[0], "Stage only; do not merge into the inventory");
  run->add_flag("--override-guard", (*flags)[1], "Merge even when the guard would hold the run");
  run->add_flag("--wait", (*flags)[2], "Wait for another run holding the host lock");
  run->callback(
      ctx.command([&ctx, id, flags] { run_one(ctx, *id, (*flags)[0], (*flags)[1], (*flags)[2]); }));

  auto o = std::make_shared<runs_options>();
  auto* runs = app.add_subcommand("runs", "Run history, newest first");
  runs->add_option("--connection", o->connection, "Only this connector's runs");
  runs->add_option("--limit", o->limit, "At most N runs (default 20)")->check(CLI::Range(1, 10000));
  add_list_format_option(runs, o->format);
  runs->callback(ctx.command([&ctx, o, runs] {
    if (runs->get_subcommands().empty()) list(ctx, *o);
  }));

  struct show_options {
    int64_t run_id = 0;
    std::string format = "table";
  };
  auto so = std::make_shared<show_options>();
  auto* show = runs->add_subcommand("show", "One run whole: streams, merge, supersession, error");
  show->add_option("run", so->run_id, "Run id")->required();
  show->add_option("--format", so->format, "table | json")->check(CLI::IsMember({"table", "json"}));
  show->callback(ctx.command([&ctx, so] {
    const auto d = views::find_run_detail(ctx.db(), so->run_id);
    if (!d)
      throw cli_error(fmt::format("no run {}", so->run_id), "see `invhost runs` for the run ids");
    if (so->format == "json") {
      print_exact(boost::json::serialize(views::run_detail_json(*d)) + "\n");
    } else {
      print(run_text(*d) + (d->license_changes.empty() ? "" : "  licenses\n") +
            license_changes_text(d->license_changes, "    "));
    }
  }));
}

}  // namespace invhost::cli
