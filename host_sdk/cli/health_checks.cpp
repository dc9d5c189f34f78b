#include "health_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <invhost/credential_expiry.hpp>
#include <invhost/inventory/supersession.hpp>
#include <invhost/run_history.hpp>
#include <optional>
#include <set>

namespace invhost::cli {
namespace {

using std::chrono::hours;

struct merged_run {
  long long id = 0;
  utc_instant finished{};
};

// The newest run of the connection whose import completed and was merged into the inventory:
// what the inventory knows of the source dates from it.
std::optional<merged_run> last_merged_run(store& db, const std::string& connection) {
  long long id = 0;
  std::string finished;
  soci::indicator finished_ind = soci::i_null;
  db.sql() << "SELECT id, finished_at FROM runs WHERE connection = :c AND outcome = 'staged' AND "
              "merge_status = 'merged' ORDER BY id DESC LIMIT 1",
      soci::use(connection), soci::into(id), soci::into(finished, finished_ind);
  if (!db.sql().got_data() || finished_ind != soci::i_ok) return std::nullopt;
  const auto at = parse_utc_instant(finished);
  if (!at) return std::nullopt;
  return merged_run{id, *at};
}

// A run the guard held that no later merge has made moot: it waits for a person.
std::optional<run_record> waiting_held_run(store& db, const std::string& connection,
                                           long long after_run) {
  long long id = 0;
  std::string reason;
  soci::indicator reason_ind = soci::i_null;
  db.sql() << "SELECT id, merge_reason FROM runs WHERE connection = :c AND merge_status = 'held' "
              "AND id > :after ORDER BY id DESC LIMIT 1",
      soci::use(connection), soci::use(after_run), soci::into(id), soci::into(reason, reason_ind);
  if (!db.sql().got_data()) return std::nullopt;
  run_record r;
  r.id = id;
  r.merge_reason = reason_ind == soci::i_ok ? reason : std::string{};
  return r;
}

std::string failing_hint(const run_record& r) {
  const std::string retry = fmt::format("then 'invhost run {}'", r.connection);
  if (r.error_class == "unauthenticated")
    return "renew the credential the connector's secret refers to, " + retry;
  if (r.error_class == "abandoned")
    return "the process running it died: see logs/invhost.log and the journal, " + retry;
  if (r.error_class == "invalid_config") return "fix the connector's settings, " + retry;
  return fmt::format("see 'invhost runs --connection {}' and logs/invhost.log, {}", r.connection,
                     retry);
}

void check_runs(store& db, const connector_entry& c, bool superseded, int64_t stale_after_hours,
                utc_instant now, std::vector<health_finding>& out) {
  const auto last = last_run(db, c.id);
  if (last && (last->outcome == "failed" || last->outcome == "cancelled")) {
    const std::string how = last->error_class == "abandoned" ? "was abandoned (its process died)"
                            : last->error_class.empty()
                                ? last->outcome
                                : fmt::format("{} ({})", last->outcome, last->error_class);
    out.push_back({c.id, health_severity::critical, "failing",
                   fmt::format("last run {} {} at {}", last->id, how,
                               last->finished_at.empty() ? last->started_at : last->finished_at),
                   failing_hint(*last)});
  }
  const auto merged = last_merged_run(db, c.id);
  if (const auto held = waiting_held_run(db, c.id, merged ? merged->id : 0))
    out.push_back(
        {c.id, health_severity::warning, "held_run",
         fmt::format("run {} is held: {}", held->id, held->merge_reason),
         fmt::format("check the source, then 'invhost runs apply {} --override'", held->id)});
  // A superseded connection's licenses are retired: how fresh they are matters to nobody.
  if (superseded) return;
  if (!merged) {
    out.push_back({c.id, health_severity::warning, "never_imported",
                   "no import has completed and been merged yet",
                   fmt::format("run 'invhost run {}' or wait for the nightly; "
                               "'invhost runs --connection {}' shows its runs",
                               c.id, c.id)});
    return;
  }
  const auto age = now - merged->finished;
  const hours stale{stale_after_hours};
  if (age <= stale) return;
  out.push_back(
      {c.id, age > 2 * stale ? health_severity::critical : health_severity::warning, "stale",
       fmt::format("last successful import {} hours ago (run {}, {}); stale after {} hours",
                   std::chrono::floor<hours>(age).count(), merged->id,
                   format_utc_instant(merged->finished), stale_after_hours),
       "check that the nightly timer runs ('systemctl list-timers invhost-nightly.timer') and "
       "what 'invhost runs' says"});
}

void check_credentials(const connector_entry& c, const manifest& m, utc_instant now,
                       std::vector<health_finding>& out) {
  for (const auto& e : credential_expiries(c, m, std::chrono::floor<std::chrono::days>(now))) {
    if (e.days_left > credential_warning_days) continue;
    out.push_back({c.id,
                   e.days_left <= credential_critical_days ? health_severity::critical
                                                           : health_severity::warning,
                   "credential", describe_expiry(e),
                   fmt::format("create a new {} at the source, point the secret at it and set "
                               "secrets_created.{} in invhost.toml to the day it was created",
                               e.secret, e.secret)});
  }
}

}  // namespace

std::string_view to_string(health_severity s) {
  switch (s) {
    case health_severity::ok:
      return "ok";
    case health_severity::warning:
      return "warning";
    case health_severity::critical:
      return "critical";
  }
  return "critical";
}

health_severity overall(const std::vector<health_finding>& findings) {
  health_severity worst = health_severity::ok;
  for (const auto& f : findings) worst = std::max(worst, f.severity);
  return worst;
}

std::vector<health_finding> check_health(const host_config& config, const manifest_catalog& catalog,
                                         store* db, utc_instant now) {
  std::vector<health_finding> out;
  std::vector<inventory::supersession_state> supersessions;
  const bool has_tables = db != nullptr && db->has_schema();
  try {
    if (has_tables) supersessions = inventory::list_supersessions(db->sql());
    std::set<std::string> superseded;
    for (const auto& s : supersessions)
      if (s.state != "held") superseded.insert(s.superseded_connection);
    for (const auto& c : config.connectors) {
      if (!c.enabled) continue;
      if (has_tables) {
        check_runs(*db, c, superseded.contains(c.id), config.stale_after_hours, now, out);
      } else {
        out.push_back({c.id, health_severity::warning, "never_imported",
                       "no import has run yet (there is no database)",
                       fmt::format("run 'invhost run {}' or wait for the nightly", c.id)});
      }
      if (const manifest* m = catalog.find(c.adapter)) check_credentials(c, *m, now, out);
    }
  } catch (const soci::soci_error& e) {
    out.push_back({"", health_severity::critical, "host",
                   fmt::format("cannot read the database: {}", e.get_error_message()),
                   "check [host] database in invhost.toml and that the database answers"});
  }
  for (const auto& s : supersessions)
    if (s.state == "held")
      out.push_back({s.superseded_connection, health_severity::warning, "held_supersession",
                     fmt::format("supersession by {} is held: {}", s.by_connection, s.reason),
                     fmt::format("check the superseding import, then 'invhost nightly "
                                 "--override-supersession {}'",
                                 s.superseded_connection)});
  return out;
}

}  // namespace invhost::cli
