// invhost serve [--listen ADDR] [--tls-cert F --tls-key F] [--auth local|proxy-header NAME]
//               [--trusted-proxy ADDR ...] [--allow-plain-http]
// Runs the web console until SIGTERM or SIGINT. Once it listens, the first line on stdout is
// "invhost: listening on <url>", with the port actually bound (so --listen 127.0.0.1:0 works for
// tests and scripts that read it).
#include <arpa/inet.h>
#include <fmt/format.h>

#include <cctype>
#include <csignal>
#include <cstdio>
#include <invhost/console/console_app.hpp>
#include <invhost/console/console_assets.hpp>
#include <invhost/host_log.hpp>
#include <invhost/http/server.hpp>

#include "commands.hpp"

namespace invhost::cli {
namespace {

struct serve_options {
  std::string listen = "127.0.0.1:8080";
  std::string tls_cert;
  std::string tls_key;
  std::vector<std::string> auth = {"local"};
  std::vector<std::string> trusted_proxies;
  bool allow_plain_http = false;
};

bool is_ip_address(const std::string& text) {
  unsigned char buf[16];
  return ::inet_pton(AF_INET, text.c_str(), buf) == 1 ||
         ::inet_pton(AF_INET6, text.c_str(), buf) == 1;
}

bool is_loopback(const std::string& address) {
  return address == "::1" || address.starts_with("127.");
}

// An HTTP header name is a token (RFC 9110 section 5.6.2).
bool is_header_name(const std::string& text) {
  constexpr std::string_view extra = "!#$%&'*+-.^_`|~";
  if (text.empty()) return false;
  for (const char c : text)
    if (!std::isalnum(static_cast<unsigned char>(c)) && extra.find(c) == std::string_view::npos)
      return false;
  return true;
}

// The options checked together; what the command line cannot mean is a usage error (64).
std::pair<http::server_options, console::console_settings> plan(const serve_options& o) {
  http::server_options server;
  console::console_settings console;
  server.listen = o.listen;
  http::bound_endpoint where;
  try {
    where = http::parse_listen_address(o.listen);
  } catch (const http::server_error& e) {
    throw cli_error(e.what(), "e.g. --listen 127.0.0.1:8080 or --listen [::1]:8443", exit_usage);
  }
  if (o.tls_cert.empty() != o.tls_key.empty())
    throw cli_error("--tls-cert and --tls-key go together", "give both PEM files, or neither",
                    exit_usage);
  if (!o.tls_cert.empty()) server.tls = http::tls_files{o.tls_cert, o.tls_key};
  // Off loopback, sign-in passwords and session cookies would cross the network in clear.
  if (!server.tls && !is_loopback(where.address) && !o.allow_plain_http)
    throw cli_error("refusing to serve plain HTTP on " + o.listen + ", which is not loopback",
                    "give --tls-cert and --tls-key, or --allow-plain-http when a TLS proxy on a "
                    "private network is in front",
                    exit_usage);
  console.tls = server.tls.has_value();
  if (o.auth.size() == 1 && o.auth[0] == "local") {
    console.auth = console::auth_mode::local;
  } else if (o.auth.size() == 2 && o.auth[0] == "proxy-header") {
    if (!is_header_name(o.auth[1]))
      throw cli_error("--auth proxy-header: " + o.auth[1] + " is not a header name", "",
                      exit_usage);
    console.auth = console::auth_mode::proxy_header;
    console.proxy_header = o.auth[1];
  } else {
    throw cli_error("--auth takes `local` or `proxy-header NAME`", "", exit_usage);
  }
  for (const auto& proxy : o.trusted_proxies)
    if (!is_ip_address(proxy))
      throw cli_error("--trusted-proxy " + proxy + " is not an IP address", "", exit_usage);
  if (console.auth == console::auth_mode::proxy_header && o.trusted_proxies.empty())
    throw cli_error("--auth proxy-header needs --trusted-proxy",
                    "without it, any client could name itself in the header", exit_usage);
  if (console.auth == console::auth_mode::local && !o.trusted_proxies.empty())
    throw cli_error("--trusted-proxy applies only to --auth proxy-header", "", exit_usage);
  console.trusted_proxies = o.trusted_proxies;
  return {server, console};
}

// Blocks SIGTERM and SIGINT in this thread before the server starts its threads (they inherit
// the mask), so the signal can only arrive here, in sigwait, and stop the server cleanly.
class termination_signals {
 public:
  termination_signals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set_, &previous_);
  }
  ~termination_signals() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
  termination_signals(const termination_signals&) = delete;
  termination_signals& operator=(const termination_signals&) = delete;
  int wait() const {
    int signal = 0;
    sigwait(&set_, &signal);
    return signal;
  }

 private:
  sigset_t set_{};
  sigset_t previous_{};
};

void serve(cli_context& ctx, const serve_options& o) {
  auto [server_options, console_settings] = plan(o);
  console_settings.home = ctx.home();
  ctx.config();  // a configuration that does not parse is reported before anything listens
  if (!ctx.db_option.empty()) console_settings.db = ctx.db_option;
  static const auto assets = console::console_assets();
  server_options.assets = &assets;
  termination_signals signals;
  http::server server;
  http::bound_endpoint bound;
  try {
    bound = server.start(server_options, console::make_console_handler(console_settings));
  } catch (const http::server_error& e) {
    throw cli_error(e.what());
  } catch (const store_error& e) {
    throw cli_error(e.what(), "check --db or [host] database in " + ctx.config_file().string());
  } catch (const config_error& e) {
    throw cli_error(e.what(), "fix the file at that line and column, then try again");
  }
  print("invhost: listening on " + bound.url() + "\n");
  std::fflush(stdout);
  host_log(log_level::info, "console listening on " + bound.url());
  const int signal = signals.wait();
  host_log(log_level::info, fmt::format("console stopping on signal {}", signal));
  server.stop();
}

}  // namespace

void register_serve_commands(CLI::App& app, cli_context& ctx) {
  auto o = std::make_shared<serve_options>();
  auto* cmd = app.add_subcommand("serve", "Run the web console until SIGTERM or SIGINT");
  cmd->add_option("--listen", o->listen,
                  "host:port to listen on; IPv6 as [::1]:8080; port 0 picks a free one")
      ->capture_default_str();
  cmd->add_option("--tls-cert", o->tls_cert, "PEM certificate (chain) file: serve HTTPS");
  cmd->add_option("--tls-key", o->tls_key, "PEM private key file of --tls-cert");
  cmd->add_option("--auth", o->auth, "local (accounts of `invhost users`) | proxy-header NAME")
      ->expected(1, 2)
      ->capture_default_str();
  cmd->add_option("--trusted-proxy", o->trusted_proxies,
                  "IP address of a reverse proxy whose --auth header is believed (repeatable)");
  cmd->add_flag("--allow-plain-http", o->allow_plain_http,
                "Allow plain HTTP on a non-loopback address (behind a TLS proxy)");
  cmd->footer(
      "Once listening, prints `invhost: listening on <url>` on stdout (the bound port when\n"
      "--listen asks for port 0). Stops on SIGTERM or SIGINT, letting requests in progress end.");
  cmd->callback(ctx.command([&ctx, o] { serve(ctx, *o); }));
}

}  // namespace invhost::cli
