// The host's logger. Every line is redacted before it reaches stderr or the file, and is one
// line: control characters and invalid UTF-8 in a message are escaped (terminal_text.hpp), so
// source data can neither forge log lines nor act on the terminal that shows them.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <invhost/host_log.hpp>
#include <invhost/private_files.hpp>
#include <invhost/secrets.hpp>
#include <invhost/terminal_text.hpp>
#include <invhost/utc_time.hpp>
#include <mutex>
#include <string>

namespace invhost {
namespace {

struct log_state {
  std::mutex mutex;
  log_level stderr_level = log_level::warn;
  log_level file_level = log_level::info;
  std::ofstream file;
};

log_state& state() {
  static log_state s;
  return s;
}

std::string_view level_text(log_level l) {
  switch (l) {
    case log_level::debug:
      return "debug";
    case log_level::info:
      return "info";
    case log_level::warn:
      return "warn";
    case log_level::error:
      return "error";
    case log_level::off:
      break;
  }
  return "off";
}

}  // namespace

std::optional<log_level> parse_log_level(std::string_view text) {
  if (text == "debug") return log_level::debug;
  if (text == "info") return log_level::info;
  if (text == "warn" || text == "warning") return log_level::warn;
  if (text == "error") return log_level::error;
  if (text == "off") return log_level::off;
  return std::nullopt;
}

void configure_host_log(log_level level, bool quiet,
                        const std::optional<std::filesystem::path>& file) {
  auto& s = state();
  {
    std::lock_guard lock(s.mutex);
    s.stderr_level = quiet ? log_level::error : level;
    s.file_level = level == log_level::debug ? log_level::debug : log_level::info;
    if (s.file.is_open()) s.file.close();
  }
  if (!file) return;
  // Log lines name people (e-mail addresses in messages): the folder and file are private.
  // Outside the lock: tightening a mode logs a warning.
  try {
    create_private_dir(file->parent_path(), existing_mode::tighten);
    create_private_file(*file);
  } catch (const std::filesystem::filesystem_error&) {
    return;  // no log file; opening it would fail the same way
  }
  std::lock_guard lock(s.mutex);
  s.file.open(*file, std::ios::app);
}

void host_log(log_level level, std::string_view message) noexcept {
  try {
    auto& s = state();
    const std::string line = fmt::format("{} {:<5} {}\n", utc_now_iso(), level_text(level),
                                         terminal_text(process_redactor().apply(message)));
    std::lock_guard lock(s.mutex);
    if (level >= s.stderr_level && level != log_level::off) std::fputs(line.c_str(), stderr);
    if (s.file.is_open() && level >= s.file_level && level != log_level::off) {
      s.file << line;
      s.file.flush();
    }
  } catch (...) {  // logging must never take the host down
  }
}

}  // namespace invhost
