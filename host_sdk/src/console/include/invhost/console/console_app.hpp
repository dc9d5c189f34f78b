// The console's request handler: pages and routes behind `invhost serve`.
#ifndef INVHOST_CONSOLE_APP_HPP
#define INVHOST_CONSOLE_APP_HPP

#include <invhost/http/server.hpp>
#include <string>
#include <vector>

namespace invhost::console {

// How people are recognised.
enum class auth_mode {
  local,        // local accounts and a sign-in page
  proxy_header  // a reverse proxy names the user in a header, trusted only from its addresses
};

struct console_settings {
  auth_mode auth = auth_mode::local;
  std::string proxy_header;                  // with proxy_header: the header's name
  std::vector<std::string> trusted_proxies;  // with proxy_header: IP addresses
  bool tls = false;
};

http::handler make_console_handler(const console_settings& settings);

}  // namespace invhost::console

#endif
