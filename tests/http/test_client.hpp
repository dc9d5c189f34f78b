// A plain client for the server tests: raw bytes for what a browser would never send, and a
// Beast connection (plain or TLS) for ordinary requests.
#ifndef INVHOST_TESTS_HTTP_TEST_CLIENT_HPP
#define INVHOST_TESTS_HTTP_TEST_CLIENT_HPP

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <invhost/http/server.hpp>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace http_test {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using reply = bhttp::response<bhttp::string_body>;

// A server on 127.0.0.1, port 0, for one test; stopped when it goes.
struct running_server {
  explicit running_server(invhost::http::handler handler,
                          invhost::http::server_options options = {});
  invhost::http::server server;
  invhost::http::bound_endpoint endpoint;
};

// Sends bytes on a new connection, then reads until the server closes it (or 5 s pass).
std::string raw_exchange(std::uint16_t port, const std::string& bytes);

// The status code of a raw response ("HTTP/1.1 431 ..." gives 431), 0 if none.
unsigned raw_status(const std::string& response);

// One kept-alive connection, plain or TLS.
class client {
 public:
  explicit client(std::uint16_t port);
  client(std::uint16_t port, asio::ssl::context& tls);
  reply get(const std::string& target, const bhttp::fields& headers = {});
  reply post(const std::string& target, const std::string& content_type, const std::string& body);
  reply send(bhttp::request<bhttp::string_body> req);
  // Whether the server closed the connection after the last reply.
  bool closed_by_server();

 private:
  asio::io_context io_;
  tcp::socket socket_{io_};
  std::unique_ptr<asio::ssl::stream<tcp::socket&>> tls_;
  boost::beast::flat_buffer buffer_;
};

// A handler that keeps a copy of the last request it saw and answers "ok".
struct recorder {
  std::mutex mutex;
  std::optional<invhost::http::request> last;
  invhost::http::handler handler();
  invhost::http::request take();
};

}  // namespace http_test

#endif
