#include "invhost/views/run_detail.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <invhost/store.hpp>

namespace invhost::views {
namespace {

boost::json::array supersession_json(const run_record& r) {
  boost::json::array out;
  for (const auto& e : r.supersession)
    out.push_back({{"connection", e.superseded_connection},
                   {"by", e.by_connection},
                   {"event", e.event},
                   {"licenses", e.licenses},
                   {"reason", e.reason}});
  return out;
}

boost::json::value merge_counts_json(const std::optional<inventory::merge_counts>& counts) {
  if (!counts) return nullptr;
  boost::json::object out;
  for (const auto& f : inventory::merge_count_fields) out[f.name] = (*counts).*f.value;
  return out;
}

}  // namespace

std::string merge_counts_text(const run_detail& detail) {
  if (detail.run.merge_status != "merged") return {};
  if (!detail.merge_counts) return "not recorded";
  return inventory::counts_text(*detail.merge_counts);
}

std::optional<run_detail> find_run_detail(store& db, std::int64_t run_id) {
  auto r = find_run(db, run_id);
  if (!r) return std::nullopt;
  return run_detail_of(db.sql(), std::move(*r));
}

run_detail run_detail_of(soci::session& sql, run_record run) {
  run_detail d;
  d.license_changes = inventory::license_changes_of_run(sql, run.id);
  d.merge_counts = inventory::recorded_merge_counts(sql, run.id);
  d.run = std::move(run);
  return d;
}

boost::json::array license_changes_json(const std::vector<inventory::license_change>& changes) {
  boost::json::array out;
  for (const auto& c : changes)
    out.push_back({{"connection", c.connection},
                   {"kind", inventory::to_string(c.kind)},
                   {"reason", c.reason},
                   {"license_id", c.license_id},
                   {"external_id", c.external_id},
                   {"name", c.name},
                   {"at", c.at}});
  return out;
}

boost::json::object run_detail_json(const run_detail& detail) {
  const run_record& r = detail.run;
  boost::json::object streams;
  for (const auto& s : r.streams)
    streams[s.kind] = {{"records", s.records},
                       {"pages", s.pages},
                       {"completeness", s.completeness},
                       {"reason", s.reason}};
  return {{"id", r.id},
          {"connection", r.connection},
          {"adapter", r.adapter},
          {"adapter_version", r.adapter_version},
          {"started_at", r.started_at},
          {"finished_at", r.finished_at},
          {"outcome", r.outcome},
          {"error_class", r.error_class},
          {"error_message", r.error_message},
          {"http_status", r.http_status},
          {"requests", r.requests},
          {"retries", r.retries},
          {"throttled", r.throttled},
          {"merge_status", r.merge_status.empty() ? boost::json::value(nullptr)
                                                  : boost::json::value(r.merge_status)},
          {"merge_reason", r.merge_reason},
          {"merge_counts", merge_counts_json(detail.merge_counts)},
          {"supersession", supersession_json(r)},
          {"license_changes", license_changes_json(detail.license_changes)},
          {"streams", std::move(streams)}};
}

}  // namespace invhost::views
