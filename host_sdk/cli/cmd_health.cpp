// invhost health [--format table|json|csv] [--as-of TIME]: a monitoring check in the Nagios/Icinga
// plugin convention (exit 0 ok, 1 warning, 2 critical; first line "INVHOST <STATUS> - summary").
#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>

#include "commands.hpp"
#include "health_checks.hpp"
#include "list_output.hpp"

namespace invhost::cli {
namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// The findings, read only. Whatever stops the check from looking (an unreadable configuration or
// database) is itself a critical finding: a monitoring system reads exit 1 as a mere warning.
std::vector<health_finding> gather(cli_context& ctx, utc_instant now) {
  const host_config* config = nullptr;
  try {
    config = &ctx.config();
  } catch (const cli_error& e) {
    return {{"", health_severity::critical, "host", e.what(), e.hint()}};
  }
  std::unique_ptr<store> db;
  try {
    db = store::open_for_reading(effective_database(
        *config, ctx.home(),
        ctx.db_option.empty() ? std::nullopt : std::optional<std::string>(ctx.db_option)));
  } catch (const store_error& e) {
    return {{"", health_severity::critical, "host", e.what(),
             "check --db or [host] database in " + ctx.config_file().string()}};
  }
  auto findings = check_health(*config, ctx.catalog(), db.get(), now);
  std::stable_sort(findings.begin(), findings.end(),
                   [](const auto& a, const auto& b) { return a.severity > b.severity; });
  return findings;
}

std::string summary(const std::vector<health_finding>& findings, std::size_t connections) {
  if (findings.empty())
    return connections == 0 ? "no connections"
                            : fmt::format("{} enabled connection{} healthy", connections,
                                          connections == 1 ? "" : "s");
  const auto critical = std::count_if(findings.begin(), findings.end(), [](const auto& f) {
    return f.severity == health_severity::critical;
  });
  const auto warning = static_cast<std::ptrdiff_t>(findings.size()) - critical;
  std::string counts;
  if (critical > 0) counts = fmt::format("{} critical", critical);
  if (warning > 0)
    counts +=
        fmt::format("{}{} warning{}", counts.empty() ? "" : ", ", warning, warning == 1 ? "" : "s");
  const auto& first = findings.front();  // the worst
  return fmt::format("{}; {}: {}", counts, first.connection.empty() ? "host" : first.connection,
                     first.what);
}

std::string table(const std::vector<health_finding>& findings, std::size_t connections) {
  std::string out = fmt::format("INVHOST {} - {}\n", upper(to_string(overall(findings))),
                                summary(findings, connections));
  for (const auto& f : findings) {
    out += fmt::format("{} {}: {}: {}\n", upper(to_string(f.severity)),
                       f.connection.empty() ? "host" : f.connection, f.check, f.what);
    if (!f.hint.empty()) out += fmt::format("  hint: {}\n", f.hint);
  }
  // A monitoring system reads what follows '|' as performance data: text from elsewhere (a path,
  // a publisher's name in a held supersession's reason) must not start it.
  std::replace(out.begin(), out.end(), '|', '/');
  return out;
}

boost::json::object json(const std::vector<health_finding>& findings, utc_instant now) {
  boost::json::array rows;
  for (const auto& f : findings)
    rows.push_back({{"connection", f.connection.empty() ? boost::json::value(nullptr)
                                                        : boost::json::value(f.connection)},
                    {"severity", to_string(f.severity)},
                    {"check", f.check},
                    {"what", f.what},
                    {"hint", f.hint}});
  return {{"status", to_string(overall(findings))},
          {"checked_at", format_utc_instant(now)},
          {"findings", std::move(rows)}};
}

}  // namespace

void register_health_commands(CLI::App& app, cli_context& ctx) {
  struct options {
    std::string format = "table";
    std::string as_of;
  };
  auto o = std::make_shared<options>();
  auto* cmd = app.add_subcommand(
      "health",
      "Monitoring check (Nagios/Icinga plugin): exit 0 ok, 1 warning, 2 critical. Reads only.");
  cmd->add_option("--format", o->format, "table (plugin output) | json | csv (the findings)")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  // A malformed time is a usage error (64), which a monitoring system shows as unknown, not as
  // a warning.
  cmd->add_option("--as-of", o->as_of,
                  "Check as at this UTC time, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (default now)")
      ->check(CLI::Validator(
          [](const std::string& text) {
            return parse_utc_instant(text) ? std::string{}
                                           : "not a time: use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ";
          },
          "TIME"));
  cmd->footer(
      "Exit codes (the monitoring plugin convention, which this command follows instead of the\n"
      "host's): 0 ok, 1 warning, 2 critical.\n"
      "Per enabled connection: last successful import older than [host] stale_after_hours\n"
      "(default 36) is a warning, older than twice that critical, none yet a warning; a last run\n"
      "that failed, was cancelled or abandoned is critical; a held run or held supersession is a\n"
      "warning; a secret expiring within 30 days is a warning, within 7 days (or expired)\n"
      "critical.");
  cmd->callback(ctx.command([&ctx, o] {
    const utc_instant now = o->as_of.empty() ? utc_now() : *parse_utc_instant(o->as_of);
    const auto findings = gather(ctx, now);
    std::size_t enabled = 0;
    try {
      for (const auto& c : ctx.config().connectors) enabled += c.enabled ? 1 : 0;
    } catch (const cli_error&) {
    }
    if (o->format == "json")
      print_exact(boost::json::serialize(json(findings, now)) + "\n");
    else if (o->format == "csv")
      print_rows("csv",
                 {{"connection", "CONNECTION"},
                  {"severity", "SEVERITY"},
                  {"check", "CHECK"},
                  {"what", "WHAT"},
                  {"hint", "HINT"}},
                 json(findings, now).at("findings").as_array());
    else
      print(table(findings, enabled));
    ctx.exit_code = static_cast<int>(overall(findings));
  }));
}

}  // namespace invhost::cli
