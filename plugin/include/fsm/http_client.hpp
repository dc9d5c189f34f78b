// A small HTTP/1.1 client over TLS (Boost.Beast + Boost.Asio ssl) with one persistent
// connection per server, directly or through an HTTP proxy's CONNECT tunnel. Certificate and
// host-name verification of the server (never of the proxy) are always on.
#ifndef FSM_HTTP_CLIENT_HPP
#define FSM_HTTP_CLIENT_HPP

#include <chrono>
#include <cstddef>
#include <fsm/endpoint.hpp>
#include <fsm/proxy.hpp>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace fsm {

struct http_response {
  int status = 0;
  std::string body;
  std::string retry_after;  // the Retry-After header, empty when absent
  std::string content_type;
};

// Why no response arrived.
enum class transport_failure {
  none,
  timeout,          // an operation took longer than the request timeout
  resolve_timeout,  // the name resolver did not answer within its own limit (dns_timeout_for)
  io,               // resolve/connect/reset/closed mid-response; a proxy's 502/503/504 to CONNECT
  name_not_found,   // the server's (or proxy's) host name does not exist: retrying cannot help
  proxy_auth,       // the proxy answered 407: its credentials are missing or wrong
  proxy_refused,    // the proxy answered CONNECT with another status that retrying cannot change
  tls_verify,       // the server's certificate could not be verified for its host name
  too_large,        // header or body beyond the limits
};

struct http_outcome {
  transport_failure failure = transport_failure::none;
  std::string detail;  // for messages: what failed, never a header value
  http_response response;
};

struct http_request {
  bool post = false;
  std::string target;         // path and query
  std::string body;           // for POST
  std::string content_type;   // for POST
  std::string authorization;  // header value or empty; never logged
};

struct http_limits {
  std::size_t max_body = std::size_t{64} << 20;  // 64 MiB per response
  std::uint32_t max_header = 64U << 10;          // 64 KiB of headers
};

// How long one name resolution may take: the request timeout, at most 10 s. A resolver that has
// not answered in 10 s is not going to, and a whole request timeout (60 s by default) per
// attempt would make a broken DNS look like a hung import.
std::chrono::milliseconds dns_timeout_for(std::chrono::seconds request_timeout);

class http_client {
 public:
  // ca_file: extra trusted certificates (PEM) besides the system store; empty for none.
  // timeout bounds each network step; name resolution has its own, shorter bound
  // (dns_timeout_for). Throws invsdk::error(INVALID_CONFIG) when ca_file cannot be loaded.
  http_client(const std::string& ca_file, std::chrono::seconds timeout, http_limits limits = {},
              proxy_plan proxies = {});
  ~http_client();
  http_client(const http_client&) = delete;
  http_client& operator=(const http_client&) = delete;

  // Sends one request on the server's persistent connection (opened or re-opened as needed).
  // A connection the server closed while idle is re-opened and the request sent once more.
  http_outcome send(const endpoint& server, const http_request& request);

  // Connections opened so far (tests: keep-alive works when this stays small).
  [[nodiscard]] std::size_t connections_opened() const noexcept { return opened_; }

 private:
  struct state;
  std::unique_ptr<state> s_;
  std::size_t opened_ = 0;
};

}  // namespace fsm

#endif  // FSM_HTTP_CLIENT_HPP
