// One run whole, as `invhost runs show` and the console's run page show it: the run's record
// (outcome, error, counts per stream, merge, supersession) and which licenses its merge added,
// retired or returned. The JSON shape is a contract (`runs show --format json`).
#ifndef INVHOST_VIEWS_RUN_DETAIL_HPP
#define INVHOST_VIEWS_RUN_DETAIL_HPP

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <invhost/inventory/license_changes.hpp>
#include <invhost/inventory/merge_counts.hpp>
#include <invhost/run_history.hpp>
#include <optional>
#include <string>
#include <vector>

namespace invhost::views {

struct run_detail {
  run_record run;
  std::vector<inventory::license_change> license_changes;  // by connection, kind, name
  // What the merge did; nullopt when not merged or merged before the counts were kept.
  std::optional<inventory::merge_counts> merge_counts;
};

// The run with this id, nullopt when there is none.
std::optional<run_detail> find_run_detail(store& db, std::int64_t run_id);

// A run already read (one of a list) with its license changes.
run_detail run_detail_of(soci::session& sql, run_record run);

// {id, connection, adapter, adapter_version, started_at, finished_at, outcome, error_class,
//  error_message, http_status, requests, retries, throttled, merge_status (null when no merge
//  was tried), merge_reason, merge_counts: {new, updated, retired, returned, superseded} (null
//  when not recorded), supersession: [{connection, by, event, licenses, reason}],
//  license_changes: [...], streams: {kind: {records, pages, completeness, reason}}}
boost::json::object run_detail_json(const run_detail& detail);

// What the merge did, as a person reads it: "1 new, 2 updated, 0 retired, 0 returned,
// 0 superseded"; "not recorded" for a run merged before counts were kept; "" when not merged.
std::string merge_counts_text(const run_detail& detail);

// [{connection, kind, reason, license_id, external_id, name, at}]
boost::json::array license_changes_json(const std::vector<inventory::license_change>& changes);

}  // namespace invhost::views

#endif
