// One run from settings to staged rows, recorded in runs/run_streams.
#include <fmt/format.h>

#include <algorithm>
#include <invhost/adapter_settings.hpp>
#include <invhost/host_log.hpp>
#include <invhost/import_run.hpp>
#include <invhost/secrets.hpp>
#include <invhost/staging_sink.hpp>
#include <invsdk/adapter_base.hpp>
#include <invsdk/record_kinds.hpp>
#include <optional>

#include "runner/adapter_runner.hpp"

namespace invhost {
namespace {

log_level from_adapter(invsdk_log_level l) {
  switch (l) {
    case INVSDK_LOG_DEBUG:
      return log_level::debug;
    case INVSDK_LOG_INFO:
      return log_level::info;
    case INVSDK_LOG_WARN:
      return log_level::warn;
    default:
      return log_level::error;
  }
}

struct failure {
  std::string error_class;
  std::string message;
  int http = 0;
};

// The host's side of one connection's services, fed by the child's frames.
struct service_context {
  std::string connector;
  const run_options* options = nullptr;
  uint64_t requests = 0;
  uint64_t retries = 0;
  uint64_t throttled = 0;

  runner::host_side host_side(const invsdk_sink* sink) {
    runner::host_side h;
    h.log = [this](invsdk_log_level level, std::string_view text) {
      if (text.size() > 4096) text = text.substr(0, 4096);
      host_log(from_adapter(level), fmt::format("[{}] {}", connector, text));  // host_log redacts
    };
    h.progress = [this](const invsdk_progress& p) {
      requests = std::max(requests, p.requests_done);
      retries = std::max(retries, p.retries_done);
      throttled = std::max(throttled, p.throttled_done);
      try {
        if (options->on_progress) options->on_progress(p);
      } catch (...) {  // a display problem must not fail the import
      }
    };
    h.sink = sink;
    h.cancel_flag = options->cancel_flag;
    return h;
  }
};

// Resolves the settings here (the secrets' values stay registered with this process's redactor)
// and runs the adapter's calls in a child process. Fills f on failure.
std::optional<runner::child_result> run_isolated(const connector_entry& c,
                                                 const manifest_catalog& catalog,
                                                 runner::action what, const runner::host_side& host,
                                                 const isolation_limits& limits, failure& f) {
  const manifest* m = catalog.find(c.adapter);
  if (m == nullptr) {
    f = {"load",
         fmt::format("adapter '{}' of connector '{}' was not found; see 'invhost adapters list'",
                     c.adapter, c.id)};
    return std::nullopt;
  }
  try {
    const resolved_settings settings(c, *m);
    runner::child_job job{m, &settings.c_config(), what, limits};
    runner::child_result r = runner::run_in_child(job, host);
    if (!r.error_class.empty()) f = {r.error_class, r.message, r.http_status};
    return r;
  } catch (const settings_error& e) {
    f = {"invalid_config", e.what()};
  } catch (const secret_error& e) {
    f = {"invalid_config", e.what()};
  } catch (const std::exception& e) {
    f = {"internal", e.what()};
  }
  return std::nullopt;
}

}  // namespace

isolation_limits limits_for(const host_config& config, const connector_entry& connector) {
  isolation_limits l;
  l.wall_clock = std::chrono::seconds(
      connector.import_timeout_seconds.value_or(config.import_timeout_seconds));
  l.memory_mib = static_cast<uint64_t>(config.adapter_memory_mib);
  return l;
}

run_result stage_connection(store& db, const connector_entry& connector,
                            const manifest_catalog& catalog, const run_options& options) {
  const auto started = std::chrono::steady_clock::now();
  const manifest* m = catalog.find(connector.adapter);
  run_result result;
  result.run_id = begin_run(db, connector.id, connector.adapter, m != nullptr ? m->version : "");
  const log_scope scope(connector.id, result.run_id);
  host_log(log_level::info,
           fmt::format("run {} of connector '{}' started", result.run_id, connector.id));

  failure f;
  service_context ctx{connector.id, &options, 0};
  staging_sink sink(db, result.run_id, connector.id);
  const auto child = run_isolated(connector, catalog, runner::action::import,
                                  ctx.host_side(sink.c_sink()), options.limits, f);
  bool imported = child && f.error_class.empty();
  if (child && child->import_started) {
    // The import call's time is the sink's (database writes) plus the adapter's own (fetch,
    // parse, map, pacing and retry waits, in the child).
    const auto import_time = child->ended - *child->import_started;
    result.staging_time = std::chrono::duration_cast<std::chrono::milliseconds>(sink.busy_time());
    result.source_time =
        std::chrono::duration_cast<std::chrono::milliseconds>(import_time - sink.busy_time());
  }
  sink.finish_open_streams();
  if (!sink.db_failure().empty() && f.error_class != "io") {
    // The adapter swallowed the sink's refusal: the database still decides the run failed.
    f = {"io", "database: " + sink.db_failure()};
    imported = false;
  }

  bool incomplete = false;
  for (invsdk_stream_kind k = 1; k <= INVSDK_STREAM_KIND_COUNT; ++k)
    incomplete = incomplete || sink.status(k).state == staging_sink::stream_state::incomplete;
  if (imported)
    result.outcome = incomplete ? "incomplete" : "staged";
  else
    result.outcome = f.error_class == "cancelled" ? "cancelled" : "failed";
  result.error_class = f.error_class;
  result.error_message = process_redactor().apply(f.message);
  result.http_status = f.http;

  for (invsdk_stream_kind k = 1; k <= INVSDK_STREAM_KIND_COUNT; ++k) {
    const auto& s = sink.status(k);
    if (s.state == staging_sink::stream_state::not_begun) continue;
    const char* state = s.state == staging_sink::stream_state::complete ? "complete" : "incomplete";
    result.streams.push_back({std::string(invsdk::stream_name(k)), static_cast<int64_t>(s.records),
                              static_cast<int64_t>(s.pages), state,
                              process_redactor().apply(s.reason)});
  }
  try {
    finish_run(db, result.run_id, result.outcome, result.error_class, result.error_message,
               result.http_status, static_cast<int64_t>(ctx.requests));
    if (child && child->import_started) {
      record_run_timing(db, result.run_id, result.staging_time.count(), result.source_time.count());
      record_run_retries(db, result.run_id, static_cast<int64_t>(ctx.retries),
                         static_cast<int64_t>(ctx.throttled));
    }
  } catch (const soci::soci_error& e) {
    host_log(log_level::error, fmt::format("run {}: cannot record its outcome: {}", result.run_id,
                                           e.get_error_message()));
  }
  result.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  host_log(result.outcome == "staged" ? log_level::info : log_level::warn,
           fmt::format("run {} of connector '{}' ended {}{}{}", result.run_id, connector.id,
                       result.outcome,
                       result.error_class.empty() ? "" : ": " + result.error_class + ": ",
                       result.error_message));
  return result;
}

check_result check_connection(const connector_entry& connector, const manifest_catalog& catalog,
                              const isolation_limits& limits) {
  check_result r;
  failure f;
  run_options no_options;
  service_context ctx{connector.id, &no_options, 0};
  const auto child =
      run_isolated(connector, catalog, runner::action::check, ctx.host_side(nullptr), limits, f);
  if (child && f.error_class.empty()) {
    r.ok = true;
    r.summary = process_redactor().apply(child->summary);
    return r;
  }
  r.error_class = f.error_class;
  r.error_message = process_redactor().apply(f.message);
  r.http_status = f.http;
  return r;
}

}  // namespace invhost
