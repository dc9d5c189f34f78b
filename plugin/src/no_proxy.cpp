#include <boost/asio/ip/address.hpp>
#include <fsm/ascii_text.hpp>
#include <fsm/proxy.hpp>
#include <optional>

namespace fsm {
namespace {

std::string_view trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::optional<boost::asio::ip::address> address_of(std::string_view text) {
  boost::system::error_code ec;
  const auto a = boost::asio::ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  return a;
}

// The entry without its port: "[::1]:8080" -> "::1", "host:443" -> "host"; a bare IPv6 address
// (more than one colon) is kept whole.
std::string_view without_port(std::string_view entry) {
  if (!entry.empty() && entry.front() == '[') {
    const auto close = entry.find(']');
    return close == std::string_view::npos ? entry : entry.substr(1, close - 1);
  }
  const auto colon = entry.find(':');
  if (colon != std::string_view::npos && entry.find(':', colon + 1) == std::string_view::npos)
    return entry.substr(0, colon);
  return entry;
}

bool entry_matches(std::string_view raw, const std::string& host,
                   const std::optional<boost::asio::ip::address>& host_address) {
  const std::string entry = ascii_lower(without_port(trim(raw)));
  if (entry.empty()) return false;
  if (entry == "*") return true;
  if (const auto a = address_of(entry)) return host_address && *host_address == *a;
  // "127.0.0.1" must not match the domain entry "0.0.1": an address has no parent domain.
  if (host_address) return false;
  std::string_view domain = entry;
  while (!domain.empty() && domain.front() == '.') domain.remove_prefix(1);
  while (!domain.empty() && domain.back() == '.') domain.remove_suffix(1);
  if (domain.empty()) return false;
  if (host == domain) return true;
  return host.size() > domain.size() &&
         host.compare(host.size() - domain.size(), domain.size(), domain) == 0 &&
         host[host.size() - domain.size() - 1] == '.';
}

}  // namespace

bool no_proxy_matches(std::string_view list, std::string_view host) {
  std::string h = ascii_lower(host);
  while (!h.empty() && h.back() == '.') h.pop_back();  // "example.com." is "example.com"
  if (h.empty()) return false;
  const auto host_address = address_of(h);
  std::size_t start = 0;
  while (start <= list.size()) {
    const auto comma = list.find(',', start);
    const auto entry = list.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    if (entry_matches(entry, h, host_address)) return true;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return false;
}

}  // namespace fsm
