// What every command needs: global options, the home, the configuration, the database, the
// manifests. Loaded lazily so `invhost --help` needs none of it.
#ifndef INVHOST_CLI_CONTEXT_HPP
#define INVHOST_CLI_CONTEXT_HPP

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <invhost/host_config.hpp>
#include <invhost/manifest.hpp>
#include <invhost/pipeline/host.hpp>
#include <invhost/store.hpp>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace invhost::cli {

// Exit codes, also listed in the --help footer; 64 and 75 are sysexits.h's EX_USAGE and
// EX_TEMPFAIL, which schedulers and monitoring already read as "fix the call" and "try later".
inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;     // an error, or a run that failed or was cancelled
inline constexpr int exit_incomplete = 2;  // a run staged only part of the source, or was held
inline constexpr int exit_usage = 64;      // the command line itself is wrong
inline constexpr int exit_busy = 75;       // another invhost holds what this command needs

// A failure to report as "invhost: error: <message>" plus an optional hint line.
class cli_error : public std::runtime_error {
 public:
  cli_error(const std::string& message, std::string hint = {}, int exit_code = exit_failure)
      : std::runtime_error(message), hint_(std::move(hint)), exit_code_(exit_code) {}
  [[nodiscard]] const std::string& hint() const noexcept { return hint_; }
  [[nodiscard]] int exit_code() const noexcept { return exit_code_; }

 private:
  std::string hint_;
  int exit_code_;
};

// Runs `f`; a library refusal of type Error becomes a cli_error in the same words, with its hint
// when the refusal carries one.
template <typename Error, typename F>
auto refusal_as_cli_error(F&& f) {
  try {
    return f();
  } catch (const Error& e) {
    if constexpr (requires { e.hint(); }) {
      throw cli_error(e.what(), e.hint());
    } else {
      throw cli_error(e.what());
    }
  }
}

class cli_context {
 public:
  // Global options, filled by CLI11.
  std::string home_option;
  std::string db_option;
  std::string log_level_option = "warn";
  std::string log_format_option = "text";
  bool quiet = false;
  int exit_code = exit_ok;  // set by a command that wants something other than 0

  // Resolves the home and sets up logging; runs once, before the first command body.
  void start();
  // fn wrapped so that start() runs before it: use for every command callback.
  std::function<void()> command(std::function<void()> fn);

  [[nodiscard]] const std::filesystem::path& home() const noexcept { return home_; }
  [[nodiscard]] std::filesystem::path config_file() const { return config_path(home_); }
  // The configuration (read on first use). Throws cli_error.
  host_config& config();
  // Writes the configuration back atomically, into the file as the person wrote it: comments,
  // blank lines and order stay (see invhost/config_edit.hpp).
  void save();
  // The database, migrated (opened on first use). Throws cli_error.
  store& db();
  // The manifests along the search path (read on first use).
  const manifest_catalog& catalog();
  // What the pipeline library works on: this context's database, configuration, manifests, home.
  pipeline::host pipeline_host() { return {db(), config(), catalog(), home()}; }
  // The connector with this id, or a cli_error with a hint.
  connector_entry& connector(const std::string& id);

 private:
  bool started_ = false;
  std::filesystem::path home_;
  std::optional<host_config> config_;
  std::string config_text_;     // the file as last read or written
  host_config config_as_read_;  // what config_text_ holds
  std::unique_ptr<store> db_;
  std::optional<manifest_catalog> catalog_;
};

// Prints text meant for a person to stdout: redacted, and made safe for a terminal (control
// characters and invalid UTF-8 escaped, newlines kept; see invhost/terminal_text.hpp).
void print(std::string_view text);

// Prints a message for a person to stderr, redacted and made safe for a terminal as print does.
void print_error(std::string_view text);

// Prints machine-readable output (JSON, CSV) to stdout redacted but otherwise byte for byte:
// its own quoting already keeps the data apart, and consumers need the exact text.
void print_exact(std::string_view text);

}  // namespace invhost::cli

#endif
