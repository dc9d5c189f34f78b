// invhost: the inventory host's command line.
#include <fmt/format.h>
#include <sys/prctl.h>
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <invhost/host_log.hpp>

#include "cli_context.hpp"
#include "commands.hpp"
#include "inventory_commands.hpp"

namespace {

void report(const std::string& message, const std::string& hint) {
  // Messages quote source data (names, adapter messages): escaped like all terminal output.
  std::string line = "invhost: error: " + message;
  if (!hint.empty()) line += "\n  hint: " + hint;
  invhost::cli::print_error(line + "\n");
  invhost::host_log(invhost::log_level::debug, message);
}

}  // namespace

int main(int argc, char** argv) {
  // Before any secret is read: the process holds credentials and people's data, so no core
  // dump, and no ptrace or /proc/<pid>/mem access by other processes of the same user.
  (void)::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  // Whatever the host or an adapter creates (database, logs, lock, configuration, temporary
  // files) is private to its owner, whatever umask the caller had.
  ::umask(077);
  using namespace invhost::cli;
  cli_context ctx;
  CLI::App app{"invhost: imports license data through adapters, stages and reports it"};
  app.require_subcommand(1);
  app.add_option("--home", ctx.home_option,
                 "Home folder (default: $INVHOST_HOME, $XDG_DATA_HOME/invhost)");
  app.add_option("--db", ctx.db_option,
                 "Database: sqlite:///path.db or postgresql://<libpq keywords>");
  app.add_option("--log-level", ctx.log_level_option,
                 "debug | info | warn | error | off (stderr; default warn)");
  app.add_flag("-q,--quiet", ctx.quiet, "Only errors on stderr");
  app.footer(
      "Exit codes:\n"
      "  0   success (a run staged every stream completely)\n"
      "  1   error, or a run that failed or was cancelled\n"
      "  2   a run staged only part of the source (incomplete)\n"
      "  64  the command line is wrong\n"
      "Secrets are given only as references: env:VAR or file:/path (owner-readable only).");

  register_connectors_commands(app, ctx);
  register_adapters_commands(app, ctx);
  register_run_commands(app, ctx);
  register_licenses_commands(app, ctx);
  register_reconcile_commands(app, ctx);
  register_report_commands(app, ctx);
  register_nightly_commands(app, ctx);
  register_health_commands(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return exit_usage;
  } catch (const cli_error& e) {
    report(e.what(), e.hint());
    return exit_failure;
  } catch (const std::exception& e) {
    report(e.what(), "");
    return exit_failure;
  }
  return ctx.exit_code;
}
