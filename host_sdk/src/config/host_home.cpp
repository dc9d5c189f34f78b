// Where the host keeps its configuration, database and logs.
#include <unistd.h>

#include <cstdlib>
#include <invhost/host_config.hpp>

namespace invhost {
namespace {
std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read at start-up only
  if (v == nullptr || *v == '\0') return std::nullopt;
  return std::string(v);
}
}  // namespace

std::filesystem::path resolve_home(const std::optional<std::filesystem::path>& cli_home) {
  if (cli_home && !cli_home->empty()) return std::filesystem::absolute(*cli_home);
  if (auto h = env("INVHOST_HOME")) return std::filesystem::absolute(*h);
  if (auto x = env("XDG_DATA_HOME")) return std::filesystem::path(*x) / "invhost";
  if (auto home = env("HOME")) return std::filesystem::path(*home) / ".local/share/invhost";
  if (::geteuid() == 0) return "/var/lib/invhost";
  throw config_error(
      "cannot choose a home folder: HOME is not set; pass --home DIR or set INVHOST_HOME");
}

std::filesystem::path config_path(const std::filesystem::path& home) {
  return home / "invhost.toml";
}

std::string effective_database(const host_config& config, const std::filesystem::path& home,
                               const std::optional<std::string>& cli_db) {
  if (cli_db && !cli_db->empty()) return *cli_db;
  if (!config.database.empty()) return config.database;
  return "sqlite://" + (home / "invhost.db").string();
}

}  // namespace invhost
