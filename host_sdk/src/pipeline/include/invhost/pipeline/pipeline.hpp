// The nightly cycle and its single-connection and apply forms, each taking the host lock itself.
// Callers render the results (the CLI as text, the console as pages); nothing here prints the
// outcome, so the CLI, the console and the timer show the same facts.
#ifndef INVHOST_PIPELINE_PIPELINE_HPP
#define INVHOST_PIPELINE_PIPELINE_HPP

#include <atomic>
#include <cstdint>
#include <functional>
#include <invhost/import_run.hpp>
#include <invhost/inventory/merge.hpp>
#include <invhost/inventory/reconcile.hpp>
#include <invhost/inventory/supersession.hpp>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "host.hpp"

namespace invhost::pipeline {

// A request the pipeline refuses before it starts (a disabled connection, a second connection to
// one source, a bad date): the message, and what the person can do about it.
class refused : public std::runtime_error {
 public:
  refused(const std::string& message, std::string hint)
      : std::runtime_error(message), hint_(std::move(hint)) {}
  [[nodiscard]] const std::string& hint() const noexcept { return hint_; }

 private:
  std::string hint_;
};

// Hooks for a caller that shows progress; each is optional and runs on the calling thread.
struct observer {
  std::function<void(const connector_entry&)> connection_started;
  std::function<void(const invsdk_progress&)> progress;
  // The connection's import ended (staged or not), before its merge.
  std::function<void(const connector_entry&, std::int64_t run_id)> connection_staged;
};

// "merged: 3 new, 1 updated, 0 retired, 0 returned" or "held: <reason>": one description of a
// merge for every rendering.
std::string describe(const inventory::merge_result& m);

struct connection_outcome {
  std::string id;
  std::int64_t run_id = 0;  // 0: no run recorded (skipped, refused, or failed before recording)
  std::string outcome;      // staged | incomplete | failed | cancelled | skipped | refused
  std::map<std::string, std::int64_t> records;  // per stream
  std::string merge;                            // what the merge did, or why nothing merged
  std::int64_t retired = 0;
  bool held = false;
  std::string error;
};

struct nightly_options {
  std::string as_of;  // YYYY-MM-DD; empty = today (UTC)
  bool wait = false;  // wait for the host lock instead of throwing host_busy
  std::vector<std::string> override_supersession;  // apply these held supersessions
  const std::atomic<bool>* cancel = nullptr;       // read between and during imports
  observer watch;
};

struct nightly_result {
  std::string as_of;
  inventory::reconcile_summary reconciliation;
  std::vector<connection_outcome> connections;
  std::vector<inventory::supersession_change> supersession;
  bool failed = false;   // a run or a merge failed, was refused or cancelled
  bool partial = false;  // a run was incomplete, or a merge or a supersession is held
};

// Imports every enabled connection (skipping those superseded and not kept), merges each staged
// run, ends supersessions by connections that are gone, reconciles once, decides supersession
// and restates statuses when it changed any. Throws refused (bad date), host_busy.
nightly_result run_nightly(host& h, const nightly_options& options);

struct single_run_options {
  bool stage_only = false;
  bool override_guard = false;
  bool wait = false;
  const std::atomic<bool>* cancel = nullptr;
  observer watch;
};

struct single_run_result {
  run_result run;
  std::optional<inventory::merge_result> merge;  // when staged and not stage-only
};

// Imports one enabled connection and, unless stage_only, merges it. Throws refused (unknown or
// disabled connection, same source as another), host_busy.
single_run_result run_connection(host& h, const std::string& connection_id,
                                 const single_run_options& options);

// Merges staged run `run_id` (a held one with override_guard), under the host lock.
inventory::merge_result apply_run(host& h, std::int64_t run_id, bool override_guard, bool wait);

}  // namespace invhost::pipeline

#endif
