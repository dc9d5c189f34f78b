// The host's logger: levelled, timestamped lines to stderr and to <home>/logs/invhost.log, every
// line passed through process_redactor().
#ifndef INVHOST_HOST_LOG_HPP
#define INVHOST_HOST_LOG_HPP

#include <filesystem>
#include <optional>
#include <string_view>

namespace invhost {

enum class log_level { debug = 0, info = 1, warn = 2, error = 3, off = 4 };

// "debug" | "info" | "warn" | "error" | "off"; nullopt otherwise.
std::optional<log_level> parse_log_level(std::string_view text);

// Sets the stderr threshold (quiet = errors only) and the log file (created with its folder;
// nullopt = no file). The file always receives info and above, plus debug when level is debug.
void configure_host_log(log_level level, bool quiet,
                        const std::optional<std::filesystem::path>& file);

// Writes one line (after redaction) where the configuration says. Thread-safe, never throws.
void host_log(log_level level, std::string_view message) noexcept;

}  // namespace invhost

#endif
