// The console's request handler: pages and routes behind `invhost serve`.
#ifndef INVHOST_CONSOLE_APP_HPP
#define INVHOST_CONSOLE_APP_HPP

#include <chrono>
#include <filesystem>
#include <invhost/http/server.hpp>
#include <optional>
#include <string>
#include <vector>

namespace invhost::console {

// How people are recognised.
enum class auth_mode {
  local,        // local accounts and a sign-in page
  proxy_header  // a reverse proxy names the user in a header, trusted only from its addresses
};

struct console_settings {
  std::filesystem::path home;     // the host's home: invhost.toml, the lock, the database
  std::optional<std::string> db;  // --db, when given; else the configuration's database
  auth_mode auth = auth_mode::local;
  std::string proxy_header;                  // with proxy_header: the header's name
  std::vector<std::string> trusted_proxies;  // with proxy_header: IP addresses
  bool tls = false;
  std::chrono::seconds session_idle{std::chrono::minutes(30)};
  std::size_t database_connections = 8;  // requests beyond this wait for a free connection
};

// Opens the database (migrating it) and reads the configuration once, so that a broken home is
// reported before the server listens. Throws std::runtime_error with an actionable message.
http::handler make_console_handler(const console_settings& settings);

}  // namespace invhost::console

#endif
