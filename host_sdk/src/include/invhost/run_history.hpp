// The runs and run_streams tables: one row per run, one per stream of a run.
#ifndef INVHOST_RUN_HISTORY_HPP
#define INVHOST_RUN_HISTORY_HPP

#include <cstdint>
#include <invhost/store.hpp>
#include <invhost/utc_time.hpp>
#include <optional>
#include <string>
#include <vector>

namespace invhost {

struct stream_record {
  std::string kind;  // applications | licenses | entitlements | accessing_users | consumption
  int64_t records = 0;
  int64_t pages = 0;
  std::string completeness;  // open | complete | incomplete
  std::string reason;
};

// A supersession change recorded on a run (the superseding connection's run that decided it, or
// the superseded connection's run whose licenses were retired on arrival).
struct run_supersession {
  std::string superseded_connection;
  std::string by_connection;
  std::string event;  // in force | held | retired on arrival
  int64_t licenses = 0;
  std::string reason;
};

struct run_record {
  int64_t id = 0;
  std::string connection;
  std::string adapter;
  std::string adapter_version;
  std::string started_at;
  std::string finished_at;  // empty while running
  std::string outcome;      // running | staged | incomplete | failed | cancelled
  std::string error_class;  // status name, empty when none
  std::string error_message;
  int http_status = 0;
  int64_t requests = 0;
  int64_t retries = 0;       // requests sent again (0 when the adapter does not report them)
  int64_t throttled = 0;     // answers that asked to slow down (HTTP 429)
  std::string merge_status;  // merged | held | skipped; empty when no merge was tried
  std::string merge_reason;  // why held or skipped
  std::vector<stream_record> streams;
  std::vector<run_supersession> supersession;
};

// Inserts a run with outcome "running" and returns its id.
int64_t begin_run(store& db, const std::string& connection, const std::string& adapter,
                  const std::string& adapter_version);

// Records how a run ended. Texts must already be redacted.
void finish_run(store& db, int64_t run_id, const std::string& outcome,
                const std::string& error_class, const std::string& error_message, int http_status,
                int64_t requests);

// Records where an import's time went (runs.staging_ms, runs.source_ms).
void record_run_timing(store& db, int64_t run_id, int64_t staging_ms, int64_t source_ms);

// Records what the run's requests met (runs.retries, runs.throttled).
void record_run_retries(store& db, int64_t run_id, int64_t retries, int64_t throttled);

// Marks every run still `running` as failed with class "abandoned": called by the holder of the
// host lock, when no process of this host can be running one, so such a run's process died.
// Returns how many.
int64_t abandon_running_runs(store& db);

// Runs newest first, optionally of one connection, at most limit (1..10000), with their streams.
std::vector<run_record> list_runs(store& db, const std::optional<std::string>& connection,
                                  int limit);

// The run with this id, if there is one.
std::optional<run_record> find_run(store& db, int64_t run_id);

// The newest run of a connection, if any.
std::optional<run_record> last_run(store& db, const std::string& connection);

}  // namespace invhost

#endif
