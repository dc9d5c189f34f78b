#include <fmt/format.h>

#include <invhost/host_log.hpp>
#include <invhost/pipeline/host_lock.hpp>
#include <invhost/pipeline/pipeline.hpp>
#include <invhost/source_identity.hpp>

namespace invhost::pipeline {

single_run_result run_connection(host& h, const std::string& connection_id,
                                 const single_run_options& options) {
  const connector_entry* c = h.config.find(connection_id);
  if (c == nullptr)
    throw refused(fmt::format("no connector '{}'", connection_id),
                  "see `invhost connectors list` for the connector ids");
  if (!c->enabled)
    throw refused(fmt::format("connector '{}' is disabled", connection_id),
                  fmt::format("invhost connectors enable {}", connection_id));
  // A second connection to one source, written into invhost.toml by hand.
  if (const auto problem = same_source_problem(h.config, h.catalog, *c); !problem.empty())
    throw refused(problem, "keep one connection per source: remove or disable one of them");
  auto lock = take_host_lock(h, "run " + connection_id, options.wait);
  const log_scope scope(c->id);
  if (options.watch.connection_started) options.watch.connection_started(*c);
  run_options run;
  run.cancel_flag = options.cancel;
  run.limits = limits_for(h.config, *c);
  run.on_progress = options.watch.progress;
  single_run_result result;
  result.run = stage_connection(h.db, *c, h.catalog, run);
  if (options.watch.connection_staged) {
    const log_scope run_scope(c->id, result.run.run_id);  // the closing lines name the run too
    options.watch.connection_staged(*c, result.run.run_id);
  }
  if (result.run.outcome == "staged" && !options.stage_only) {
    inventory::merge_options merge;
    merge.override_guard = options.override_guard;
    result.merge = inventory::merge_run(h.db.sql(), result.run.run_id, merge);
  }
  return result;
}

inventory::merge_result apply_run(host& h, std::int64_t run_id, bool override_guard, bool wait) {
  auto lock = take_host_lock(h, "runs apply", wait);
  inventory::merge_options merge;
  merge.override_guard = override_guard;
  return inventory::merge_run(h.db.sql(), run_id, merge);
}

}  // namespace invhost::pipeline
