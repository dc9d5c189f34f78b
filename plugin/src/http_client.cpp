#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/core/detail/base64.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <fsm/http_client.hpp>
#include <fsm/name_resolver.hpp>
#include <invsdk/adapter_base.hpp>
#include <optional>

namespace fsm {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

// One server's connection: plain or TLS over a beast::tcp_stream whose timer bounds each step.
struct connection {
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls;
  std::optional<beast::tcp_stream> plain;
  beast::flat_buffer buffer;
  bool open = false;
  std::size_t exchanges = 0;  // responses read on this connection

  beast::tcp_stream& tcp() { return tls ? beast::get_lowest_layer(*tls) : *plain; }
};

bool is_ip_literal(const std::string& host) {
  error_code ec;
  (void)asio::ip::make_address(host, ec);
  return !ec;
}

transport_failure classify(const error_code& ec) {
  if (ec == beast::error::timeout) return transport_failure::timeout;
  if (ec == http::error::body_limit || ec == http::error::header_limit ||
      ec == http::error::buffer_overflow)
    return transport_failure::too_large;
  return transport_failure::io;
}

// A peer that closed an idle keep-alive connection shows up as one of these on reuse.
bool closed_by_peer(const error_code& ec) {
  return ec == http::error::end_of_stream || ec == asio::error::eof ||
         ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == ssl::error::stream_truncated || ec == http::error::partial_message;
}

// "host:port" as a CONNECT request names it, IPv6 in brackets.
std::string authority_of(const endpoint& server) {
  const bool v6 = server.host.find(':') != std::string::npos;
  return (v6 ? "[" + server.host + "]" : server.host) + ":" + server.port;
}

std::string basic_credentials(const proxy_endpoint& proxy) {
  const std::string plain = proxy.username + ":" + proxy.password;
  std::string encoded(beast::detail::base64::encoded_size(plain.size()), '\0');
  encoded.resize(beast::detail::base64::encode(encoded.data(), plain.data(), plain.size()));
  return "Basic " + encoded;
}

// A CONNECT answer has headers only; these bound what a proxy can make the client read.
constexpr std::uint32_t max_connect_header = 16U << 10;

}  // namespace

std::chrono::milliseconds dns_timeout_for(std::chrono::seconds request_timeout) {
  return std::min<std::chrono::milliseconds>(request_timeout, std::chrono::seconds(10));
}

struct http_client::state {
  asio::io_context ioc;
  ssl::context ctx{ssl::context::tls_client};
  std::chrono::seconds timeout;
  http_limits limits;
  proxy_plan proxies;
  name_resolver resolver;
  std::map<std::string, std::unique_ptr<connection>> connections;

  // Runs one asynchronous step to completion on this thread and returns its error code.
  template <typename Start>
  error_code run(Start&& start) {
    error_code result = asio::error::would_block;
    start([&result](error_code ec, auto&&...) { result = ec; });
    ioc.restart();
    ioc.run();
    return result;
  }

  void close(connection& c) {
    if (c.open && c.tls) {
      // Polite TLS close; a peer that just drops the socket (stream_truncated) is fine too.
      c.tcp().expires_after(std::chrono::seconds(2));
      (void)run([&](auto h) { c.tls->async_shutdown(h); });
    }
    error_code ignored;
    if (c.tls || c.plain) c.tcp().socket().close(ignored);
    c.tls.reset();
    c.plain.reset();
    c.buffer.clear();
    c.open = false;
    c.exchanges = 0;
  }

  // Asks the proxy for a tunnel to server on c's connected TCP stream; on failure returns the
  // outcome to report. Messages name the proxy as display() shows it, never its credentials.
  std::optional<http_outcome> open_tunnel(connection& c, const endpoint& server,
                                          const proxy_endpoint& proxy) {
    const std::string target = authority_of(server);
    http::request<http::empty_body> req{http::verb::connect, target, 11};
    req.set(http::field::host, target);
    req.set(http::field::user_agent, "invhost-fsm-connector/0.1");
    if (proxy.has_credentials())
      req.set(http::field::proxy_authorization, basic_credentials(proxy));
    c.tcp().expires_after(timeout);
    error_code ec = run([&](auto h) { http::async_write(c.tcp(), req, h); });
    const std::string via = "the proxy " + proxy.display();
    if (ec)
      return http_outcome{
          classify(ec), "sending CONNECT to " + via + " failed: " + ec.message(), {}};
    // A CONNECT answer has no body whatever its headers say (RFC 9110 9.3.6): skip it, read
    // the header alone, within a bound.
    http::response_parser<http::empty_body> parser;
    parser.skip(true);
    parser.header_limit(max_connect_header);
    beast::flat_buffer buffer(max_connect_header + 1024U);
    c.tcp().expires_after(timeout);
    ec = run([&](auto h) { http::async_read(c.tcp(), buffer, parser, h); });
    if (ec) {
      if (classify(ec) == transport_failure::too_large)
        return http_outcome{
            transport_failure::io, via + " sent an oversized answer to CONNECT", {}};
      return http_outcome{
          classify(ec), "reading the answer of " + via + " to CONNECT failed: " + ec.message(), {}};
    }
    const int status = static_cast<int>(parser.get().result_int());
    if (status == 407)
      return http_outcome{transport_failure::proxy_auth,
                          via + " refused the credentials (HTTP 407) for CONNECT " + target,
                          {}};
    if (status < 200 || status > 299) {
      // A gateway status says the proxy could not reach the server this time: worth a retry.
      const bool transient = status == 502 || status == 503 || status == 504;
      return http_outcome{transient ? transport_failure::io : transport_failure::proxy_refused,
                          via + " answered " + std::to_string(status) + " to CONNECT " + target,
                          {}};
    }
    // The server speaks first only after the TLS client hello: bytes already here did not come
    // from it.
    if (buffer.size() != 0)
      return http_outcome{transport_failure::io,
                          via + " sent data before the tunnel to " + target + " was used",
                          {}};
    return std::nullopt;
  }

  // Opens c to server, through the proxy the plan names for it; on failure returns the outcome
  // to report.
  std::optional<http_outcome> connect(connection& c, const endpoint& server, std::size_t& opened) {
    close(c);
    const proxy_endpoint* proxy = proxies.route(server);
    // Through a proxy, the proxy resolves the server's name; here only the proxy's is resolved.
    const std::string& host = proxy != nullptr ? proxy->host : server.host;
    const std::string& port = proxy != nullptr ? proxy->port : server.port;
    const std::string peer = proxy != nullptr ? "the proxy " + proxy->display() : server.origin();
    const resolution names = resolver.resolve(host, port, dns_timeout_for(timeout));
    switch (names.failure) {
      case resolution_failure::none:
        break;
      case resolution_failure::not_found:
        return http_outcome{
            transport_failure::name_not_found,
            "the host name '" + host + "' of " + peer + " does not resolve (" + names.detail + ")",
            {}};
      case resolution_failure::timeout:
        return http_outcome{transport_failure::resolve_timeout,
                            "resolving the host name '" + host + "' of " + peer + " took over " +
                                std::to_string(dns_timeout_for(timeout).count() / 1000) + " s",
                            {}};
      case resolution_failure::failed:
        return http_outcome{
            transport_failure::io,
            "cannot resolve the host name '" + host + "' of " + peer + " (" + names.detail + ")",
            {}};
    }
    if (server.tls) {
      c.tls.emplace(ioc, ctx);
      if (!is_ip_literal(server.host) &&
          SSL_ctrl(c.tls->native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                   const_cast<char*>(server.host.c_str())) != 1)
        return http_outcome{transport_failure::io, "cannot set the TLS server name", {}};
      c.tls->set_verify_mode(ssl::verify_peer);
      c.tls->set_verify_callback(ssl::host_name_verification(server.host));
    } else {
      c.plain.emplace(ioc);
    }
    c.tcp().expires_after(timeout);
    const error_code cec = run([&](auto h) { c.tcp().async_connect(names.addresses, h); });
    if (cec) {
      close(c);
      return http_outcome{classify(cec), "cannot connect to " + peer + ": " + cec.message(), {}};
    }
    if (proxy != nullptr) {
      if (auto failed = open_tunnel(c, server, *proxy)) {
        close(c);
        return failed;
      }
    }
    ++opened;
    // Requests are small and answered before the next one goes out: Nagle only adds latency.
    error_code nodelay_ec;
    c.tcp().socket().set_option(tcp::no_delay(true), nodelay_ec);
    if (server.tls) {
      c.tcp().expires_after(timeout);
      const error_code hec =
          run([&](auto h) { c.tls->async_handshake(ssl::stream_base::client, h); });
      if (hec) {
        const long verify = SSL_get_verify_result(c.tls->native_handle());
        close(c);
        if (verify != X509_V_OK)
          return http_outcome{transport_failure::tls_verify,
                              "the TLS certificate of " + server.origin() +
                                  " could not be verified (" +
                                  X509_verify_cert_error_string(verify) + ")",
                              {}};
        if (hec.category() == asio::error::get_ssl_category())
          return http_outcome{transport_failure::tls_verify,
                              "the TLS certificate of " + server.origin() +
                                  " could not be verified (" + hec.message() + ")",
                              {}};
        return http_outcome{classify(hec),
                            "TLS handshake with " + server.origin() + " failed: " + hec.message(),
                            {}};
      }
    }
    c.open = true;
    return std::nullopt;
  }

  // One exchange on an open connection. reused_peer_close tells the caller the connection was
  // closed by the peer before any response byte, so the request can be resent on a new one.
  http_outcome exchange(connection& c, const endpoint& server, const http_request& r,
                        bool& reused_peer_close) {
    reused_peer_close = false;
    http::request<http::string_body> req{r.post ? http::verb::post : http::verb::get, r.target, 11};
    const bool default_port =
        (server.tls && server.port == "443") || (!server.tls && server.port == "80");
    const std::string host_header =
        (server.host.find(':') != std::string::npos ? "[" + server.host + "]" : server.host) +
        (default_port ? "" : ":" + server.port);
    req.set(http::field::host, host_header);
    req.set(http::field::user_agent, "invhost-fsm-connector/0.1");
    req.set(http::field::accept, "application/json");
    if (!r.authorization.empty()) req.set(http::field::authorization, r.authorization);
    if (r.post) {
      req.set(http::field::content_type, r.content_type);
      req.body() = r.body;
    }
    req.keep_alive(true);
    req.prepare_payload();

    const bool reused = c.exchanges > 0;
    c.tcp().expires_after(timeout);
    error_code ec = c.tls ? run([&](auto h) { http::async_write(*c.tls, req, h); })
                          : run([&](auto h) { http::async_write(*c.plain, req, h); });
    if (ec) {
      reused_peer_close = reused && closed_by_peer(ec);
      close(c);
      return http_outcome{
          classify(ec), "sending to " + server.origin() + " failed: " + ec.message(), {}};
    }
    http::response_parser<http::string_body> parser;
    parser.body_limit(limits.max_body);
    parser.header_limit(limits.max_header);
    c.tcp().expires_after(timeout);
    ec = c.tls ? run([&](auto h) { http::async_read(*c.tls, c.buffer, parser, h); })
               : run([&](auto h) { http::async_read(*c.plain, c.buffer, parser, h); });
    if (ec) {
      reused_peer_close = reused && closed_by_peer(ec) && !parser.got_some();
      close(c);
      if (classify(ec) == transport_failure::too_large)
        return http_outcome{transport_failure::too_large,
                            "the response from " + server.origin() + " exceeds the size limits",
                            {}};
      return http_outcome{
          classify(ec),
          "reading the response from " + server.origin() + " failed: " + ec.message(),
          {}};
    }
    ++c.exchanges;
    auto msg = parser.release();
    http_outcome out;
    out.response.status = static_cast<int>(msg.result_int());
    out.response.retry_after = std::string(msg[http::field::retry_after]);
    out.response.content_type = std::string(msg[http::field::content_type]);
    const bool keep = msg.keep_alive();
    out.response.body = std::move(msg.body());
    if (!keep) close(c);
    return out;
  }
};

http_client::http_client(const std::string& ca_file, std::chrono::seconds timeout,
                         http_limits limits, proxy_plan proxies)
    : s_(std::make_unique<state>()) {
  s_->timeout = timeout;
  s_->limits = limits;
  s_->proxies = std::move(proxies);
  s_->ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                      ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  s_->ctx.set_verify_mode(ssl::verify_peer);
  error_code ec;
  s_->ctx.set_default_verify_paths(ec);  // a host without a system store can still use ca_file
  if (!ca_file.empty()) {
    s_->ctx.load_verify_file(ca_file, ec);
    if (ec)
      throw invsdk::error(INVSDK_STATUS_INVALID_CONFIG,
                          "setting 'ca_file': cannot load trusted certificates from '" + ca_file +
                              "' (" + ec.message() + ")");
  }
}

http_client::~http_client() {
  for (auto& [key, c] : s_->connections) {
    try {
      s_->close(*c);
    } catch (...) {  // closing is best effort
    }
  }
}

http_outcome http_client::send(const endpoint& server, const http_request& request) {
  auto& slot = s_->connections[server.connection_key()];
  if (!slot) slot = std::make_unique<connection>();
  connection& c = *slot;
  for (int attempt = 0;; ++attempt) {
    if (!c.open) {
      if (auto failed = s_->connect(c, server, opened_)) return *failed;
    }
    bool peer_closed = false;
    http_outcome out = s_->exchange(c, server, request, peer_closed);
    // An idle connection the server had closed is not a failure of this request: resend once.
    if (peer_closed && attempt == 0) continue;
    return out;
  }
}

}  // namespace fsm
