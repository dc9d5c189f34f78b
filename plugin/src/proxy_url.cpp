#include <boost/asio/ip/address.hpp>
#include <fsm/ascii_text.hpp>
#include <fsm/proxy.hpp>
#include <invsdk/adapter_base.hpp>

namespace fsm {
namespace {

[[noreturn]] void invalid_proxy_url(std::string_view source, const std::string& why) {
  throw invsdk::error(INVSDK_STATUS_INVALID_CONFIG, std::string(source) + " " + why);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes one part of the user info. A decoded control character is refused: it would
// end up inside the Proxy-Authorization header.
std::string decode_userinfo(std::string_view part, std::string_view source) {
  std::string out;
  out.reserve(part.size());
  for (std::size_t i = 0; i < part.size(); ++i) {
    if (part[i] != '%') {
      out += part[i];
      continue;
    }
    const int hi = i + 2 < part.size() ? hex_value(part[i + 1]) : -1;
    const int lo = hi >= 0 ? hex_value(part[i + 2]) : -1;
    if (lo < 0)
      invalid_proxy_url(
          source, "has a '%' in its user name or password that is not followed by two hex digits");
    const auto byte = static_cast<unsigned char>(hi * 16 + lo);
    if (byte < 0x20 || byte == 0x7F)
      invalid_proxy_url(source, "has an encoded control character in its user name or password");
    out += static_cast<char>(byte);
    i += 2;
  }
  return out;
}

// A DNS name: dot-separated labels of letters, digits and '-', none empty (so no "..", no
// leading or trailing dot), none starting or ending with '-'.
bool is_dns_name(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  std::size_t start = 0;
  while (start <= name.size()) {
    const auto dot = name.find('.', start);
    const auto label = name.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return false;
    for (char c : label)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return true;
}

std::string read_port(std::string_view digits, std::string_view source) {
  if (digits.empty()) invalid_proxy_url(source, "has no port: give it as http://host:port");
  if (digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string_view::npos)
    invalid_proxy_url(source, "has an invalid port");
  const unsigned long n = std::stoul(std::string(digits));
  if (n == 0 || n > 65535) invalid_proxy_url(source, "has an invalid port (1..65535)");
  return std::to_string(n);
}

}  // namespace

std::string proxy_endpoint::display() const {
  const bool v6 = host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + host + "]" : host) + ":" + port;
}

proxy_endpoint parse_proxy_url(std::string_view url, std::string_view source, bool allow_userinfo) {
  if (url.empty()) invalid_proxy_url(source, "is empty");
  if (url.size() > 2048) invalid_proxy_url(source, "is longer than 2048 characters");
  for (char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F)
      invalid_proxy_url(source, "contains a space or a control character");
  }
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos)
    invalid_proxy_url(source, "must be a URL of the form http://host:port");
  const std::string scheme = ascii_lower(url.substr(0, scheme_end));
  if (scheme != "http") {
    // The scheme is repeated only when it looks like one: text before "://" could be anything.
    const bool readable =
        !scheme.empty() && scheme.size() <= 16 &&
        scheme.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789+.-") == std::string::npos;
    invalid_proxy_url(source,
                      "must use http:// for the proxy itself (got " +
                          (readable ? "scheme '" + scheme + "'" : std::string("another scheme")) +
                          "); TLS to the server runs inside the tunnel");
  }
  const std::string_view rest = url.substr(scheme_end + 3);
  const auto authority_end = rest.find_first_of("/?#");
  const std::string_view authority = rest.substr(0, authority_end);
  if (authority_end != std::string_view::npos && rest.substr(authority_end) != "/")
    invalid_proxy_url(source,
                      "must not contain a path, query or fragment (expected http://host:port)");

  proxy_endpoint p;
  std::string_view host_port = authority;
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    if (!allow_userinfo)
      invalid_proxy_url(source,
                        "must not contain a user name or password: give them as proxy_username and "
                        "proxy_password");
    const std::string_view userinfo = authority.substr(0, at);
    if (userinfo.find('@') != std::string_view::npos)
      invalid_proxy_url(source, "has an '@' in its user name or password: write it as %40");
    const auto colon = userinfo.find(':');
    p.username = decode_userinfo(userinfo.substr(0, colon), source);
    if (colon != std::string_view::npos)
      p.password = decode_userinfo(userinfo.substr(colon + 1), source);
    if (p.username.empty()) invalid_proxy_url(source, "has a password but no user name");
    if (p.username.find(':') != std::string::npos)
      invalid_proxy_url(source,
                        "has a ':' in its user name, which Basic authentication cannot carry");
    host_port = authority.substr(at + 1);
  }

  if (!host_port.empty() && host_port.front() == '[') {
    const auto close = host_port.find(']');
    if (close == std::string_view::npos)
      invalid_proxy_url(source, "has an IPv6 address without its ']'");
    const std::string v6 = ascii_lower(host_port.substr(1, close - 1));
    boost::system::error_code ec;
    (void)boost::asio::ip::make_address_v6(v6, ec);
    if (ec || v6.find('%') != std::string::npos)
      invalid_proxy_url(source, "has an invalid IPv6 address");
    p.host = v6;
    const std::string_view after = host_port.substr(close + 1);
    if (after.empty() || after.front() != ':')
      invalid_proxy_url(source, "has no port: give it as http://host:port");
    p.port = read_port(after.substr(1), source);
    return p;
  }
  const auto colon = host_port.rfind(':');
  if (colon == std::string_view::npos)
    invalid_proxy_url(source, "has no port: give it as http://host:port");
  p.host = ascii_lower(host_port.substr(0, colon));
  p.port = read_port(host_port.substr(colon + 1), source);
  if (p.host.empty()) invalid_proxy_url(source, "has no host");
  if (p.host.find_first_not_of("0123456789.") == std::string::npos &&
      p.host.find_first_of("0123456789") != std::string::npos) {
    // All digits and dots: an IPv4 address, written as four dotted decimals.
    boost::system::error_code ec;
    (void)boost::asio::ip::make_address_v4(p.host, ec);
    if (ec) invalid_proxy_url(source, "has an invalid IPv4 address");
  } else if (!is_dns_name(p.host)) {
    invalid_proxy_url(source,
                      "has a host that is not a valid name (letters, digits, '-' and single dots)");
  }
  return p;
}

}  // namespace fsm
