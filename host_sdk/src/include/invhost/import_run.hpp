// One run: stage everything a connection's adapter imports, and record the run.
#ifndef INVHOST_IMPORT_RUN_HPP
#define INVHOST_IMPORT_RUN_HPP

#include <invsdk/adapter.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <invhost/host_config.hpp>
#include <invhost/isolation_limits.hpp>
#include <invhost/manifest.hpp>
#include <invhost/run_history.hpp>
#include <invhost/store.hpp>
#include <string>
#include <vector>

namespace invhost {

struct run_options {
  // Called on the importing thread for each progress report of the adapter.
  std::function<void(const invsdk_progress&)> on_progress;
  // When it reads true the adapter is asked to stop; nullptr = never.
  const std::atomic<bool>* cancel_flag = nullptr;
  // The bounds of the adapter's child process (limits_for gives the configured ones).
  isolation_limits limits;
};

// The configured bounds of a connector's adapter process: its own import_timeout_seconds, else
// the host's; the host's adapter_memory_mib.
isolation_limits limits_for(const host_config& config, const connector_entry& connector);

struct run_result {
  int64_t run_id = 0;   // 0 when the run could not even be recorded
  std::string outcome;  // staged | incomplete | failed | cancelled
  std::vector<stream_record> streams;
  std::string error_class;    // status name ("unauthenticated", "invalid_config"...), or empty
  std::string error_message;  // redacted
  int http_status = 0;
  std::chrono::milliseconds duration{0};
  // Of the adapter's import call: time inside the staging sink (database writes), and the rest
  // (fetch, parse, map, pacing). Both zero when the import was never called.
  std::chrono::milliseconds staging_time{0};
  std::chrono::milliseconds source_time{0};
};

// resolve secrets → (in a child process:) load adapter → validate_config → open → import_data →
// close, staging into db and recording a runs row and its run_streams. Never throws for adapter,
// secret or load failures: they become outcome "failed" with error_class and a redacted message;
// an adapter that crashes, aborts, runs out of memory or breaks the protocol fails the run as
// "adapter crashed", one that overruns its time as "adapter timed out". Throws only when the
// database cannot record the run at all.
run_result stage_connection(store& db, const connector_entry& connector,
                            const manifest_catalog& catalog, const run_options& options = {});

struct check_result {
  bool ok = false;
  std::string summary;      // the adapter's summary when ok
  std::string error_class;  // status name when not ok ("load" for a refused adapter)
  std::string error_message;
  int http_status = 0;
};

// validate_config, then open + check, in a child process. Nothing is written to the database.
check_result check_connection(const connector_entry& connector, const manifest_catalog& catalog,
                              const isolation_limits& limits = {});

}  // namespace invhost

#endif
