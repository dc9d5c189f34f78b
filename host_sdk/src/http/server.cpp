// Design: blocking I/O, one thread per connection, at most max_connections of them.
// Handlers do blocking database work (SOCI has no async API), so whatever runs a handler is
// tied up for its duration. With a thread per connection, a slow page ties up only its own
// connection, a streamed CSV is a plain loop of write() calls, and no request waits for a pool
// thread held by someone else's query. The cost, a thread per open connection, is bounded by
// max_connections, which a console for license managers never approaches. Time limits, which
// blocking reads lack, come from connection_registry's watchdog.
#include <fmt/format.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/error.hpp>
#include <condition_variable>
#include <invhost/host_log.hpp>
#include <invhost/http/server.hpp>
#include <invhost/utf8.hpp>
#include <mutex>
#include <thread>

#include "connection.hpp"
#include "tls_context.hpp"

namespace invhost::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;

namespace detail {

void log_handler_failure(const request& req, std::string_view what) noexcept {
  try {
    host_log(log_level::error, fmt::format("console: {} {} failed: {}", req.method, req.path,
                                           utf8_prefix(what, 300)));
  } catch (...) {
  }
}

std::optional<std::string> call_handler(const handler& on_request, const request& req,
                                        response& res) noexcept {
  try {
    on_request(req, res);
    return std::nullopt;
  } catch (const std::exception& e) {
    return std::string(e.what());
  } catch (...) {
    return std::string("a non-standard exception");
  }
}

unsigned status_for_read_error(const beast::error_code& ec) {
  if (ec == bhttp::error::header_limit) return 431;
  if (ec == bhttp::error::body_limit) return 413;
  if (ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
      ec == asio::error::connection_reset || ec == asio::error::operation_aborted ||
      ec == asio::error::shut_down || ec == asio::error::not_connected ||
      ec == ssl::error::stream_truncated || ec == bhttp::error::partial_message)
    return 0;
  // A read cut by the watchdog shows as an error of the socket; anything from the parser is the
  // client's malformed request.
  if (ec.category() == bhttp::make_error_code(bhttp::error::header_limit).category()) return 400;
  return 0;
}

}  // namespace detail

std::string bound_endpoint::url() const {
  const bool v6 = address.find(':') != std::string::npos;
  return fmt::format("{}://{}{}{}:{}", tls ? "https" : "http", v6 ? "[" : "", address,
                     v6 ? "]" : "", port);
}

bound_endpoint parse_listen_address(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size())
    throw server_error("listen address " + text + " is not host:port (IPv6: [::1]:8080)");
  std::string host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  else if (host.find(':') != std::string::npos)
    throw server_error("listen address " + text +
                       ": write an IPv6 address in brackets, [::1]:8080");
  if (host == "localhost") host = "127.0.0.1";
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (ec) throw server_error("listen address " + text + ": " + host + " is not an IP address");
  const std::string port_text = text.substr(colon + 1);
  unsigned long port = 0;
  try {
    std::size_t used = 0;
    port = std::stoul(port_text, &used);
    if (used != port_text.size()) throw std::invalid_argument("trailing text");
  } catch (const std::exception&) {
    throw server_error("listen address " + text + ": port " + port_text + " is not a number");
  }
  if (port > 65535) throw server_error("listen address " + text + ": port above 65535");
  return {address.to_string(), static_cast<std::uint16_t>(port), false};
}

struct server::state : std::enable_shared_from_this<server::state> {
  server_options options;
  handler on_request;
  std::optional<ssl::context> tls;
  asio::io_context io;
  tcp::acceptor acceptor{io};
  detail::connection_registry registry;
  std::thread acceptor_thread;
  std::mutex mutex;
  std::condition_variable stopped_cv;
  bool stopping = false;
  bool stopped = false;

  // Connections over max_connections get a thread too, only to read their request and answer
  // 503; beyond this many more, a connection is closed unanswered.
  static constexpr std::size_t refusal_slots = 16;

  void accept_next() {
    acceptor.async_accept(
        [self = shared_from_this()](boost::system::error_code ec, tcp::socket socket) {
          if (ec) {
            if (ec == asio::error::operation_aborted || !self->acceptor.is_open()) return;
            host_log(log_level::warn, "console: accept failed: " + ec.message());
          } else {
            self->admit(std::move(socket));
          }
          self->accept_next();
        });
  }

  void admit(tcp::socket socket) {
    const bool over = registry.live() >= options.max_connections;
    const auto id = registry.add(socket.native_handle(), options.max_connections + refusal_slots);
    if (id == 0) return;  // the socket closes here
    boost::system::error_code ec;
    const auto peer = socket.remote_endpoint(ec);
    std::string remote = ec ? std::string() : peer.address().to_string();
    std::thread([self = shared_from_this(), id, over, remote = std::move(remote),
                 socket = std::move(socket)]() mutable {
      self->serve(id, over, std::move(remote), std::move(socket));
      self->registry.remove(id);
    }).detach();
  }

  void serve(std::uint64_t id, bool over, std::string remote, tcp::socket socket) noexcept {
    try {
      detail::connection_context ctx{options, on_request,      registry,
                                     id,      tls.has_value(), std::move(remote)};
      beast::flat_buffer buffer;
      if (!tls) {
        detail::serve_requests(socket, ctx, buffer, over);
        boost::system::error_code ec;
        socket.shutdown(tcp::socket::shutdown_send, ec);
        return;
      }
      ssl::stream<tcp::socket> stream(std::move(socket), *tls);
      registry.arm(id, options.read_timeout);
      boost::system::error_code ec;
      stream.handshake(ssl::stream_base::server, ec);
      registry.disarm(id);
      if (ec) return;
      detail::serve_requests(stream, ctx, buffer, over);
      registry.arm(id, std::chrono::milliseconds(1000));
      stream.shutdown(ec);  // close_notify; a client that already left is no error
      registry.disarm(id);
    } catch (const std::exception& e) {
      host_log(log_level::error, std::string("console: connection failed: ") + e.what());
    } catch (...) {
    }
  }
};

server::server() = default;

server::~server() {
  stop();
}

bound_endpoint server::start(const server_options& options, handler on_request) {
  if (state_) throw server_error("this server was already started");
  if (!on_request) throw server_error("a server needs a request handler");
  auto endpoint = parse_listen_address(options.listen);
  auto s = std::make_shared<state>();
  s->options = options;
  s->on_request = std::move(on_request);
  if (options.tls) s->tls.emplace(detail::make_tls_context(*options.tls));
  const tcp::endpoint where(asio::ip::make_address(endpoint.address), endpoint.port);
  boost::system::error_code ec;
  s->acceptor.open(where.protocol(), ec);
  if (!ec) s->acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec && where.address().is_v6()) s->acceptor.set_option(asio::ip::v6_only(true), ec);
  if (!ec) s->acceptor.bind(where, ec);
  if (!ec) s->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) throw server_error("cannot listen on " + options.listen + ": " + ec.message());
  endpoint.port = s->acceptor.local_endpoint().port();
  endpoint.tls = s->tls.has_value();
  s->accept_next();
  s->acceptor_thread = std::thread([s] { s->io.run(); });
  state_ = std::move(s);
  return endpoint;
}

void server::wait() {
  if (!state_) return;
  std::unique_lock lock(state_->mutex);
  state_->stopped_cv.wait(lock, [&] { return state_->stopped; });
}

void server::stop() {
  if (!state_) return;
  {
    // The first caller stops; any other waits until that is done.
    std::unique_lock lock(state_->mutex);
    if (state_->stopping) {
      state_->stopped_cv.wait(lock, [&] { return state_->stopped; });
      return;
    }
    state_->stopping = true;
  }
  asio::post(state_->io, [s = state_] {
    boost::system::error_code ec;
    s->acceptor.close(ec);
  });
  state_->acceptor_thread.join();
  state_->registry.stop(state_->options.stop_grace);
  {
    std::lock_guard lock(state_->mutex);
    state_->stopped = true;
  }
  state_->stopped_cv.notify_all();
}

}  // namespace invhost::http
