#include <charconv>
#include <fsm/link_template.hpp>
#include <fsm/settings.hpp>
#include <set>

namespace fsm {

void setting_error(std::string_view key, const std::string& why) {
  throw invsdk::error(INVSDK_STATUS_INVALID_CONFIG, "setting '" + std::string(key) + "' " + why);
}

void check_referenced_value(const std::string& value, std::string_view key,
                            std::size_t max_length) {
  if (value.size() > max_length)
    setting_error(key, "is longer than " + std::to_string(max_length) + " characters");
  for (char ch : value) {
    const auto u = static_cast<unsigned char>(ch);
    if (u < 0x20 || u == 0x7F)
      setting_error(key,
                    "contains a control character (line break?); check the value it references");
  }
}

namespace {

const std::set<std::string, std::less<>>& known_keys() {
  static const std::set<std::string, std::less<>> keys{"org_id",
                                                       "region",
                                                       "api_url",
                                                       "token_url",
                                                       "refresh_token",
                                                       "client_id",
                                                       "client_secret",
                                                       "ca_file",
                                                       "proxy_url",
                                                       "proxy_username",
                                                       "proxy_password",
                                                       "no_proxy",
                                                       "request_timeout_seconds",
                                                       "requests_per_minute",
                                                       "max_retries",
                                                       "max_total_retries",
                                                       "retry_initial_delay_ms",
                                                       "retry_max_delay_seconds",
                                                       "max_pages",
                                                       "license_link_template",
                                                       "application_link_template",
                                                       "top_bar_link_template"};
  return keys;
}

// A whole number in [lo, hi] or the fallback when the setting is absent or empty.
int64_t integer(const invsdk::config& c, std::string_view key, int64_t fallback, int64_t lo,
                int64_t hi) {
  const auto v = c.get(std::string(key));
  if (!v || v->empty()) return fallback;
  int64_t n = 0;
  const auto* end = v->data() + v->size();
  const auto r = std::from_chars(v->data(), end, n);
  if (r.ec != std::errc{} || r.ptr != end)
    setting_error(key, "must be a whole number (got '" + v->substr(0, 40) + "')");
  if (n < lo || n > hi)
    setting_error(key, "must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
                           " (got " + std::to_string(n) + ")");
  return n;
}

bool has_text(const invsdk::config& c, const char* key) {
  const auto v = c.get(key);
  return v && !v->empty();
}

void check_secret(const std::string& value, std::string_view key) {
  check_referenced_value(value, key, 16384);
}

}  // namespace

std::string settings::org_path() const {
  return api.base_path + "/saas/v1/orgs/" + std::to_string(org_id);
}

settings parse_settings(const invsdk::config& c, const environment_lookup& env) {
  for (const auto& [key, value] : c.all())
    if (known_keys().count(key) == 0)
      setting_error(key, "is not a setting of the Flexera SaaS Manager connector");

  settings s;
  const auto org = c.get("org_id");
  if (!org || org->empty())
    setting_error("org_id",
                  "is required: the FSM organisation number (the number after /orgs/ in the "
                  "Flexera One web address)");
  s.org_id = integer(c, "org_id", 0, 1, (int64_t{1} << 53));

  s.region = c.get_or("region", "na");
  const auto hosts = hosts_of_region(s.region);
  if (!hosts)
    setting_error("region", "must be one of na, eu, apac (got '" + s.region.substr(0, 40) + "')");

  s.api = parse_endpoint(c.get_or("api_url", "").empty() ? hosts->api_url : *c.get("api_url"),
                         "api_url");
  s.token = parse_endpoint(
      c.get_or("token_url", "").empty() ? hosts->token_url : *c.get("token_url"), "token_url");

  const bool has_refresh = has_text(c, "refresh_token");
  const bool has_id = has_text(c, "client_id");
  const bool has_secret = has_text(c, "client_secret");
  if (has_refresh && (has_id || has_secret))
    setting_error("refresh_token",
                  "and client_id/client_secret are both set: give either a refresh token "
                  "or a service account (client_id + client_secret), not both");
  if (has_refresh) {
    s.cred.kind = grant::refresh_token;
    s.cred.refresh_token = *c.get("refresh_token");
    check_secret(s.cred.refresh_token, "refresh_token");
  } else if (has_id || has_secret) {
    if (!has_id) setting_error("client_id", "is required when client_secret is set");
    if (!has_secret) setting_error("client_secret", "is required when client_id is set");
    s.cred.kind = grant::client_credentials;
    s.cred.client_id = *c.get("client_id");
    s.cred.client_secret = *c.get("client_secret");
    check_secret(s.cred.client_id, "client_id");
    check_secret(s.cred.client_secret, "client_secret");
  } else {
    setting_error("refresh_token",
                  "is required (or client_id + client_secret for a service account)");
  }

  s.ca_file = c.get_or("ca_file", "");
  if (s.ca_file.size() > 4096) setting_error("ca_file", "is longer than 4096 characters");
  s.proxies = plan_proxies(
      [&c](const char* key) -> std::optional<std::string> {
        auto v = c.get(key);
        if (!v || v->empty()) return std::nullopt;
        return v;
      },
      env);

  s.request_timeout = std::chrono::seconds(integer(c, "request_timeout_seconds", 60, 1, 3600));
  s.requests_per_minute = static_cast<int>(integer(c, "requests_per_minute", 500, 1, 100000));
  s.max_retries = static_cast<int>(integer(c, "max_retries", 6, 0, 20));
  s.max_total_retries = static_cast<int>(integer(c, "max_total_retries", 200, 0, 100000));
  s.retry_initial_delay =
      std::chrono::milliseconds(integer(c, "retry_initial_delay_ms", 1000, 1, 60000));
  s.retry_max_delay = std::chrono::seconds(integer(c, "retry_max_delay_seconds", 60, 1, 3600));
  if (s.retry_max_delay < s.retry_initial_delay)
    setting_error("retry_max_delay_seconds", "must not be shorter than retry_initial_delay_ms");
  s.max_pages = static_cast<uint64_t>(integer(c, "max_pages", 20000, 1, 1000000));

  s.license_link_template = c.get_or("license_link_template",
                                     hosts->web_url + "/orgs/{org_id}/saas/licenses/{license_id}");
  check_link_template(s.license_link_template, "license_link_template", {"org_id", "license_id"});
  s.application_link_template =
      c.get_or("application_link_template",
               hosts->web_url + "/orgs/{org_id}/saas/managed-apps/{application_id}");
  check_link_template(s.application_link_template, "application_link_template",
                      {"org_id", "application_id"});
  s.top_bar_link_template = c.get_or("top_bar_link_template", "");
  check_link_template(s.top_bar_link_template, "top_bar_link_template", {"org_id"});
  return s;
}

}  // namespace fsm
