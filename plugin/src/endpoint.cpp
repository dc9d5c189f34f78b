#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>
#include <fsm/endpoint.hpp>
#include <invsdk/adapter_base.hpp>
#include <string>

namespace fsm {
namespace {

[[noreturn]] void bad(std::string_view setting, const std::string& why) {
  throw invsdk::error(INVSDK_STATUS_INVALID_CONFIG,
                      "setting '" + std::string(setting) + "' " + why);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

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
  const std::string h = lower(host);
  if (h == "localhost" || h == "localhost.") return true;
  boost::system::error_code ec;
  const auto addr = boost::asio::ip::make_address(h, ec);
  return !ec && addr.is_loopback();
}

endpoint parse_endpoint(std::string_view url, std::string_view setting) {
  if (url.empty()) bad(setting, "is empty");
  if (url.size() > 2048) bad(setting, "is longer than 2048 characters");
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) bad(setting, "is not an absolute URL (expected https://host[:port][/path])");
  const auto& u = *parsed;
  const std::string scheme = lower(u.scheme());
  if (scheme != "https" && scheme != "http")
    bad(setting, "must use https:// (got scheme '" + scheme + "')");
  if (u.has_userinfo()) bad(setting, "must not contain a user name or password");
  if (u.has_query() || u.has_fragment()) bad(setting, "must not contain a query or fragment");
  endpoint ep;
  ep.tls = scheme == "https";
  ep.host = u.host_type() == boost::urls::host_type::ipv6 ? std::string(u.encoded_host_address())
                                                          : std::string(u.encoded_host());
  if (ep.host.size() >= 2 && ep.host.front() == '[')
    ep.host = ep.host.substr(1, ep.host.size() - 2);
  if (ep.host.empty()) bad(setting, "has no host");
  if (u.has_port()) {
    if (u.port_number() == 0) bad(setting, "has an invalid port");
    ep.port = std::to_string(u.port_number());
  } else {
    ep.port = ep.tls ? "443" : "80";
  }
  std::string path(u.encoded_path());
  while (!path.empty() && path.back() == '/') path.pop_back();
  ep.base_path = path;
  if (!ep.tls && !is_loopback_host(ep.host))
    bad(setting, "uses plain http:// for host '" + ep.host +
                     "': only https:// is allowed, except for loopback hosts (127.0.0.1, ::1, "
                     "localhost)");
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
