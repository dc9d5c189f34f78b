#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>
#include <fsm/ascii_text.hpp>
#include <fsm/endpoint.hpp>
#include <fsm/settings.hpp>
#include <invsdk/adapter_base.hpp>
#include <string>

namespace fsm {
std::string endpoint::origin() const {
  const bool default_port = (tls && port == "443") || (!tls && port == "80");
  const bool v6 = host.find(':') != std::string::npos;
  std::string out = tls ? "https://" : "http://";
  out += v6 ? "[" + host + "]" : host;
  if (!default_port) out += ":" + port;
  return out;
}

std::string endpoint::connection_key() const {
  return (tls ? "https|" : "http|") + host + "|" + port;
}

std::string url_of(const endpoint& ep, std::string_view target) {
  // Only the path: query strings may carry opaque tokens that mean nothing to a reader.
  const auto q = target.find('?');
  return ep.origin() + std::string(target.substr(0, q));
}

bool is_loopback_host(std::string_view host) {
  // The whole host decides, never a prefix or suffix: "127.0.0.1.nip.io" and "localhost.evil"
  // are names anyone can point anywhere, and "localhost." goes to DNS on some resolvers.
  const std::string h = ascii_lower(host);
  if (h == "localhost") return true;
  // A zone ("::1%lo") or an escape is not part of an address literal we accept.
  if (h.find_first_not_of("0123456789abcdef.:") != std::string::npos) return false;
  boost::system::error_code ec;
  // inet_pton underneath: IPv4 only as four dotted decimals ("127.1", "0x7f.0.0.1" refused).
  const auto addr = boost::asio::ip::make_address(h, ec);
  if (ec) return false;
  // IPv6: ::1 alone (address_v6::is_loopback); an IPv4-mapped ::ffff:127.x is not accepted.
  return addr.is_loopback();
}

endpoint parse_endpoint(std::string_view url, std::string_view setting) {
  if (url.empty()) setting_error(setting, "is empty");
  if (url.size() > 2048) setting_error(setting, "is longer than 2048 characters");
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed)
    setting_error(setting, "is not an absolute URL (expected https://host[:port][/path])");
  const auto& u = *parsed;
  const std::string scheme = ascii_lower(u.scheme());
  if (scheme != "https" && scheme != "http")
    setting_error(setting, "must use https:// (got scheme '" + scheme + "')");
  if (u.has_userinfo()) setting_error(setting, "must not contain a user name or password");
  if (u.has_query() || u.has_fragment())
    setting_error(setting, "must not contain a query or fragment");
  endpoint ep;
  ep.tls = scheme == "https";
  // The authority as written: everything between "//" and the path.
  const auto slashes = url.find("://");
  const std::string_view rest =
      slashes == std::string_view::npos ? std::string_view{} : url.substr(slashes + 3);
  const std::string_view authority = rest.substr(0, rest.find('/'));
  std::string path;
  if (u.has_authority() && authority == u.encoded_authority()) {
    ep.host = u.host_type() == boost::urls::host_type::ipv6 ? std::string(u.encoded_host_address())
                                                            : std::string(u.encoded_host());
    if (ep.host.size() >= 2 && ep.host.front() == '[')
      ep.host = ep.host.substr(1, ep.host.size() - 2);
    if (u.has_port()) {
      if (u.port_number() == 0) setting_error(setting, "has an invalid port");
      ep.port = std::to_string(u.port_number());
    }
    path = u.encoded_path();
  } else {
    // Boost.URL 1.81 reads a name that begins like an IPv4 address, "127.0.0.1.nip.io", as the
    // address 127.0.0.1 followed by the path ".nip.io": the host really named would pass for
    // loopback. Such a name is read here, whole; it must be a plain DNS name.
    const auto colon = authority.rfind(':');
    const std::string_view name = authority.substr(0, colon);
    if (name.empty() ||
        name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                               "0123456789.-") != std::string_view::npos)
      setting_error(setting,
                    "has a host that cannot be read (expected https://host[:port][/path])");
    ep.host = std::string(name);
    if (colon != std::string_view::npos) {
      const std::string_view digits = authority.substr(colon + 1);
      unsigned long n = 0;
      if (digits.empty() || digits.size() > 5 ||
          digits.find_first_not_of("0123456789") != std::string_view::npos ||
          (n = std::stoul(std::string(digits))) == 0 || n > 65535)
        setting_error(setting, "has an invalid port");
      ep.port = std::to_string(n);
    }
    path = rest.substr(authority.size());
  }
  if (ep.host.empty()) setting_error(setting, "has no host");
  if (ep.port.empty()) ep.port = ep.tls ? "443" : "80";
  while (!path.empty() && path.back() == '/') path.pop_back();
  ep.base_path = path;
  if (!ep.tls && !is_loopback_host(ep.host))
    setting_error(setting,
                  "uses plain http:// for host '" + ep.host +
                      "': only https:// is allowed, except for loopback hosts (an IPv4 address in "
                      "127.0.0.0/8, [::1], or exactly localhost)");
  return ep;
}

std::optional<region_hosts> hosts_of_region(std::string_view region) {
  if (region == "na")
    return region_hosts{"https://api.flexera.com", "https://login.flexera.com/oidc/token",
                        "https://app.flexera.com"};
  if (region == "eu")
    return region_hosts{"https://api.flexera.eu", "https://login.flexera.eu/oidc/token",
                        "https://app.flexera.eu"};
  if (region == "apac")
    return region_hosts{"https://api.flexera.au", "https://login.flexera.au/oidc/token",
                        "https://app.flexera.au"};
  return std::nullopt;
}

}  // namespace fsm
