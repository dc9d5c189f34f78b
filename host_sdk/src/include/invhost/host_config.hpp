// The host's home folder and its one human-edited configuration file, <home>/invhost.toml.
#ifndef INVHOST_HOST_CONFIG_HPP
#define INVHOST_HOST_CONFIG_HPP

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace invhost {

// One entry of the connector list. Secrets hold references ("env:VAR", "file:PATH"), never values.
struct connector_entry {
  std::string id;
  std::string adapter;
  bool enabled = true;
  std::map<std::string, std::string> settings;
  std::map<std::string, std::string> secrets;
  // When each secret was set (YYYY-MM-DD, UTC), by secret key; the host warns before a secret
  // expires. Kept here beside the reference it dates rather than in the database: whoever points a
  // secret at a new credential edits both in one place, removing a connector drops both, and
  // `invhost health` can tell before any database exists.
  std::map<std::string, std::string> secrets_created;
  // The day a secret expires when its source fixes it at creation (e.g. a service account's
  // client secret), by secret key (YYYY-MM-DD, UTC).
  std::map<std::string, std::string> secrets_expire;
  // Wall-clock limit of this connector's adapter process, seconds; unset: the host's.
  std::optional<int64_t> import_timeout_seconds;
  // Import this connection every night even while a newer connection supersedes it (its
  // licenses are still retired on arrival); by default the nightly skips it.
  bool keep_when_superseded = false;

  friend bool operator==(const connector_entry&, const connector_entry&) = default;
};

// A connector id names the connection in commands, run records, reports and file names.
inline constexpr const char* connector_id_rule = "1-64 lower-case letters, digits, '-' or '_'";
[[nodiscard]] bool is_valid_connector_id(std::string_view id) noexcept;

// Bounds of the settings of an adapter's child process (docs/adapter-abi.md, "Isolation").
inline constexpr int64_t default_import_timeout_seconds = int64_t{6} * 3600;
inline constexpr int64_t max_import_timeout_seconds = int64_t{7} * 24 * 3600;
inline constexpr int64_t default_adapter_memory_mib = 4096;
inline constexpr int64_t min_adapter_memory_mib = 64;

// Bounds of [host] exclude_accounts: how many rules, and how long each (an email's bound).
inline constexpr std::size_t max_exclude_account_rules = 100;
inline constexpr std::size_t max_exclude_account_rule_length = 320;

// `invhost health`: a connection whose last successful import is older than this is stale.
inline constexpr int64_t default_stale_after_hours = 36;
inline constexpr int64_t max_stale_after_hours = int64_t{24} * 365;

// [host] internal_domains holds at most this many domain names.
inline constexpr std::size_t max_internal_domains = 1000;

struct top_bar_link {
  bool enabled = false;
  std::string url;

  friend bool operator==(const top_bar_link&, const top_bar_link&) = default;
};

struct host_config {
  std::string database;  // connection string; empty = the default SQLite file in the home
  std::vector<std::filesystem::path> adapter_paths;
  top_bar_link top_bar;
  int64_t import_timeout_seconds =
      default_import_timeout_seconds;                       // [host], each connector's default
  int64_t adapter_memory_mib = default_adapter_memory_mib;  // [host]; 0 = unlimited
  int64_t stale_after_hours = default_stale_after_hours;    // [host]
  // [host] metrics_textfile_dir: where each run writes invhost.prom for node_exporter's textfile
  // collector; empty = no metrics file.
  std::filesystem::path metrics_textfile_dir;
  // [host] internal_domains: the organisation's own email domains, lower-case, each once. A
  // consuming user of any other domain is external; an empty list knows no domain, so nobody is.
  std::vector<std::string> internal_domains;
  // [host] people_strip_plus_addressing: "a+tag@x" is the person "a@x" (docs/people.md).
  bool people_strip_plus_addressing = false;
  // [host] exclude_accounts: glob patterns over normalised emails; matching accounts are no
  // person and count in no license (docs/people.md).
  std::vector<std::string> exclude_accounts;
  std::vector<connector_entry> connectors;

  // The connector with this id, or nullptr.
  [[nodiscard]] connector_entry* find(std::string_view id);
  [[nodiscard]] const connector_entry* find(std::string_view id) const;

  friend bool operator==(const host_config&, const host_config&) = default;
};

// A configuration file that cannot be read or is malformed; what() names the file and, for
// syntax errors, the line and column.
class config_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The home folder: cli_home when given, else $INVHOST_HOME, else $XDG_DATA_HOME/invhost, else
// ~/.local/share/invhost (/var/lib/invhost for root without HOME).
std::filesystem::path resolve_home(const std::optional<std::filesystem::path>& cli_home);

// <home>/invhost.toml
std::filesystem::path config_path(const std::filesystem::path& home);

// Reads a configuration file; a missing file is an empty configuration. Throws config_error.
host_config load_config(const std::filesystem::path& file);

// The text of a configuration file (at most 4 MiB); empty when there is no file. Throws
// config_error.
std::string read_config_text(const std::filesystem::path& file);

// Parses configuration text; source names the file in error messages. Throws config_error.
host_config parse_config(std::string_view text, const std::string& source);

// The TOML text of a whole configuration (secrets stay references).
std::string format_config(const host_config& config);

// Writes the file atomically (temporary file in the same folder, then rename), mode 0600.
void save_config(const std::filesystem::path& file, const host_config& config);
void save_config_text(const std::filesystem::path& file, const std::string& text);

// The database connection string in force: cli_db, else the file's, else
// sqlite:///<home>/invhost.db.
std::string effective_database(const host_config& config, const std::filesystem::path& home,
                               const std::optional<std::string>& cli_db);

}  // namespace invhost

#endif
