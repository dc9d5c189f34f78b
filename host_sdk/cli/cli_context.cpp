#include "cli_context.hpp"

#include <fmt/format.h>

#include <cstdio>
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
  const std::string safe = terminal_lines(process_redactor().apply(text));
  std::fwrite(safe.data(), 1, safe.size(), stderr);
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

void cli_context::start() {
  if (started_) return;
  started_ = true;
  const auto level = parse_log_level(log_level_option);
  if (!level)
    throw cli_error(fmt::format("unknown log level '{}'", log_level_option),
                    "use debug, info, warn, error or off");
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
  configure_host_log(*level, quiet, home_ / "logs" / "invhost.log");
}

host_config& cli_context::config() {
  if (!config_) {
    try {
      config_ = load_config(config_file());
    } catch (const config_error& e) {
      throw cli_error(e.what(), "fix the file at that line and column, then try again");
    }
  }
  return *config_;
}

void cli_context::save() {
  try {
    save_config(config_file(), config());
  } catch (const config_error& e) {
    throw cli_error(e.what(), "check that the home folder is writable");
  }
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
