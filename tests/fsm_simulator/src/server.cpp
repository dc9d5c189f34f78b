#include "server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <stdexcept>
#include <thread>
#include <vector>

namespace fsmsim {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using tcp_stream = beast::tcp_stream;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;

constexpr auto idle_timeout = std::chrono::seconds(60);
constexpr std::uint32_t header_limit = 16 * 1024;
constexpr std::uint64_t body_limit = 64 * 1024;
constexpr auto token = asio::as_tuple(asio::use_awaitable);

template <class Stream>
asio::awaitable<void> serve_requests(Stream& stream, server_state& state) {
  beast::flat_buffer buffer(header_limit + body_limit);
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(header_limit);
    parser.body_limit(body_limit);
    beast::get_lowest_layer(stream).expires_after(idle_timeout);
    auto [ec, n] = co_await http::async_read(stream, buffer, parser, token);
    if (ec == http::error::header_limit || ec == http::error::body_limit) {
      http::response<http::string_body> res{http::status::payload_too_large, 11};
      res.set(http::field::content_type, "text/plain");
      res.body() = "request too large\n";
      res.keep_alive(false);
      res.prepare_payload();
      co_await http::async_write(stream, res, token);
      co_return;
    }
    if (ec) co_return;  // closed, timed out or garbage: nothing to answer
    auto out = handle_request(state, parser.get());
    if (out.delay_ms != 0) {
      asio::steady_timer timer(co_await asio::this_coro::executor);
      timer.expires_after(std::chrono::milliseconds(out.delay_ms));
      co_await timer.async_wait(token);
    }
    if (out.drop) {
      beast::error_code ignored;
      beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_both, ignored);
      beast::get_lowest_layer(stream).socket().close(ignored);
      co_return;
    }
    const bool keep = out.res.keep_alive();
    beast::get_lowest_layer(stream).expires_after(idle_timeout);
    auto [wec, wn] = co_await http::async_write(stream, out.res, token);
    if (wec || !keep) co_return;
  }
}

asio::awaitable<void> serve_plain(tcp::socket socket, server_state& state) {
  tcp_stream stream(std::move(socket));
  co_await serve_requests(stream, state);
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

asio::awaitable<void> serve_tls(tcp::socket socket, asio::ssl::context& ctx, server_state& state) {
  tls_stream stream(tcp_stream(std::move(socket)), ctx);
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(30));
  auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, token);
  if (ec) co_return;
  co_await serve_requests(stream, state);
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(5));
  auto [sec] = co_await stream.async_shutdown(token);
  (void)sec;
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, asio::ssl::context* ctx,
                                  server_state& state) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(token);
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) continue;
    state.counters.on_connection();
    // A response goes out in several writes (header, body, TLS records); with Nagle on, each
    // write after the first waits for the client's delayed ACK, ~40 ms a page on loopback.
    beast::error_code nodelay_ec;
    socket.set_option(tcp::no_delay(true), nodelay_ec);
    auto ex = socket.get_executor();
    if (ctx != nullptr) {
      asio::co_spawn(ex, serve_tls(std::move(socket), *ctx, state), asio::detached);
    } else {
      asio::co_spawn(ex, serve_plain(std::move(socket), state), asio::detached);
    }
  }
}

}  // namespace

void run_server(server_state& state, const server_options& opts,
                const std::function<void(const std::string&)>& on_listening) {
  asio::io_context ioc(static_cast<int>(opts.threads));
  std::optional<asio::ssl::context> ctx;
  if (opts.tls_cert || opts.tls_key) {
    if (!opts.tls_cert || !opts.tls_key) {
      throw std::runtime_error("--tls-cert and --tls-key go together");
    }
    ctx.emplace(asio::ssl::context::tls_server);
    ctx->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                     asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                     asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
    beast::error_code ec;
    ctx->use_certificate_chain_file(opts.tls_cert->string(), ec);
    if (ec) throw std::runtime_error("cannot load --tls-cert: " + ec.message());
    ctx->use_private_key_file(opts.tls_key->string(), asio::ssl::context::pem, ec);
    if (ec) throw std::runtime_error("cannot load --tls-key: " + ec.message());
  }
  const auto address = asio::ip::make_address(opts.bind_address);
  tcp::acceptor acceptor(ioc);
  const tcp::endpoint ep(address, opts.port);
  acceptor.open(ep.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  beast::error_code ec;
  acceptor.bind(ep, ec);
  if (ec)
    throw std::runtime_error("cannot bind " + opts.bind_address + ":" + std::to_string(opts.port) +
                             ": " + ec.message());
  acceptor.listen(asio::socket_base::max_listen_connections);
  const auto port = acceptor.local_endpoint().port();

  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](const beast::error_code&, int) {
    beast::error_code ignored;
    acceptor.close(ignored);
    ioc.stop();
  });
  asio::co_spawn(ioc, accept_loop(acceptor, ctx ? &*ctx : nullptr, state), asio::detached);

  const auto host = address.is_v6() ? "[" + opts.bind_address + "]" : opts.bind_address;
  on_listening(std::string(ctx ? "https" : "http") + "://" + host + ":" + std::to_string(port));

  std::vector<std::thread> pool;
  for (unsigned i = 1; i < std::max(1U, opts.threads); ++i) pool.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
}

}  // namespace fsmsim
