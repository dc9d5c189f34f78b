#include <fmt/format.h>

#include <invhost/host_log.hpp>
#include <invhost/inventory/dates.hpp>
#include <invhost/pipeline/host_lock.hpp>
#include <invhost/pipeline/pipeline.hpp>
#include <invhost/source_identity.hpp>
#include <set>

namespace invhost::pipeline {

namespace {

// Connections a newer one supersedes: not imported unless a person keeps them. Only while the
// superseding connection is enabled: a supersession by one that is gone ends tonight.
std::map<std::string, inventory::supersession_state> superseded_tonight(host& h) {
  std::map<std::string, inventory::supersession_state> superseded;
  for (auto& st : inventory::list_supersessions(h.db.sql())) {
    const connector_entry* by = h.config.find(st.by_connection);
    if (st.state == "in force" && by != nullptr && by->enabled)
      superseded.emplace(st.superseded_connection, std::move(st));
  }
  return superseded;
}

// Imports and merges one connection; records in `result` whether the night failed or is partial.
connection_outcome import_connection(host& h, const connector_entry& c,
                                     const nightly_options& options, nightly_result& result) {
  connection_outcome s;
  s.id = c.id;
  if (options.watch.connection_started) options.watch.connection_started(c);
  run_options run;
  run.cancel_flag = options.cancel;
  run.limits = limits_for(h.config, c);
  run.on_progress = options.watch.progress;
  try {
    const run_result r = stage_connection(h.db, c, h.catalog, run);
    if (options.watch.connection_staged) {
      const log_scope run_scope(c.id, r.run_id);  // the closing lines name the run too
      options.watch.connection_staged(c, r.run_id);
    }
    s.run_id = r.run_id;
    s.outcome = r.outcome;
    for (const auto& st : r.streams) s.records[st.kind] = st.records;
    if (!r.error_class.empty()) s.error = r.error_class + ": " + r.error_message;
    if (r.outcome == "staged") {
      const auto m = inventory::merge_run(h.db.sql(), r.run_id, {});
      s.merge = describe(m);
      s.retired = m.licenses_retired;
      s.held = m.status == inventory::merge_status::held;
      if (s.held)
        result.partial = true;
      else if (m.status != inventory::merge_status::merged)
        result.failed = true;
    } else {
      // An incomplete, failed or cancelled run merges nothing: the inventory stays as it was.
      s.merge = "not merged (run " + r.outcome + ")";
      (r.outcome == "incomplete" ? result.partial : result.failed) = true;
    }
  } catch (const std::exception& e) {
    if (options.watch.connection_staged && s.run_id == 0) options.watch.connection_staged(c, 0);
    if (s.run_id != 0) s.merge = "failed (recorded on the run)";
    s.outcome = "failed";
    s.error = e.what();
    result.failed = true;
  }
  return s;
}

}  // namespace

nightly_result run_nightly(host& h, const nightly_options& options) {
  nightly_result result;
  result.as_of = options.as_of.empty() ? inventory::today_utc() : options.as_of;
  if (!inventory::is_valid_date(result.as_of))
    throw refused(fmt::format("--as-of '{}' is not a date", result.as_of), "use YYYY-MM-DD");
  auto lock = take_host_lock(h, "nightly", options.wait);
  const auto superseded = superseded_tonight(h);
  for (const connector_entry& c : h.config.connectors) {
    if (!c.enabled) continue;
    const log_scope scope(c.id);
    connection_outcome s;
    s.id = c.id;
    if (const auto it = superseded.find(c.id); it != superseded.end() && !c.keep_when_superseded) {
      s.outcome = "skipped";
      s.merge = fmt::format(
          "superseded by {} since {}; 'invhost connectors keep {}' imports it "
          "anyway",
          it->second.by_connection, it->second.since, c.id);
    } else if (const auto problem = same_source_problem(h.config, h.catalog, c); !problem.empty()) {
      // A second connection to one source, written into invhost.toml by hand: the first one
      // imports, this one does not, and the night fails so that a person looks.
      s.outcome = "refused";
      s.merge = "not imported";
      s.error = problem;
      result.failed = true;
    } else {
      s = import_connection(h, c, options, result);
    }
    if (s.outcome == "skipped" || s.outcome == "refused")
      host_stderr(
          fmt::format("{}: not imported: {}\n", s.id, s.outcome == "skipped" ? s.merge : s.error));
    else
      host_stderr(fmt::format("{}: run {} {}; {}\n", s.id, s.run_id, s.outcome, s.merge));
    result.connections.push_back(std::move(s));
    if (options.cancel != nullptr && options.cancel->load()) break;
  }

  auto& sql = h.db.sql();
  // Supersession by a connection that is disabled or gone ends before the positions are
  // computed, so the returned licenses count tonight.
  std::set<std::string> superseding;
  for (const connector_entry& c : h.config.connectors) {
    const manifest* m = h.catalog.find(c.adapter);
    if (c.enabled && m != nullptr && !m->supersedes.empty()) superseding.insert(c.id);
  }
  result.supersession = inventory::end_supersessions_except(sql, superseding);
  // One reconciliation per night. Supersession needs its successor's import reconciled, so it
  // is decided after; it changes statuses only, which are restated in that reconciliation.
  result.reconciliation = inventory::reconcile(sql, result.as_of, people_rules_of(h.config));
  const std::set<std::string> overrides(options.override_supersession.begin(),
                                        options.override_supersession.end());
  bool statuses_changed = false;
  for (const connector_entry& c : h.config.connectors) {
    if (!superseding.contains(c.id)) continue;
    std::optional<std::int64_t> run_id;
    for (const auto& s : result.connections)
      if (s.id == c.id && s.run_id != 0) run_id = s.run_id;
    for (auto& change : inventory::decide_supersessions(
             sql, c.id, h.catalog.find(c.adapter)->supersedes, overrides, run_id)) {
      if (change.event == inventory::supersession_event::held)
        result.partial = true;
      else
        statuses_changed = true;
      result.supersession.push_back(std::move(change));
    }
  }
  if (statuses_changed)
    inventory::restate_license_statuses(sql, result.reconciliation.reconciliation_id);
  return result;
}

}  // namespace invhost::pipeline
