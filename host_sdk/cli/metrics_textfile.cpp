#include "metrics_textfile.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <invhost/calendar.hpp>
#include <invhost/host_log.hpp>
#include <invhost/inventory/report.hpp>
#include <invhost/run_history.hpp>
#include <map>

namespace invhost::cli {
namespace {

// A label value as the text format wants it: backslash, quote and newline escaped.
std::string label(std::string_view v) {
  std::string out;
  for (const char c : v) {
    if (c == '\\' || c == '"')
      out += {'\\', c};
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

void family(std::string& out, const char* name, const char* type, const char* help) {
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

}  // namespace

std::string metrics_text(cli_context& ctx) {
  auto& sql = ctx.db().sql();
  std::string out;

  family(out, "invhost_runs_total", "counter", "Runs recorded, by connection and outcome.");
  {
    // Typed targets: SOCI converts COUNT(*) however each backend reports it.
    std::string connection, outcome;
    long long runs = 0;
    soci::statement st = (sql.prepare << "SELECT connection, outcome, COUNT(*) FROM runs GROUP BY "
                                         "connection, outcome ORDER BY connection, outcome",
                          soci::into(connection), soci::into(outcome), soci::into(runs));
    st.execute();
    while (st.fetch())
      out += fmt::format("invhost_runs_total{{connection=\"{}\",outcome=\"{}\"}} {}\n",
                         label(connection), label(outcome), runs);
  }

  std::string durations, records, requests, retries, throttled, success;
  for (const auto& c : ctx.config().connectors) {
    const auto last = last_run(ctx.db(), c.id);
    if (!last) continue;
    long long staging_ms = 0, source_ms = 0, merge_ms = 0;
    soci::indicator si = soci::i_null, so = soci::i_null, mi = soci::i_null;
    const long long id = last->id;
    sql << "SELECT staging_ms, source_ms, merge_ms FROM runs WHERE id = :i", soci::use(id),
        soci::into(staging_ms, si), soci::into(source_ms, so), soci::into(merge_ms, mi);
    const std::string conn = label(c.id);
    if (si == soci::i_ok)
      durations += fmt::format(
          "invhost_last_run_duration_seconds{{connection=\"{}\",phase=\"staging\"}} {:.3f}\n", conn,
          static_cast<double>(staging_ms) / 1000.0);
    if (so == soci::i_ok)
      durations += fmt::format(
          "invhost_last_run_duration_seconds{{connection=\"{}\",phase=\"source\"}} {:.3f}\n", conn,
          static_cast<double>(source_ms) / 1000.0);
    if (mi == soci::i_ok)
      durations += fmt::format(
          "invhost_last_run_duration_seconds{{connection=\"{}\",phase=\"merge\"}} {:.3f}\n", conn,
          static_cast<double>(merge_ms) / 1000.0);
    retries +=
        fmt::format("invhost_last_run_retries{{connection=\"{}\"}} {}\n", conn, last->retries);
    throttled += fmt::format("invhost_last_run_throttled_responses{{connection=\"{}\"}} {}\n", conn,
                             last->throttled);
    for (const auto& s : last->streams)
      records += fmt::format("invhost_last_run_records{{connection=\"{}\",stream=\"{}\"}} {}\n",
                             conn, label(s.kind), s.records);
    requests +=
        fmt::format("invhost_last_run_requests{{connection=\"{}\"}} {}\n", conn, last->requests);
    std::string finished;
    soci::indicator fi = soci::i_null;
    const std::string cid = c.id;
    sql << "SELECT MAX(finished_at) FROM runs WHERE connection = :c AND outcome = 'staged'",
        soci::use(cid), soci::into(finished, fi);
    if (fi == soci::i_ok)
      if (const auto at = parse_utc_instant(finished))
        success += fmt::format("invhost_last_success_timestamp_seconds{{connection=\"{}\"}} {}\n",
                               conn, at->time_since_epoch().count());
  }
  family(out, "invhost_last_run_duration_seconds", "gauge",
         "Duration of each connection's last run, by phase (source: fetch, parse and map; "
         "staging: the database; merge: into the inventory).");
  out += durations;
  family(out, "invhost_last_run_records", "gauge",
         "Records each connection's last run staged, by stream.");
  out += records;
  family(out, "invhost_last_run_requests", "gauge", "HTTP requests of each connection's last run.");
  out += requests;
  family(out, "invhost_last_run_retries", "gauge",
         "Requests each connection's last run sent again after a failure or a throttling answer.");
  out += retries;
  family(out, "invhost_last_run_throttled_responses", "gauge",
         "Answers that asked each connection's last run to slow down (HTTP 429).");
  out += throttled;
  family(out, "invhost_last_success_timestamp_seconds", "gauge",
         "When each connection's last complete import finished (Unix time).");
  out += success;

  long long reconciliation = 0;
  soci::indicator ri = soci::i_null;
  sql << "SELECT MAX(id) FROM reconciliations", soci::into(reconciliation, ri);
  if (ri != soci::i_ok) return out;
  long long reconcile_ms = 0;
  soci::indicator di = soci::i_null;
  sql << "SELECT duration_ms FROM reconciliations WHERE id = :i", soci::use(reconciliation),
      soci::into(reconcile_ms, di);
  if (di == soci::i_ok) {
    family(out, "invhost_last_reconciliation_duration_seconds", "gauge",
           "How long the newest reconciliation of license positions took.");
    out += fmt::format("invhost_last_reconciliation_duration_seconds {:.3f}\n",
                       static_cast<double>(reconcile_ms) / 1000.0);
  }
  // The report's own numbers, so the metrics never disagree with it.
  const auto report = inventory::build_report(sql, reconciliation);
  std::map<std::string, long long> by_compliance;
  for (const auto& v : report.at("licenses").as_array()) {
    const auto& l = v.as_object();
    if (l.at("status").as_string() != "active") continue;
    const auto& c = l.at("compliance");
    ++by_compliance[c.is_string() ? std::string(c.as_string()) : "unknown"];
  }
  family(out, "invhost_licenses", "gauge",
         "Active licenses of the newest reconciliation, by compliance.");
  for (const auto& [compliance, n] : by_compliance)
    out += fmt::format("invhost_licenses{{compliance=\"{}\"}} {}\n", label(compliance), n);
  family(out, "invhost_true_up_exposure", "gauge",
         "True-up cost of the newest reconciliation, by currency (in that currency).");
  for (const auto& [currency, t] : report.at("totals").as_object()) {
    const auto& cost = t.as_object().at("true_up_cost");
    if (cost.is_string())
      out += fmt::format("invhost_true_up_exposure{{currency=\"{}\"}} {}\n", label(currency),
                         std::string(cost.as_string()));
  }
  return out;
}

void write_metrics_if_configured(cli_context& ctx) noexcept {
  try {
    const auto& dir = ctx.config().metrics_textfile_dir;
    if (dir.empty()) return;
    const std::string text = metrics_text(ctx);
    const auto target = dir / "invhost.prom";
    const auto temporary = dir / ".invhost.prom.tmp";
    {
      std::ofstream f(temporary, std::ios::trunc);
      f << text;
      if (!f.flush()) throw std::runtime_error("cannot write " + temporary.string());
    }
    // The collector runs as another user: the file holds counts and ids only, no people.
    ::chmod(temporary.c_str(), 0644);
    std::filesystem::rename(temporary, target);
  } catch (const std::exception& e) {
    host_log(log_level::warn, std::string("metrics not written: ") + e.what());
  }
}

}  // namespace invhost::cli
