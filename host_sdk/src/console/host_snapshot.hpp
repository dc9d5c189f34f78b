// The host's configuration and manifests as the console serves them: read once, and read again
// when invhost.toml changes (a `connectors` or `settings` command, or the console's own settings
// page), so a page never shows a configuration older than the file.
#ifndef INVHOST_CONSOLE_HOST_SNAPSHOT_HPP
#define INVHOST_CONSOLE_HOST_SNAPSHOT_HPP

#include <filesystem>
#include <invhost/host_config.hpp>
#include <invhost/manifest.hpp>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace invhost::console {

struct host_snapshot {
  host_config config;
  std::string config_text;  // the file as read, for edits that keep its comments
  manifest_catalog catalog;
  // The top-bar link to show, or nullopt (see top_bar_link()).
  std::optional<std::string> top_bar;
};

// The top bar's Flexera SaaS Manager link: the host's own URL when set; else what an FSM
// connection's top_bar_link_template makes of its org_id. nullopt when the link is off.
std::optional<std::string> top_bar_link(const host_config& config);

class host_snapshots {
 public:
  // Reads the configuration now. Throws config_error.
  explicit host_snapshots(std::filesystem::path home);
  // The newest configuration: re-read when the file's modification time or size changed. A
  // file that no longer parses keeps the last good snapshot (and the error is logged once).
  std::shared_ptr<const host_snapshot> current();
  [[nodiscard]] const std::filesystem::path& home() const noexcept { return home_; }

 private:
  std::shared_ptr<const host_snapshot> load() const;

  std::filesystem::path home_;
  std::mutex mutex_;
  std::shared_ptr<const host_snapshot> snapshot_;
  std::filesystem::file_time_type stamp_{};
  std::uintmax_t size_ = 0;
  std::string last_error_;
};

}  // namespace invhost::console

#endif
