// Merging one staged run into the inventory.
#ifndef INVHOST_INVENTORY_MERGE_HPP
#define INVHOST_INVENTORY_MERGE_HPP

#include <cstdint>
#include <functional>
#include <invhost/inventory/merge_counts.hpp>
#include <map>
#include <string>
#include <string_view>

namespace soci {
class session;
}

namespace invhost::inventory {

enum class merge_status {
  merged,   // the whole run is now the inventory's state for its connection
  held,     // the guard stopped it; nothing changed; apply again with override_guard
  skipped,  // not mergeable (incomplete, failed, already merged, older than a merged run)
};

std::string_view to_string(merge_status s);

struct merge_options {
  // Apply a run the guard would hold (an explicit human decision).
  bool override_guard = false;
  // Called inside the transaction after each step with the step's name. Lets tests inject a
  // fault (throw) or stop the process mid-merge; production leaves it empty.
  std::function<void(std::string_view step)> on_step;
};

// The counts are recorded on the run when it merges (runs.merge_new ... merge_superseded).
struct merge_result : merge_counts {
  merge_status status = merge_status::skipped;
  std::string reason;                                  // why held or skipped; empty when merged
  std::map<std::string, std::int64_t> stream_records;  // staged records per stream kind
};

// Merges staged run `run_id` into the inventory in one transaction: either all of it commits or
// the inventory is exactly as before (an exception leaves it untouched and propagates).
// Records the outcome on the run (merge_status, merge_reason, merged_at, and when merged its
// counts), in the same transaction.
// Only runs whose outcome is 'staged' (every stream complete) are merged; streams the run did not
// deliver at all leave that connection's data of that kind as it was.
merge_result merge_run(soci::session& sql, std::int64_t run_id, const merge_options& options = {});

// The guard's thresholds: hold when a run would retire more than this share of a connection's
// active licenses and at least this many.
inline constexpr int guard_retire_percent = 30;
inline constexpr std::int64_t guard_retire_minimum = 10;

}  // namespace invhost::inventory

#endif
