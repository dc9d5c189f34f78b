// The host's logger. Every line is redacted before it reaches stderr or the file, and is one
// line: control characters and invalid UTF-8 in a message are escaped (terminal_text.hpp), so
// source data can neither forge log lines nor act on the terminal that shows them.
#include <fmt/format.h>

#include <boost/json.hpp>
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
  bool quiet = false;
  log_format format = log_format::text;
  std::ofstream file;
  // The current log_scope's fields.
  std::string connection;
  int64_t run = 0;
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

// One line in the configured format; the caller holds the mutex.
std::string format_line(const log_state& s, std::string_view level, std::string_view stream,
                        std::string_view message) {
  const std::string redacted = process_redactor().apply(message);
  if (s.format == log_format::text) {
    const std::string prefix =
        stream.empty() ? std::string() : fmt::format("{}: {}: ", s.connection, stream);
    return fmt::format("{} {:<5} {}{}\n", utc_now_iso(), level, prefix, terminal_text(redacted));
  }
  // JSON escapes every control character itself; the text stays exact.
  boost::json::object o;
  o["time"] = utc_now_iso();
  o["level"] = level;
  o["connection"] = s.connection.empty() ? boost::json::value() : boost::json::value(s.connection);
  o["run"] = s.run == 0 ? boost::json::value() : boost::json::value(s.run);
  o["stream"] = stream.empty() ? boost::json::value() : boost::json::value(stream);
  o["message"] = redacted;
  return boost::json::serialize(o) + "\n";
}

void write_line(log_state& s, const std::string& line, bool to_stderr, bool to_file) {
  if (to_stderr) std::fputs(line.c_str(), stderr);
  if (to_file && s.file.is_open()) {
    s.file << line;
    s.file.flush();
  }
}

}  // namespace

std::optional<log_format> parse_log_format(std::string_view text) {
  if (text == "text") return log_format::text;
  if (text == "json") return log_format::json;
  return std::nullopt;
}

log_scope::log_scope(std::string connection, int64_t run) {
  auto& s = state();
  std::lock_guard lock(s.mutex);
  saved_connection_ = s.connection;
  saved_run_ = s.run;
  if (!connection.empty()) s.connection = std::move(connection);
  if (run != 0) s.run = run;
}

log_scope::~log_scope() {
  auto& s = state();
  std::lock_guard lock(s.mutex);
  s.connection = std::move(saved_connection_);
  s.run = saved_run_;
}

std::optional<log_level> parse_log_level(std::string_view text) {
  if (text == "debug") return log_level::debug;
  if (text == "info") return log_level::info;
  if (text == "warn" || text == "warning") return log_level::warn;
  if (text == "error") return log_level::error;
  if (text == "off") return log_level::off;
  return std::nullopt;
}

void configure_host_log(log_level level, bool quiet,
                        const std::optional<std::filesystem::path>& file, log_format format) {
  auto& s = state();
  {
    std::lock_guard lock(s.mutex);
    s.stderr_level = quiet ? log_level::error : level;
    s.quiet = quiet;
    s.format = format;
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
    if (level == log_level::off) return;
    auto& s = state();
    std::lock_guard lock(s.mutex);
    const std::string line = format_line(s, level_text(level), {}, message);
    write_line(s, line, level >= s.stderr_level, level >= s.file_level);
  } catch (...) {  // logging must never take the host down
  }
}

void host_stderr(std::string_view text, log_level level) noexcept {
  try {
    auto& s = state();
    std::lock_guard lock(s.mutex);
    if (s.format == log_format::text) {
      const std::string safe = terminal_lines(process_redactor().apply(text));
      std::fwrite(safe.data(), 1, safe.size(), stderr);
      return;
    }
    std::size_t begin = 0;
    while (begin < text.size()) {
      std::size_t end = text.find('\n', begin);
      if (end == std::string_view::npos) end = text.size();
      const std::string_view line = text.substr(begin, end - begin);
      if (!line.empty()) write_line(s, format_line(s, level_text(level), {}, line), true, false);
      begin = end + 1;
    }
  } catch (...) {
  }
}

void host_progress(std::string_view stream, std::string_view message) noexcept {
  try {
    auto& s = state();
    std::lock_guard lock(s.mutex);
    const std::string line = format_line(s, level_text(log_level::info), stream, message);
    write_line(s, line, !s.quiet, log_level::info >= s.file_level);
  } catch (...) {
  }
}

}  // namespace invhost
