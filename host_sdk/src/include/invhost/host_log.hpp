// The host's logger: levelled, timestamped lines to stderr and to <home>/logs/invhost.log, every
// line passed through process_redactor(). Text lines for people, or one JSON object per line for
// journald and log shippers.
#ifndef INVHOST_HOST_LOG_HPP
#define INVHOST_HOST_LOG_HPP

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace invhost {

enum class log_level { debug = 0, info = 1, warn = 2, error = 3, off = 4 };

// text: "<time> <level> <message>"; json: {"time", "level", "connection", "run", "stream",
// "message"} on one line, unknown fields null.
enum class log_format { text, json };

// "debug" | "info" | "warn" | "error" | "off"; nullopt otherwise.
std::optional<log_level> parse_log_level(std::string_view text);
// "text" | "json"; nullopt otherwise.
std::optional<log_format> parse_log_format(std::string_view text);

// Sets the stderr threshold (quiet = errors only), the format and the log file (created with its
// folder; nullopt = no file). The file always receives info and above, plus debug when level is
// debug.
void configure_host_log(log_level level, bool quiet,
                        const std::optional<std::filesystem::path>& file,
                        log_format format = log_format::text);

// Writes one line (after redaction) where the configuration says. Thread-safe, never throws.
void host_log(log_level level, std::string_view message) noexcept;

// A progress line of the current connection's stream: on stderr unless quiet, whatever the level
// (progress is what a person watching wants), and in the file. Never throws.
void host_progress(std::string_view stream, std::string_view message) noexcept;

// Text for the person running a command (a status line, an error with its hint) on stderr,
// redacted: as it is, made safe for a terminal, in text format; one JSON object per line (at the
// given level) in JSON format, so that stderr stays one format. Never throws.
void host_stderr(std::string_view text, log_level level = log_level::info) noexcept;

// The connection and run the lines logged while it lives belong to (JSON's "connection" and
// "run"). Scopes nest: the inner one's fields win, unset ones are inherited.
class log_scope {
 public:
  explicit log_scope(std::string connection, int64_t run = 0);
  ~log_scope();
  log_scope(const log_scope&) = delete;
  log_scope& operator=(const log_scope&) = delete;

 private:
  std::string saved_connection_;
  int64_t saved_run_;
};

}  // namespace invhost

#endif
