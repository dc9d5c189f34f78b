// Fuzzes the FSM connector's proxy URL parser and NO_PROXY matching. Input: the proxy URL, a
// newline, a NO_PROXY list, a newline, then a host name.
//
// Beyond "no crash": a refusal is always INVALID_CONFIG and never repeats a password; an accepted
// URL shows as http://host:port with no credentials; "*" in a list matches every host.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fsm/proxy.hpp>
#include <invsdk/adapter_base.hpp>
#include <string>
#include <string_view>

namespace {

std::string_view line(std::string_view& rest) {
  const auto newline = rest.find('\n');
  const std::string_view first = rest.substr(0, newline);
  rest = newline == std::string_view::npos ? std::string_view{} : rest.substr(newline + 1);
  return first;
}

void parse(std::string_view url) {
  fsm::proxy_endpoint p;
  try {
    p = fsm::parse_proxy_url(url, "environment variable HTTPS_PROXY", true);
  } catch (const invsdk::error& e) {
    if (e.status() != INVSDK_STATUS_INVALID_CONFIG) std::abort();
    // A URL with user info never comes back in the message (no fixed text holds "http://…@").
    if (url.rfind("http://", 0) == 0 && url.find('@') != std::string_view::npos &&
        std::string_view(e.what()).find(url) != std::string_view::npos)
      std::abort();
    return;
  }
  const std::string shown = p.display();
  if (shown.rfind("http://", 0) != 0 || shown.find('@') != std::string::npos) std::abort();
  if (p.host.empty() || p.port.empty()) std::abort();
  for (char c : p.username + p.password)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  const std::string_view url = line(rest);
  const std::string_view list = line(rest);
  const std::string_view host = rest;
  parse(url);
  (void)fsm::no_proxy_matches(list, host);
  const std::string with_star = std::string(list) + ",*";
  if (!host.empty() && host.find_first_not_of('.') != std::string_view::npos &&
      !fsm::no_proxy_matches(with_star, host))
    std::abort();
  return 0;
}
