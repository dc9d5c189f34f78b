#include "test_client.hpp"

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/test/unit_test.hpp>

namespace http_test {

running_server::running_server(invhost::http::handler handler,
                               invhost::http::server_options options) {
  options.listen = "127.0.0.1:0";
  endpoint = server.start(options, std::move(handler));
}

namespace {

tcp::endpoint loopback(std::uint16_t port) {
  return {asio::ip::make_address("127.0.0.1"), port};
}

// A test must never hang on a server that fails to answer.
void set_receive_timeout(tcp::socket& socket, int seconds) {
  timeval tv{seconds, 0};
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

}  // namespace

std::string raw_exchange(std::uint16_t port, const std::string& bytes) {
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(loopback(port));
  set_receive_timeout(socket, 5);
  boost::system::error_code ec;
  asio::write(socket, asio::buffer(bytes), ec);
  std::string out;
  char buf[4096];
  for (;;) {
    const auto n = socket.read_some(asio::buffer(buf), ec);
    if (ec) break;
    out.append(buf, n);
  }
  return out;
}

unsigned raw_status(const std::string& response) {
  if (response.size() < 12 || !response.starts_with("HTTP/1.1 ")) return 0;
  return static_cast<unsigned>(std::stoul(response.substr(9, 3)));
}

client::client(std::uint16_t port) {
  socket_.connect(loopback(port));
  set_receive_timeout(socket_, 10);
}

client::client(std::uint16_t port, asio::ssl::context& tls) {
  socket_.connect(loopback(port));
  set_receive_timeout(socket_, 10);
  tls_ = std::make_unique<asio::ssl::stream<tcp::socket&>>(socket_, tls);
  tls_->set_verify_mode(asio::ssl::verify_peer);
  tls_->set_verify_callback(asio::ssl::host_name_verification("127.0.0.1"));
  tls_->handshake(asio::ssl::stream_base::client);
}

reply client::send(bhttp::request<bhttp::string_body> req) {
  req.version(11);
  req.set(bhttp::field::host, "127.0.0.1");
  req.prepare_payload();
  reply res;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  if (tls_) {
    bhttp::write(*tls_, req);
    bhttp::read(*tls_, buffer_, parser);
  } else {
    bhttp::write(socket_, req);
    bhttp::read(socket_, buffer_, parser);
  }
  return parser.release();
}

reply client::get(const std::string& target, const bhttp::fields& headers) {
  bhttp::request<bhttp::string_body> req{bhttp::verb::get, target, 11};
  for (const auto& f : headers) req.set(f.name_string(), f.value());
  return send(std::move(req));
}

reply client::post(const std::string& target, const std::string& content_type,
                   const std::string& body) {
  bhttp::request<bhttp::string_body> req{bhttp::verb::post, target, 11};
  req.set(bhttp::field::content_type, content_type);
  req.body() = body;
  return send(std::move(req));
}

bool client::closed_by_server() {
  set_receive_timeout(socket_, 2);
  char byte = 0;
  boost::system::error_code ec;
  socket_.read_some(asio::buffer(&byte, 1), ec);
  return ec == asio::error::eof || ec == asio::error::connection_reset;
}

invhost::http::handler recorder::handler() {
  return [this](const invhost::http::request& req, invhost::http::response& res) {
    {
      std::lock_guard lock(mutex);
      last = req;
    }
    res.send(200, "text/plain; charset=utf-8", "ok");
  };
}

invhost::http::request recorder::take() {
  std::lock_guard lock(mutex);
  BOOST_REQUIRE(last.has_value());
  return *last;
}

}  // namespace http_test
