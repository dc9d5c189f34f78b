// One run from settings to staged rows, recorded in runs/run_streams.
#include <invhost/adapter_loader.hpp>
#include <invhost/adapter_settings.hpp>
#include <invhost/host_log.hpp>
#include <invhost/import_run.hpp>
#include <invhost/secrets.hpp>
#include <invhost/staging_sink.hpp>

#include <invsdk/adapter_base.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace invhost {
namespace {

// What the adapter's host services point at during one open connection.
struct service_context {
  std::string connector;
  const run_options* options = nullptr;
  uint64_t requests = 0;
};

log_level from_adapter(invsdk_log_level l) {
  switch (l) {
    case INVSDK_LOG_DEBUG: return log_level::debug;
    case INVSDK_LOG_INFO: return log_level::info;
    case INVSDK_LOG_WARN: return log_level::warn;
    default: return log_level::error;
  }
}

void svc_log(void* h, invsdk_log_level level, invsdk_str message) {
  const auto* ctx = static_cast<const service_context*>(h);
  std::string_view text = invsdk::from_c(message);
  if (text.size() > 4096) text = text.substr(0, 4096);
  host_log(from_adapter(level), fmt::format("[{}] {}", ctx->connector, text));  // host_log redacts
}

void svc_progress(void* h, const invsdk_progress* p) {
  auto* ctx = static_cast<service_context*>(h);
  if (p == nullptr) return;
  const auto progress = invsdk::read_sized<invsdk_progress>(p, std::max<uint32_t>(p->struct_size, 4));
  ctx->requests = std::max(ctx->requests, progress.requests_done);
  try {
    if (ctx->options->on_progress) ctx->options->on_progress(progress);
  } catch (...) {  // a display problem must not fail the import
  }
}

int32_t svc_cancelled(void* h) {
  const auto* ctx = static_cast<const service_context*>(h);
  return ctx->options->cancel_flag != nullptr && ctx->options->cancel_flag->load() ? 1 : 0;
}

invsdk_host_services make_services(service_context& ctx) {
  invsdk_host_services s{};
  s.struct_size = sizeof s;
  s.host_data = &ctx;
  s.log = &svc_log;
  s.progress = &svc_progress;
  s.is_cancelled = &svc_cancelled;
  return s;
}

struct failure {
  std::string error_class;
  std::string message;
  int http = 0;
};

// The adapter a connector names, loaded; or the failure that stops it.
std::shared_ptr<const loaded_adapter> load_for(const connector_entry& c, const manifest_catalog& catalog,
                                               failure& f) {
  const manifest* m = catalog.find(c.adapter);
  if (m == nullptr) {
    f = {"load", fmt::format("adapter '{}' of connector '{}' was not found; see 'invhost adapters list'", c.adapter, c.id)};
    return nullptr;
  }
  try {
    return load_adapter(*m);
  } catch (const load_error& e) {
    f = {"load", e.what()};
  }
  return nullptr;
}

}  // namespace

run_result stage_connection(store& db, const connector_entry& connector,
                            const manifest_catalog& catalog, const run_options& options) {
  const auto started = std::chrono::steady_clock::now();
  const manifest* m = catalog.find(connector.adapter);
  run_result result;
  result.run_id = begin_run(db, connector.id, connector.adapter, m != nullptr ? m->version : "");
  host_log(log_level::info, fmt::format("run {} of connector '{}' started", result.run_id, connector.id));

  failure f;
  service_context ctx{connector.id, &options, 0};
  staging_sink sink(db, result.run_id, connector.id);
  bool imported = false;
  std::optional<std::chrono::steady_clock::time_point> import_started;
  try {
    auto adapter = load_for(connector, catalog, f);
    if (adapter) {
      const resolved_settings settings(connector, adapter->info());
      adapter->validate_config(settings.c_config());
      const invsdk_host_services services = make_services(ctx);
      adapter_connection conn = adapter->open(settings.c_config(), services);
      import_started = std::chrono::steady_clock::now();
      conn.import_data(*sink.c_sink());
      imported = true;
    }
  } catch (const adapter_error& e) {
    f = {std::string(e.status_name()), e.what(), e.http_status()};
  } catch (const settings_error& e) {
    f = {"invalid_config", e.what()};
  } catch (const secret_error& e) {
    f = {"invalid_config", e.what()};
  } catch (const std::exception& e) {
    f = {"internal", e.what()};
  }
  if (import_started) {
    // The import call's time is the sink's (database writes) plus the adapter's own (fetch,
    // parse, map, pacing and retry waits).
    const auto import_time = std::chrono::steady_clock::now() - *import_started;
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
  if (imported) result.outcome = incomplete ? "incomplete" : "staged";
  else result.outcome = f.error_class == "cancelled" ? "cancelled" : "failed";
  result.error_class = f.error_class;
  result.error_message = process_redactor().apply(f.message);
  result.http_status = f.http;

  for (invsdk_stream_kind k = 1; k <= INVSDK_STREAM_KIND_COUNT; ++k) {
    const auto& s = sink.status(k);
    if (s.state == staging_sink::stream_state::not_begun) continue;
    const char* state = s.state == staging_sink::stream_state::complete ? "complete" : "incomplete";
    result.streams.push_back({std::string(stream_kind_name(k)), static_cast<int64_t>(s.records),
                              static_cast<int64_t>(s.pages), state, process_redactor().apply(s.reason)});
  }
  try {
    finish_run(db, result.run_id, result.outcome, result.error_class, result.error_message, result.http_status,
               static_cast<int64_t>(ctx.requests));
    if (import_started)
      record_run_timing(db, result.run_id, result.staging_time.count(), result.source_time.count());
  } catch (const soci::soci_error& e) {
    host_log(log_level::error, fmt::format("run {}: cannot record its outcome: {}", result.run_id, e.get_error_message()));
  }
  result.duration = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  host_log(result.outcome == "staged" ? log_level::info : log_level::warn,
           fmt::format("run {} of connector '{}' ended {}{}{}", result.run_id, connector.id, result.outcome,
                       result.error_class.empty() ? "" : ": " + result.error_class + ": ", result.error_message));
  return result;
}

check_result check_connection(const connector_entry& connector, const manifest_catalog& catalog) {
  check_result r;
  failure f;
  run_options no_options;
  service_context ctx{connector.id, &no_options, 0};
  try {
    auto adapter = load_for(connector, catalog, f);
    if (adapter) {
      const resolved_settings settings(connector, adapter->info());
      adapter->validate_config(settings.c_config());
      const invsdk_host_services services = make_services(ctx);
      adapter_connection conn = adapter->open(settings.c_config(), services);
      r.summary = conn.check();
      r.ok = true;
      return r;
    }
  } catch (const adapter_error& e) {
    f = {std::string(e.status_name()), e.what(), e.http_status()};
  } catch (const settings_error& e) {
    f = {"invalid_config", e.what()};
  } catch (const secret_error& e) {
    f = {"invalid_config", e.what()};
  }
  r.error_class = f.error_class;
  r.error_message = process_redactor().apply(f.message);
  r.http_status = f.http;
  return r;
}

}  // namespace invhost
