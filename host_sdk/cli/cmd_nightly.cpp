// invhost nightly [--as-of DATE], invhost runs apply RUN_ID [--override], and the host lock and
// merge step that `invhost run` shares.
#include <invhost/cancellation.hpp>
#include <invhost/import_run.hpp>
#include <invhost/inventory/dates.hpp>
#include <invhost/inventory/reconcile.hpp>
#include <invhost/inventory/supersession.hpp>

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <map>

#include "inventory_commands.hpp"

namespace invhost::cli {

inventory::run_lock hold_host_lock(cli_context& ctx, const std::string& purpose, bool wait) {
  const auto file = ctx.home() / "invhost.lock";
  if (wait) return inventory::run_lock::acquire_waiting(file, purpose);
  auto lock = inventory::run_lock::try_acquire(file, purpose);
  if (!lock)
    throw cli_error(fmt::format("another invhost holds the host lock: {}",
                                inventory::run_lock::holder(file)),
                    "wait for it, or pass --wait");
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
    std::fputs(fmt::format("invhost: run {} held: nothing merged. Check the source, then "
                           "`invhost runs apply {} --override` to apply it.\n",
                           run_id, run_id)
                   .c_str(),
               stderr);
  return m.status == inventory::merge_status::merged ? exit_ok : exit_failure;
}

namespace {

// One updating line on a terminal, plain lines otherwise.
class progress_printer {
 public:
  explicit progress_printer(std::string connection)
      : connection_(std::move(connection)), tty_(isatty(STDERR_FILENO) != 0),
        start_(std::chrono::steady_clock::now()) {}

  void operator()(const invsdk_progress& p) {
    static const char* names[] = {"?", "applications", "licenses", "entitlements",
                                  "accessing_users", "consumption"};
    const char* stream = p.stream >= 1 && p.stream <= 5 ? names[p.stream] : names[0];
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(p.records_done) / seconds : 0.0;
    const std::string line =
        fmt::format("{}: {} pages {} records {} ({:.0f} records/s)", connection_, stream,
                    p.pages_done, p.records_done, rate);
    if (tty_) {
      std::fputs(("\r\x1b[K" + line).c_str(), stderr);
      dirty_ = true;
    } else if (p.stream != last_stream_ || p.pages_done >= last_pages_ + 50) {
      std::fputs((line + "\n").c_str(), stderr);
      last_pages_ = p.pages_done;
    }
    last_stream_ = p.stream;
  }

  void finish() {
    if (dirty_) std::fputs("\r\x1b[K", stderr);
  }

 private:
  std::string connection_;
  bool tty_;
  std::chrono::steady_clock::time_point start_;
  invsdk_stream_kind last_stream_ = 0;
  std::uint64_t last_pages_ = 0;
  bool dirty_ = false;
};

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

int nightly(cli_context& ctx, const std::string& as_of_option, bool wait) {
  const std::string day = as_of_option.empty() ? inventory::today_utc() : as_of_option;
  if (!inventory::is_valid_date(day))
    throw cli_error(fmt::format("--as-of '{}' is not a date", day), "use YYYY-MM-DD");
  auto lock = hold_host_lock(ctx, "nightly", wait);
  install_cancel_signals();
  std::vector<connection_summary> summaries;
  bool failed = false;
  for (const connector_entry& c : ctx.config().connectors) {
    if (!c.enabled) continue;
    connection_summary s;
    s.id = c.id;
    progress_printer progress(c.id);
    run_options options;
    options.cancel_flag = &cancel_requested();
    options.limits = limits_for(ctx.config(), c);
    options.on_progress = [&progress](const invsdk_progress& p) { progress(p); };
    try {
      const run_result r = stage_connection(ctx.db(), c, ctx.catalog(), options);
      progress.finish();
      s.run_id = r.run_id;
      s.outcome = r.outcome;
      for (const auto& st : r.streams) s.records[st.kind] = st.records;
      if (!r.error_class.empty()) s.error = r.error_class + ": " + r.error_message;
      if (r.outcome == "staged") {
        const auto m = merge_quietly(ctx, r.run_id, false);
        s.merge = describe(m);
        s.retired = m.licenses_retired;
        s.held = m.status == inventory::merge_status::held;
        if (m.status != inventory::merge_status::merged) failed = true;
      } else {
        // An incomplete, failed or cancelled run merges nothing: the inventory stays as it was.
        s.merge = "not merged (run " + r.outcome + ")";
        failed = true;
      }
    } catch (const std::exception& e) {
      progress.finish();
      s.outcome = "failed";
      s.error = e.what();
      failed = true;
    }
    std::fputs(fmt::format("{}: run {} {}; {}\n", s.id, s.run_id, s.outcome, s.merge).c_str(),
               stderr);
    summaries.push_back(std::move(s));
    if (cancel_requested().load()) break;
  }

  auto& sql = ctx.db().sql();
  const auto rec = inventory::reconcile(sql, day);
  // Retirement of superseded adapters, once their successor has been merged and reconciled.
  std::int64_t superseding = 0;
  for (const connector_entry& c : ctx.config().connectors) {
    if (!c.enabled) continue;
    const manifest* m = ctx.catalog().find(c.adapter);
    if (m == nullptr || m->supersedes.empty()) continue;
    if (inventory::activate_supersession(sql, c.id, m->supersedes)) ++superseding;
  }
  // Retiring may have changed statuses: the positions must show it.
  const auto final_rec = superseding > 0 ? inventory::reconcile(sql, day) : rec;

  std::string out = fmt::format("nightly as of {}: reconciliation {} ({} licenses, {} active "
                                "non-compliant)\n",
                                day, final_rec.reconciliation_id, final_rec.licenses,
                                final_rec.non_compliant);
  for (const auto& s : summaries) {
    out += fmt::format("  {:<20} run {:<6} {}\n", s.id, s.run_id, s.outcome);
    std::string streams;
    for (const auto& [kind, n] : s.records) streams += fmt::format(" {}={}", kind, n);
    if (!streams.empty()) out += "      records:" + streams + "\n";
    out += fmt::format("      merge: {}; retired {}{}\n", s.merge.empty() ? "-" : s.merge,
                       s.retired, s.held ? "; HELD" : "");
    if (!s.error.empty()) out += "      error: " + s.error + "\n";
  }
  print(out);
  return failed ? exit_failure : exit_ok;
}

}  // namespace

void register_nightly_commands(CLI::App& app, cli_context& ctx) {
  struct options {
    std::string as_of;
    bool wait = false;
  };
  auto o = std::make_shared<options>();
  auto* cmd = app.add_subcommand(
      "nightly", "Import every enabled connection, merge, reconcile, retire superseded adapters");
  cmd->add_option("--as-of", o->as_of, "Reconciliation date YYYY-MM-DD (UTC); default today");
  cmd->add_flag("--wait", o->wait, "Wait for another run holding the host lock");
  cmd->callback(ctx.command([&ctx, o] { ctx.exit_code = nightly(ctx, o->as_of, o->wait); }));

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
