// The HTTP proxy the connector tunnels through (HTTP CONNECT): where it is, with which
// credentials, and which servers bypass it. Parsed from the settings or, when the settings name
// none, from the standard environment variables.
#ifndef FSM_PROXY_HPP
#define FSM_PROXY_HPP

#include <fsm/endpoint.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace fsm {

struct proxy_endpoint {
  std::string host;      // lower case; IPv6 without brackets
  std::string port;      // always given: a proxy has no default port everyone agrees on
  std::string username;  // percent-decoded; empty: no credentials
  std::string password;  // percent-decoded; a secret, never in a message

  // "http://host:port" as people read it: never the credentials.
  [[nodiscard]] std::string display() const;
  [[nodiscard]] bool has_credentials() const { return !username.empty(); }
};

// Parses "http://[user[:password]@]host:port[/]". Only the http scheme: the tunnel is plain up
// to the proxy and TLS to the server inside it. `source` says where the text came from
// ("setting 'proxy_url'", "environment variable HTTPS_PROXY"); messages name it and never repeat
// the text, which may hold a password. Userinfo is refused unless allow_userinfo (the settings
// carry credentials in proxy_username / proxy_password, where the password is a secret).
// Throws invsdk::error(INVALID_CONFIG).
proxy_endpoint parse_proxy_url(std::string_view url, std::string_view source, bool allow_userinfo);

// True when `host` is exempted by a NO_PROXY list: comma-separated entries, each "*" (every
// host), an IP address (matches that address only), or a domain name that matches itself and
// every name under it (a leading dot changes nothing: ".example.com" and "example.com" both
// match "example.com" and "a.example.com"). A port on an entry is ignored; case does not matter.
// A host that is an IP address is matched by IP entries only, never by a domain suffix.
bool no_proxy_matches(std::string_view list, std::string_view host);

// Which proxy each server is reached through.
struct proxy_plan {
  std::optional<proxy_endpoint> for_https;
  std::optional<proxy_endpoint> for_http;  // plain http: only loopback servers (tests)
  std::string no_proxy;

  // The proxy for server, or null to connect directly.
  [[nodiscard]] const proxy_endpoint* route(const endpoint& server) const;
};

// Reads one environment variable; nullopt when it is not set.
using environment_lookup = std::function<std::optional<std::string>(const char* name)>;

// The process environment.
std::optional<std::string> process_environment(const char* name);

// The settings proxy_url / proxy_username / proxy_password / no_proxy (`setting` returns nullopt
// for an absent or empty one) over the environment, each setting over its own variables:
// proxy_url (for every server) over https_proxy / HTTPS_PROXY (https servers) and http_proxy /
// HTTP_PROXY (plain http servers), no_proxy over no_proxy / NO_PROXY; the lower-case variable
// first. Credentials come from proxy_username / proxy_password with proxy_url, or from the user
// info of the variable's URL. Throws invsdk::error(INVALID_CONFIG) naming the setting or variable.
proxy_plan plan_proxies(const std::function<std::optional<std::string>(const char*)>& setting,
                        const environment_lookup& env);

}  // namespace fsm

#endif  // FSM_PROXY_HPP
