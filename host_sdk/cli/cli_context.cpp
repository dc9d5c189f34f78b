#include "cli_context.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <invhost/config_edit.hpp>
#include <invhost/host_log.hpp>
#include <invhost/private_files.hpp>
#include <invhost/secrets.hpp>
#include <invhost/terminal_text.hpp>

namespace invhost::cli {

void print(std::string_view text) {
  const std::string safe = terminal_lines(process_redactor().apply(text));
  std::fwrite(safe.data(), 1, safe.size(), stdout);
}

void print_error(std::string_view text) {
  host_stderr(text);
}

void print_exact(std::string_view text) {
  const std::string safe = process_redactor().apply(text);
  std::fwrite(safe.data(), 1, safe.size(), stdout);
}

std::function<void()> cli_context::command(std::function<void()> fn) {
  return [this, fn = std::move(fn)] {
    start();
    fn();
  };
}

namespace {

// systemd sets JOURNAL_STREAM to the device and inode of the journal stream it connected
// stderr to; stderr is the journal only while it still is that stream (not redirected since).
bool stderr_goes_to_journal() {
  const char* v = std::getenv("JOURNAL_STREAM");
  if (v == nullptr) return false;
  unsigned long long dev = 0, ino = 0;
  if (std::sscanf(v, "%llu:%llu", &dev, &ino) != 2) return false;
  struct stat st {};
  if (::fstat(STDERR_FILENO, &st) != 0) return false;
  return static_cast<unsigned long long>(st.st_dev) == dev &&
         static_cast<unsigned long long>(st.st_ino) == ino;
}

}  // namespace

void cli_context::start() {
  if (started_) return;
  started_ = true;
  const auto level = parse_log_level(log_level_option);
  if (!level)
    throw cli_error(fmt::format("unknown log level '{}'", log_level_option),
                    "use debug, info, warn, error or off", exit_usage);
  const auto format = parse_log_format(log_format_option);
  if (!format)
    throw cli_error(fmt::format("unknown log format '{}'", log_format_option), "use text or json",
                    exit_usage);
  // Stderr in the chosen format from the first line on; the file follows once the home exists.
  configure_host_log(*level, quiet, std::nullopt, *format);
  try {
    home_ = resolve_home(home_option.empty() ? std::nullopt
                                             : std::optional<std::filesystem::path>(home_option));
  } catch (const config_error& e) {
    throw cli_error(e.what());
  }
  try {
    create_private_dir(home_, existing_mode::warn);
  } catch (const std::filesystem::filesystem_error& e) {
    throw cli_error(
        fmt::format("cannot create the home folder {}: {}", home_.string(), e.code().message()),
        "pass --home DIR or set INVHOST_HOME to a writable folder");
  }
  // Under systemd the journal already keeps stderr: a second copy in a file would only double
  // what must be rotated and protected.
  const auto file = stderr_goes_to_journal()
                        ? std::nullopt
                        : std::optional<std::filesystem::path>(home_ / "logs" / "invhost.log");
  configure_host_log(*level, quiet, file, *format);
}

host_config& cli_context::config() {
  if (!config_) {
    try {
      config_text_ = read_config_text(config_file());
      config_ = parse_config(config_text_, config_file().string());
      config_as_read_ = *config_;
    } catch (const config_error& e) {
      throw cli_error(e.what(), "fix the file at that line and column, then try again");
    }
  }
  return *config_;
}

void cli_context::save() {
  edited_config edited = edit_config_text(config_text_, config_as_read_, config());
  try {
    if (!edited.layout_kept) {
      // The person's text is kept beside the file, so no comment of theirs is lost.
      const std::filesystem::path backup = config_file().string() + ".bak";
      save_config_text(backup, config_text_);
      print_error(fmt::format(
          "note: {} uses a layout (an inline table or dotted keys) that cannot be edited in "
          "place; it was written afresh and the previous text, comments included, is in {}\n",
          config_file().string(), backup.string()));
    }
    save_config_text(config_file(), edited.text);
  } catch (const config_error& e) {
    throw cli_error(e.what(), "check that the home folder is writable");
  }
  config_text_ = std::move(edited.text);
  config_as_read_ = config();
}

store& cli_context::db() {
  if (!db_) {
    const std::string cs = effective_database(
        config(), home_, db_option.empty() ? std::nullopt : std::optional(db_option));
    try {
      db_ = store::open(cs);
    } catch (const store_error& e) {
      throw cli_error(e.what(), "check --db or [host] database in " + config_file().string());
    }
  }
  return *db_;
}

const manifest_catalog& cli_context::catalog() {
  if (!catalog_) catalog_ = discover_manifests(manifest_search_path(config().adapter_paths));
  return *catalog_;
}

connector_entry& cli_context::connector(const std::string& id) {
  connector_entry* c = config().find(id);
  if (c == nullptr)
    throw cli_error(fmt::format("no connector '{}'", id), "see 'invhost connectors list'");
  return *c;
}

}  // namespace invhost::cli
