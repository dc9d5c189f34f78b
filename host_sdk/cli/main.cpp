// invhost: the inventory host's command line.
#include <fmt/format.h>
#include <invsdk/adapter.h>
#include <sys/prctl.h>
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <invhost/host_log.hpp>

#include "build_info.hpp"
#include "cli_context.hpp"
#include "commands.hpp"
#include "completion.hpp"
#include "inventory_commands.hpp"
#include "suggest.hpp"

namespace {

void report(const std::string& message, const std::string& hint) {
  // Messages quote source data (names, adapter messages): escaped like all terminal output.
  std::string line = "invhost: error: " + message;
  if (!hint.empty()) line += "\n  hint: " + hint;
  invhost::host_stderr(line + "\n", invhost::log_level::error);
  invhost::host_log(invhost::log_level::debug, message);
}

std::string version_text() {
  return fmt::format("invhost {}\nadapter ABI {}.{}\ncommit {}\n", invhost::cli::host_version,
                     INVSDK_ABI_MAJOR, INVSDK_ABI_MINOR, invhost::cli::source_commit);
}

// The deepest command the parser entered: `invhost connectors lst` → connectors.
CLI::App* deepest_command(CLI::App* app) {
  for (CLI::App* sub : app->get_subcommands()) return deepest_command(sub);
  return app;
}

std::vector<std::string> command_names(CLI::App* app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app->get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(sub->get_name());
  return names;
}

// A word the parser did not expect where a command was: names the nearest command, if any, or
// lists them. Returns false when the error is not about a command name.
bool explain_unknown_command(CLI::App& app, const CLI::ParseError& e) {
  CLI::App* where = deepest_command(&app);
  const auto names = command_names(where);
  if (names.empty()) return false;
  const std::string path = where == &app ? "invhost" : "invhost " + where->get_name();
  const auto extras = app.remaining(true);
  if (!extras.empty() && !extras.front().starts_with("-")) {
    const std::string suggestion = invhost::cli::nearest_word(extras.front(), names);
    std::string message =
        fmt::format("invhost: error: '{}' is not a command of {}", extras.front(), path);
    message += suggestion.empty()
                   ? fmt::format("\n  hint: see `{} --help`\n", path)
                   : fmt::format("\n  hint: did you mean `{} {}`?\n", path, suggestion);
    invhost::cli::print_error(message);
    return true;
  }
  if (where->get_subcommands().empty() && dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) {
    // A command group on its own: show what it holds.
    invhost::cli::print_error(where->help());
    return true;
  }
  return false;
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
  app.name("invhost");
  app.require_subcommand(1);
  app.set_version_flag("-V,--version", version_text(), "Version, adapter ABI version and commit");
  app.add_option("--home", ctx.home_option,
                 "Home folder (default: $INVHOST_HOME, $XDG_DATA_HOME/invhost)");
  app.add_option("--db", ctx.db_option,
                 "Database: sqlite:///path.db or postgresql://<libpq keywords>");
  app.add_option("--log-level", ctx.log_level_option,
                 "debug | info | warn | error | off (stderr; default warn)");
  app.add_option("--log-format", ctx.log_format_option,
                 "text | json (one object per line: time, level, connection, run, stream, "
                 "message); default text");
  app.add_flag("-q,--quiet", ctx.quiet, "Only errors on stderr");
  app.footer(
      "Exit codes:\n"
      "  0   success (a run staged every stream completely)\n"
      "  1   error, or a run that failed or was cancelled\n"
      "  2   a run staged only part of the source (incomplete), or a merge or supersession is "
      "held\n"
      "  64  the command line is wrong\n"
      "  75  busy: another invhost holds the lock or the database (try again later)\n"
      "Secrets are given only as references: env:VAR or file:/path (owner-readable only).");

  register_connectors_commands(app, ctx);
  register_settings_commands(app, ctx);
  register_adapters_commands(app, ctx);
  register_run_commands(app, ctx);
  register_licenses_commands(app, ctx);
  register_reconcile_commands(app, ctx);
  register_report_commands(app, ctx);
  register_nightly_commands(app, ctx);
  register_supersede_commands(app, ctx);
  register_health_commands(app, ctx);
  register_people_commands(app, ctx);
  register_users_commands(app, ctx);
  register_serve_commands(app, ctx);
  register_completion_command(app);

  if (argc <= 1) {
    // No command: the overview a person wants, on stdout, and success.
    print(app.help());
    return exit_ok;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    if (!explain_unknown_command(app, e)) app.exit(e);
    return exit_usage;
  } catch (const cli_error& e) {
    report(e.what(), e.hint());
    return e.exit_code();
  } catch (const std::exception& e) {
    report(e.what(), "");
    return exit_failure;
  }
  return ctx.exit_code;
}
