// A minimal blocking HTTP(S) client for the simulator's own tests: one request per connection
// unless a `connection` is reused, answers returned whole.
#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/json.hpp>
#include <filesystem>
#include <optional>
#include <string>

namespace simtest {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

struct response {
  unsigned status = 0;
  std::string body;
  http::fields headers;
  bool dropped = false;  // the server closed the connection without answering
  boost::json::value json() const { return boost::json::parse(body); }
  bool json_ok() const {
    boost::system::error_code ec;
    boost::json::parse(body, ec);
    return !ec;
  }
};

// Sends one request on a fresh connection to 127.0.0.1:port. With `ca_file`, speaks TLS and
// verifies the server certificate for host "127.0.0.1" against that CA only.
inline response request(std::uint16_t port, http::verb method, const std::string& target,
                        const std::string& bearer = {}, const std::string& body = {},
                        const std::string& content_type = "application/x-www-form-urlencoded",
                        const std::optional<std::filesystem::path>& ca_file = std::nullopt) {
  asio::io_context ioc;
  http::request<http::string_body> req{method, target, 11};
  req.set(http::field::host, "127.0.0.1");
  if (!bearer.empty()) req.set(http::field::authorization, "Bearer " + bearer);
  if (!body.empty()) {
    req.set(http::field::content_type, content_type);
    req.body() = body;
  }
  req.prepare_payload();
  const asio::ip::tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port);
  response out;
  beast::flat_buffer buf;
  http::response<http::string_body> res;
  beast::error_code ec;
  if (ca_file) {
    asio::ssl::context ctx(asio::ssl::context::tls_client);
    ctx.load_verify_file(ca_file->string());
    ctx.set_verify_mode(asio::ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream> s(ioc, ctx);
    s.set_verify_callback(asio::ssl::host_name_verification("127.0.0.1"));
    s.next_layer().connect(ep);
    s.handshake(asio::ssl::stream_base::client);  // throws on a bad certificate
    http::write(s, req);
    http::read(s, buf, res, ec);
    s.shutdown(ec);
  } else {
    beast::tcp_stream s(ioc);
    s.connect(ep);
    http::write(s, req);
    http::read(s, buf, res, ec);
  }
  if (ec) {
    out.dropped = true;
    return out;
  }
  out.status = res.result_int();
  out.body = res.body();
  out.headers = res.base();
  return out;
}

inline response get(std::uint16_t port, const std::string& target, const std::string& bearer) {
  return request(port, http::verb::get, target, bearer);
}

}  // namespace simtest
