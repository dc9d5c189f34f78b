#include "host_snapshot.hpp"

#include <fmt/format.h>

#include <invhost/host_log.hpp>

namespace invhost::console {

namespace {

// {org_id} replaced by the connection's org_id; nothing when the template holds another
// placeholder or the connection has no org_id (a half-configured connection shows no link).
std::optional<std::string> expand_template(const std::string& templ, const connector_entry& c) {
  const auto org = c.settings.find("org_id");
  if (org == c.settings.end() || org->second.empty()) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < templ.size();) {
    if (templ.compare(i, 8, "{org_id}") == 0) {
      out += org->second;
      i += 8;
    } else if (templ[i] == '{' || templ[i] == '}') {
      return std::nullopt;
    } else {
      out += templ[i++];
    }
  }
  return out;
}

bool is_web_url(const std::string& url) {
  return url.starts_with("https://") || url.starts_with("http://");
}

}  // namespace

std::optional<std::string> top_bar_link(const host_config& config) {
  if (!config.top_bar.enabled) return std::nullopt;
  if (!config.top_bar.url.empty())
    return is_web_url(config.top_bar.url) ? std::optional(config.top_bar.url) : std::nullopt;
  for (const auto& c : config.connectors) {
    const auto t = c.settings.find("top_bar_link_template");
    if (!c.enabled || t == c.settings.end() || t->second.empty()) continue;
    if (auto url = expand_template(t->second, c); url && is_web_url(*url)) return url;
  }
  return std::nullopt;
}

host_snapshots::host_snapshots(std::filesystem::path home) : home_(std::move(home)) {
  snapshot_ = load();
  std::error_code ec;
  stamp_ = std::filesystem::last_write_time(config_path(home_), ec);
  size_ = std::filesystem::file_size(config_path(home_), ec);
}

std::shared_ptr<const host_snapshot> host_snapshots::load() const {
  auto s = std::make_shared<host_snapshot>();
  s->config_text = read_config_text(config_path(home_));
  s->config = parse_config(s->config_text, config_path(home_).string());
  s->catalog = discover_manifests(manifest_search_path(s->config.adapter_paths));
  s->top_bar = top_bar_link(s->config);
  return s;
}

std::shared_ptr<const host_snapshot> host_snapshots::current() {
  const std::lock_guard lock(mutex_);
  std::error_code ec;
  const auto stamp = std::filesystem::last_write_time(config_path(home_), ec);
  const auto size = ec ? 0 : std::filesystem::file_size(config_path(home_), ec);
  if (!ec && (stamp != stamp_ || size != size_)) {
    try {
      snapshot_ = load();
      last_error_.clear();
    } catch (const std::exception& e) {
      if (last_error_ != e.what())
        host_log(log_level::error,
                 fmt::format("console: keeping the previous configuration: {}", e.what()));
      last_error_ = e.what();
    }
    stamp_ = stamp;
    size_ = size;
  }
  return snapshot_;
}

}  // namespace invhost::console
