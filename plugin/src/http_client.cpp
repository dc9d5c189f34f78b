#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <fsm/http_client.hpp>
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

}  // namespace

struct http_client::state {
  asio::io_context ioc;
  ssl::context ctx{ssl::context::tls_client};
  std::chrono::seconds timeout;
  http_limits limits;
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

  // Opens c to server; on failure returns the outcome to report.
  std::optional<http_outcome> connect(connection& c, const endpoint& server, std::size_t& opened) {
    close(c);
    tcp::resolver resolver(ioc);
    tcp::resolver::results_type addresses;
    const error_code rec = run([&](auto h) {
      resolver.async_resolve(server.host, server.port,
                             [&addresses, h](error_code ec, auto r) mutable {
                               addresses = r;
                               h(ec);
                             });
    });
    if (rec)
      return http_outcome{
          transport_failure::io, "cannot resolve " + server.host + ": " + rec.message(), {}};
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
    const error_code cec = run([&](auto h) { c.tcp().async_connect(addresses, h); });
    if (cec) {
      close(c);
      return http_outcome{
          classify(cec), "cannot connect to " + server.origin() + ": " + cec.message(), {}};
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
                         http_limits limits)
    : s_(std::make_unique<state>()) {
  s_->timeout = timeout;
  s_->limits = limits;
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
