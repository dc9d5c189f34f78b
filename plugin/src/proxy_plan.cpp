#include <cstdlib>
#include <fsm/proxy.hpp>
#include <fsm/settings.hpp>
#include <invsdk/adapter_base.hpp>

namespace fsm {
namespace {

struct named_value {
  std::string name;
  std::string value;
};

// The first of the variables that is set and not empty (curl's order: lower case first).
std::optional<named_value> first_set(const environment_lookup& env,
                                     std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (auto v = env(name); v && !v->empty()) return named_value{name, std::move(*v)};
  return std::nullopt;
}

std::optional<proxy_endpoint> proxy_from_environment(const environment_lookup& env,
                                                     std::initializer_list<const char*> names) {
  const auto v = first_set(env, names);
  if (!v) return std::nullopt;
  return parse_proxy_url(v->value, "environment variable " + v->name, /*allow_userinfo=*/true);
}

void check_credential(const std::string& value, std::string_view key) {
  check_referenced_value(value, key, 1024);
}

}  // namespace

const proxy_endpoint* proxy_plan::route(const endpoint& server) const {
  const auto& proxy = server.tls ? for_https : for_http;
  if (!proxy) return nullptr;
  if (no_proxy_matches(no_proxy, server.host)) return nullptr;
  return &*proxy;
}

std::optional<std::string> process_environment(const char* name) {
  // Read once while the settings are parsed, before any thread of the connector starts.
  const char* v = std::getenv(name);  // NOLINT(concurrency-mt-unsafe)
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

proxy_plan plan_proxies(const std::function<std::optional<std::string>(const char*)>& setting,
                        const environment_lookup& env) {
  proxy_plan plan;
  const auto url = setting("proxy_url");
  const auto username = setting("proxy_username");
  const auto password = setting("proxy_password");
  if (url) {
    auto proxy = parse_proxy_url(*url, "setting 'proxy_url'", /*allow_userinfo=*/false);
    if (password && !username) setting_error("proxy_password", "is set but proxy_username is not");
    if (username) {
      check_credential(*username, "proxy_username");
      if (username->find(':') != std::string::npos)
        setting_error("proxy_username", "must not contain ':' (Basic authentication splits on it)");
      proxy.username = *username;
      if (password) {
        check_credential(*password, "proxy_password");
        proxy.password = *password;
      }
    }
    plan.for_https = proxy;
    plan.for_http = std::move(proxy);
  } else {
    if (username) setting_error("proxy_username", "is set but proxy_url is not");
    if (password) setting_error("proxy_password", "is set but proxy_url is not");
    plan.for_https = proxy_from_environment(env, {"https_proxy", "HTTPS_PROXY"});
    plan.for_http = proxy_from_environment(env, {"http_proxy", "HTTP_PROXY"});
  }
  if (const auto list = setting("no_proxy")) {
    if (list->size() > 8192) setting_error("no_proxy", "is longer than 8192 characters");
    plan.no_proxy = *list;
  } else if (const auto v = first_set(env, {"no_proxy", "NO_PROXY"})) {
    // Longer than any real list; refused rather than cut, so no entry is silently lost.
    if (v->value.size() > 65536)
      throw invsdk::error(INVSDK_STATUS_INVALID_CONFIG,
                          "environment variable " + v->name + " is longer than 65536 characters");
    plan.no_proxy = v->value;
  }
  return plan;
}

}  // namespace fsm
