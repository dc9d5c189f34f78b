// The console's HTTP/1.1 server: keep-alive, optional TLS, request limits, security headers,
// embedded assets. A handler answers every request that is not an asset.
#ifndef INVHOST_HTTP_SERVER_HPP
#define INVHOST_HTTP_SERVER_HPP

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "assets.hpp"
#include "request.hpp"
#include "response.hpp"

namespace invhost::http {

// Called on a connection's own thread; may block (database work) without stalling other
// connections. An exception becomes a 500 page that says nothing of it; the message is logged.
using handler = std::function<void(const request&, response&)>;

struct tls_files {
  std::filesystem::path certificate;  // PEM, the server certificate then its chain
  std::filesystem::path private_key;  // PEM
};

struct server_options {
  // "host:port" or "[v6]:port"; port 0 lets the system choose (start() returns the bound port).
  std::string listen = "127.0.0.1:8080";
  std::optional<tls_files> tls;
  std::size_t max_header_bytes = 16 * 1024;  // more: 431
  std::size_t max_body_bytes = 64 * 1024;    // more: 413
  // From a request's first byte to its last: a client that trickles a request (slow loris) is
  // dropped when this passes. Also bounds the TLS handshake.
  std::chrono::milliseconds read_timeout{10'000};
  // A kept-alive connection waiting for its next request is closed after this.
  std::chrono::milliseconds idle_timeout{30'000};
  // One write to a client that does not read is abandoned after this.
  std::chrono::milliseconds write_timeout{30'000};
  // Connections served at once; one more is answered 503 and closed.
  std::size_t max_connections = 64;
  // stop() lets requests in progress finish for this long, then cuts them.
  std::chrono::milliseconds stop_grace{10'000};
  // Served at /assets/<name> (exact names only) before the handler is asked; null: none.
  const asset_table* assets = nullptr;
};

// What start() bound to.
struct bound_endpoint {
  std::string address;  // "127.0.0.1", "::1"
  std::uint16_t port = 0;
  bool tls = false;
  // "http://127.0.0.1:8080", "https://[::1]:8443"
  [[nodiscard]] std::string url() const;
};

// A listen address, TLS files or options the server cannot use. The message names the file or
// the value.
class server_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "host:port" / "[v6]:port" split and checked (the host must be an IP address). Throws
// server_error.
bound_endpoint parse_listen_address(const std::string& text);

class server {
 public:
  server();
  ~server();  // stop()s
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  // Loads TLS files, binds, listens and starts serving in the background. Throws server_error.
  bound_endpoint start(const server_options& options, handler on_request);
  // Blocks until stop() (from another thread or a signal watcher) has finished.
  void wait();
  // Graceful: stops accepting, closes idle connections, lets requests in progress finish within
  // stop_grace, then returns when every connection thread has ended. Idempotent.
  void stop();

 private:
  struct state;
  std::shared_ptr<state> state_;
};

}  // namespace invhost::http

#endif
