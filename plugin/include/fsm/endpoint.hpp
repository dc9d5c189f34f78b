// Where the connector talks to: a parsed http(s) origin plus the FSM region table.
#ifndef FSM_ENDPOINT_HPP
#define FSM_ENDPOINT_HPP

#include <optional>
#include <string>
#include <string_view>

namespace fsm {

// One server: scheme, host and port, plus the path prefix every request target starts with.
struct endpoint {
  bool tls = true;
  std::string host;       // as written (IPv6 without brackets)
  std::string port;       // "443" / "80" when the URL had none
  std::string base_path;  // "" or "/prefix" (no trailing slash)

  // "https://host[:port]" as people read it (port only when not the scheme's default).
  [[nodiscard]] std::string origin() const;
  // Key for connection reuse: scheme, host and port.
  [[nodiscard]] std::string connection_key() const;
};

// The full URL of a target on an endpoint, for messages.
std::string url_of(const endpoint& ep, std::string_view target);

// Parses an absolute http(s) URL given in the setting `setting`. Plain http is accepted only for
// loopback hosts (127.0.0.0/8, ::1, localhost); userinfo, query and fragment are refused.
// Throws invsdk::error(INVALID_CONFIG) with a message naming the setting.
endpoint parse_endpoint(std::string_view url, std::string_view setting);

// True when the whole host is exactly "localhost" (any case), an IPv4 address in 127.0.0.0/8
// written as four dotted decimals, or the IPv6 address ::1 (without a zone). Anything else, such
// as "127.0.0.1.nip.io", "localhost." or "::ffff:127.0.0.1", is not loopback.
bool is_loopback_host(std::string_view host);

// Region defaults from the FSM documentation.
struct region_hosts {
  std::string api_url;
  std::string token_url;
  std::string web_url;  // the FSM web interface, for links back
};

// "na", "eu" or "apac"; nullopt for anything else.
std::optional<region_hosts> hosts_of_region(std::string_view region);

}  // namespace fsm

#endif  // FSM_ENDPOINT_HPP
